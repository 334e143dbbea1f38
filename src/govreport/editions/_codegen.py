"""Generate an edition's typed model (attrs classes) from its declaration.

The declaration (tables, lines, columns, fields) is the one source; the model classes are derived from it. For the
built-in editions the generated source is committed (``govreport/model.py`` for 2021), so that mypy and IDEs see
static types; a test and ``python -m govreport.editions._codegen --check`` fail when the committed file drifts from
the declaration. An edition declared elsewhere (a test, a third-party package) gets the same source built at run
time: attrs itself builds ``__init__`` methods the same way, from generated source.

Usage::

    python -m govreport.editions._codegen            # rewrite the committed model modules
    python -m govreport.editions._codegen --check    # exit 1 when one differs from its declaration
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import types
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from govreport.editions._spec import Column, Edition, FieldSpec, Line, TableSpec

__all__ = ["build", "main", "source"]

_HEADER = '''"""The typed model of the {name} edition ({notice}): frozen, slotted, keyword-only attrs classes.

GENERATED from the edition's declaration by ``python -m govreport.editions._codegen``; do not edit by hand (a test
fails when this file and the declaration differ).

The classes hold a report *as published*, wrong totals included: construction checks types and shapes only, and
the rule engine judges the 勾稽 relations. A count is ``int | None`` and an amount ``Decimal | None``, where
``None`` means the published report left the cell blank or printed ``/``, ``-``, ``—``. Negative counts can be
held in memory (a program may compute one) and are reported by the ``values.non_negative`` rule; the JSON loader
rejects them at the boundary. A signed count (``_m.signed_count()``, a change such as 本年增/减) may be negative.
"""

from __future__ import annotations

{imports}
'''


_EVOLVE = '''
    def evolve(self, changes: Mapping[str, object]) -> Report:
        """A copy with the values at the JSON Pointers of ``changes`` replaced, each checked like the model checks
        it: ``report.evolve({"/requests/received/natural_persons": 80})``.

        Raises:
            ReportEditError: a pointer names nothing, or a value has the wrong type.
        """
        changed: Report = _m.evolve(self, changes)
        return changed
'''


class CodegenError(ValueError):
    """The declaration cannot be turned into model classes (a key that is no identifier, a missing type name)."""


def _ident(name: str, what: str) -> str:
    if not name.isidentifier() or not name.isascii() or name.startswith("_"):
        msg = f"{what} {name!r} is not a public ASCII identifier"
        raise CodegenError(msg)
    return name


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, first: int, rest: int) -> list[str]:
    """Break ``text`` at spaces or after CJK punctuation so that no line is wider than the limit (CJK counts 2)."""
    lines: list[str] = []
    line = ""
    limit = first
    for token in re.findall(r"\S+\s*|\s+", text):
        pieces = re.findall(r"[^、，：]*[、，：]?", token) if _width(token) > rest else [token]
        for piece in filter(None, pieces):
            if line and _width(line + piece.rstrip()) > limit:
                lines.append(line.rstrip())
                line, limit = "", rest
            line += piece
    lines.append(line.rstrip())
    return lines


def _doc(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = _wrap(body, 120 - 10, 120 - 4)
    if len(lines) == 1:
        return f'    """{lines[0]}"""\n'
    return '    """' + "\n    ".join(lines) + '\n    """\n'


def _join_labels(labels: list[str]) -> str:
    shown = labels[:3]
    return "、".join(shown) + ("…" if len(labels) > 3 else "")


class _Writer:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.classes: list[str] = []
        self.names: list[str] = []
        self.rows: list[str] = []
        self.row_columns: dict[str, tuple[Column, ...]] = {}

    def add(self, name: str, text: str) -> None:
        if name in self.names:
            msg = f"model class {name!r} is declared twice"
            raise CodegenError(msg)
        self.names.append(name)
        self.classes.append(text)

    def row(self, name: str, columns: tuple[Column, ...], labels: list[str]) -> None:
        known = self.row_columns.get(name)
        if known is not None:
            if known != columns:
                msg = f"row type {name!r} is used with different columns"
                raise CodegenError(msg)
            return
        self.row_columns[name] = columns
        out = [f"@attrs.frozen(kw_only=True)\nclass {_ident(name, 'row type')}:\n"]
        out.append(_doc(f"A row of {_join_labels(labels)}: {', '.join(c.label for c in columns)}."))
        out.append("\n")
        for c in columns:
            key = _ident(c.key, "column key")
            if c.kind == "amount":
                out.append(f"    {key}: Decimal | None = _m.amount()\n")
            elif c.kind == "signed_count":
                out.append(f"    {key}: int | None = _m.signed_count()\n")
            else:
                out.append(f"    {key}: int | None = _m.count()\n")
        if any(c.kind != "amount" for c in columns):
            out.append("\n    def __attrs_post_init__(self) -> None:\n        _m.check_counts(self)\n")
            self.rows.append(name)
        self.add(name, "".join(out))

    def table(self, table: TableSpec) -> str:
        lines = table.lines
        by_row: dict[str, list[str]] = {}
        for line in lines:
            by_row.setdefault(line.row_type, []).append(line.label)
        for line in lines:
            self.row(line.row_type, line.columns, by_row[line.row_type])
        return self.node(table, (table.key,), lines)

    def node(self, table: TableSpec, path: tuple[str, ...], lines: tuple[Line, ...]) -> str:
        """Generate the class of the object at ``path`` (after its children) and return its name."""
        members: dict[str, str] = {}
        children: dict[str, list[Line]] = {}
        for line in lines:
            rest = line.path[len(path) :]
            if len(rest) == 1:
                members[_ident(rest[0], "row key")] = line.row_type
            else:
                children.setdefault(rest[0], []).append(line)
                members.setdefault(_ident(rest[0], "group key"), "")
        for key, sub in children.items():
            members[key] = self.node(table, (*path, key), tuple(sub))
        if len(path) == 1:
            name, doc = table.type_name, f"Section {_section_numeral(table.section)}: {table.heading}."
        else:
            group = next((g for g in table.groups if g.path == path and g.type_name), None)
            if group is None or group.type_name is None:
                msg = f"no group with a type_name declares the object at /{'/'.join(path)}"
                raise CodegenError(msg)
            name, doc = group.type_name, f"{group.label}: {len(lines)} rows."
        out = [f"@attrs.frozen(kw_only=True)\nclass {_ident(name, 'type name')}:\n", _doc(doc), "\n"]
        out.extend(f"    {key}: {cls} = attrs.field(validator=_m.instance({cls}))\n" for key, cls in members.items())
        self.add(name, "".join(out))
        return name

    def obj(self, spec: FieldSpec) -> str:
        name = spec.type_name or "Source"
        out = [f"@attrs.frozen(kw_only=True)\nclass {_ident(name, 'type name')}:\n", _doc(f"{spec.label}.")]
        out.append("\n")
        for sub in spec.fields:
            key = _ident(sub.key, "member key")
            out.append(f"    {key}: str | None = attrs.field(default=None, validator=_m.optional_text)\n")
        self.add(name, "".join(out))
        return name

    def report(self) -> None:
        ed = self.edition
        members: list[str] = []
        for key in ed.order:
            field = next((f for f in ed.fields if f.key == key), None)
            if field is None:
                table = ed.table(key)
                cls = self.table(table)
                members.append(f"    {key}: {cls} = attrs.field(validator=_m.instance({cls}))\n")
                continue
            members.append(self.member(field))
        out = [
            "@attrs.frozen(kw_only=True)\nclass Report:\n",
            _doc(
                f"A report of the {ed.name} edition ({ed.notice}).\n\n    Prose is kept exactly as published; the "
                "tables are typed. Wrong totals are allowed: validate with\n    :func:`govreport.validate`.\n    "
            ),
            "\n",
            *members,
            _EVOLVE,
        ]
        self.add("Report", "".join(out))

    def member(self, field: FieldSpec) -> str:
        key = _ident(field.key, "member key")
        if field.kind == "edition":
            name = json.dumps(self.edition.name)
            return (
                f"    {key}: Literal[{name}] = attrs.field(default={name}, validator=attrs.validators.in_(({name},)))\n"
            )
        if field.kind == "year":
            return f"    {key}: int = attrs.field(validator=_m.year)\n"
        if field.kind == "object":
            cls = self.obj(field)
            return f"    {key}: {cls} | None = attrs.field(default=None, validator=_m.optional_instance({cls}))\n"
        if not field.required:
            return f"    {key}: str | None = attrs.field(default=None, validator=_m.optional_text)\n"
        validator = "_m.non_empty_text" if field.kind == "text" else "_m.text"
        return f"    {key}: str = attrs.field(validator={validator})\n"


_NUMERALS = "〇一二三四五六七八九十"


def _section_numeral(n: int) -> str:
    return _NUMERALS[n] if 0 <= n <= 10 else str(n)


def source(edition: Edition) -> str:
    """The Python source of ``edition``'s model module.

    Raises:
        CodegenError: the declaration has a key that is not an identifier, or an object without a type name.
    """
    w = _Writer(edition)
    w.report()
    body = "\n\n".join(w.classes)
    names = sorted(w.names)
    all_ = "__all__ = [\n" + "".join(f"    {n!r},\n".replace("'", '"') for n in names) + "]\n"
    footer = f"\n\n_m.register_rows({', '.join(w.rows)})\n" if w.rows else "\n"
    header = _HEADER.format(name=edition.name, notice=edition.notice, imports=_imports(body + footer))
    return f"{header}{all_}\n\n{body}{footer}"


def _imports(body: str) -> str:
    """The import block for what ``body`` uses (the field helpers and validators are read from ``_m``)."""
    lines = ["from collections.abc import Mapping"] if "Mapping[" in body else []
    if "Decimal" in body:
        lines.append("from decimal import Decimal")
    if "Literal[" in body:
        lines.append("from typing import Literal")
    lines.append("")
    lines.append("import attrs")
    lines.append("")
    lines.append("from govreport.editions import _model_support as _m")
    return "\n".join(lines) + "\n"


def build(edition: Edition) -> type:
    """The report class of ``edition``, built from the generated source at run time (for editions declared
    without a committed model module)."""
    base = f"govreport.editions._generated_{''.join(ch if ch.isalnum() else '_' for ch in edition.name)}"
    name, count = base, 1
    while name in sys.modules:  # another declaration of the same name was built: each keeps its own classes
        count += 1
        name = f"{base}_{count}"
    module = types.ModuleType(name)
    module.__file__ = f"<govreport model of edition {edition.name!r}>"
    sys.modules[name] = module  # typing.get_type_hints resolves the string annotations in this namespace
    code = compile(source(edition), module.__file__, "exec")
    exec(code, module.__dict__)  # noqa: S102 - our own generated source, from a declaration's identifiers
    report: type = module.Report
    return report


def _committed(edition: Edition) -> Path | None:
    if not isinstance(edition.model, str):
        return None
    module = edition.model.partition(":")[0]
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin)


def _builtin_targets() -> Iterator[tuple[Edition, Path]]:
    from govreport.editions import edition_names, get_edition  # noqa: PLC0415 - the registry imports this module

    for name in edition_names():
        edition = get_edition(name)
        path = _committed(edition)
        if path is not None:
            yield edition, path


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with ``--check`` compare) the committed model module of every registered edition."""
    parser = argparse.ArgumentParser(prog="python -m govreport.editions._codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when a committed module differs")
    args = parser.parse_args(argv)
    stale = []
    for edition, path in _builtin_targets():
        wanted = source(edition)
        if path.read_text(encoding="utf-8") != wanted:
            stale.append(path)
            if not args.check:
                path.write_text(wanted, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'rewrote'}: {path}")  # noqa: T201 - a command line tool
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
