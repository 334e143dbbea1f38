"""govreport: the national format of China's annual reports on government information disclosure work.

The front door. Load a report document, validate its 勾稽 relations, write it back::

    >>> import govreport
    >>> report = govreport.loads(govreport.example_document())
    >>> result = govreport.validate(report)
    >>> result.valid
    True
    >>> [(f.rule, f.expected, f.actual) for f in result.findings]
    [('narrative.request_count', 73, 64)]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from govreport._defaults import DEFAULT_EDITION
from govreport._lazy import lazy_names
from govreport._version import __version__ as __version__
from govreport.errors import (
    EditionMismatchError,
    GovReportError,
    InputTooLargeError,
    NotRegularFileError,
    ParseError,
    PluginError,
    RenderError,
    ReportDecodeError,
    ReportEditError,
    ReportLimitError,
    UnknownEditionError,
    UpgradeError,
)

if TYPE_CHECKING:
    from govreport.compare import CellChange, ReportDiff, diff
    from govreport.editions import Edition, edition_names, get_edition, register_edition
    from govreport.findings import Finding, Severity, SourceLocation, Status
    from govreport.model import Report
    from govreport.parsers import ParseResult
    from govreport.rules import (
        Diagnosis,
        Explanation,
        Rule,
        RulePack,
        RuleSet,
        UnknownRuleError,
        ValidationResult,
        diagnose,
        register_rules,
        rules_for,
        validate,
    )
    from govreport.serialization import (
        configure_converter,
        dump,
        dumps,
        load,
        loads,
        make_converter,
        structure,
        unstructure,
    )
    from govreport.upgrading import upgrade

#: Public names that load their module on first use (module ``__getattr__``), so that ``import govreport`` loads
#: no more than the version and the exceptions: not attrs, the editions, the model, the rules, the JSON stack
#: (cattrs) or the comparison of two years. A program loads what it uses: ``govreport.loads`` the JSON stack and
#: the model, ``govreport.validate`` the rules. Parsers, renderers and the JSON Schema (jsonschema) load inside
#: :func:`parse`, :func:`render` and :func:`schema`.
_LAZY = {
    **dict.fromkeys(("CellChange", "ReportDiff", "diff"), "govreport.compare"),
    **dict.fromkeys(("Edition", "edition_names", "get_edition", "register_edition"), "govreport.editions"),
    **dict.fromkeys(("Finding", "Severity", "SourceLocation", "Status"), "govreport.findings"),
    "Report": "govreport.model",
    **dict.fromkeys(
        (
            "Diagnosis",
            "Explanation",
            "Rule",
            "RulePack",
            "RuleSet",
            "UnknownRuleError",
            "ValidationResult",
            "diagnose",
            "register_rules",
            "rules_for",
            "validate",
        ),
        "govreport.rules",
    ),
    **dict.fromkeys(
        (
            "configure_converter",
            "dump",
            "dumps",
            "load",
            "loads",
            "make_converter",
            "structure",
            "unstructure",
        ),
        "govreport.serialization",
    ),
    "upgrade": "govreport.upgrading",
}

__all__ = [
    "DEFAULT_EDITION",
    "CellChange",
    "Diagnosis",
    "Edition",
    "EditionMismatchError",
    "Explanation",
    "Finding",
    "GovReportError",
    "InputTooLargeError",
    "NotRegularFileError",
    "ParseError",
    "PluginError",
    "RenderError",
    "Report",
    "ReportDecodeError",
    "ReportDiff",
    "ReportEditError",
    "ReportLimitError",
    "Rule",
    "RulePack",
    "RuleSet",
    "Severity",
    "SourceLocation",
    "Status",
    "UnknownEditionError",
    "UnknownRuleError",
    "UpgradeError",
    "ValidationResult",
    "configure_converter",
    "diagnose",
    "diff",
    "dump",
    "dumps",
    "edition_names",
    "example_document",
    "get_edition",
    "load",
    "loads",
    "make_converter",
    "parse",
    "register_edition",
    "register_rules",
    "render",
    "rules_for",
    "schema",
    "structure",
    "unstructure",
    "upgrade",
    "validate",
]


def example_document(kind: str = "json") -> str:
    """The bundled example report (井陉矿区 2023, as published): ``"json"`` (contract document) or ``"text"``
    (the published page flattened to text, traditional characters, one table cell per line).
    """
    from importlib import resources  # noqa: PLC0415 - importlib.resources is slow to import; only needed here

    name = {"json": "example-2023.json", "text": "example-2023.txt"}[kind]
    return resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")


def schema(edition: str = DEFAULT_EDITION) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of report documents of ``edition``, as shipped with the package.

    See :mod:`govreport.schemas`.
    """
    from govreport.schemas import schema as _schema  # noqa: PLC0415 - keeps import govreport light

    return _schema(edition)


def render(report: Report, to: str = "html", **options: Any) -> str | bytes:
    """Render ``report`` with the renderer registered as ``to`` (``html``, ``markdown``, ``text``, ``csv``…).

    See :mod:`govreport.renderers`.
    """
    from govreport.renderers import render as _render  # noqa: PLC0415 - renderers load plug-ins lazily

    return _render(report, to, **options)


def parse(
    source: str | bytes | os.PathLike[str],
    *,
    kind: str | None = None,
    edition: str | None = None,
    agency: str | None = None,
    year: int | None = None,
) -> ParseResult:
    """Read a published report (flattened text, HTML, PDF) into a :class:`~govreport.parsers.ParseResult`.

    ``edition`` forces the edition of the format; by default it is detected from what the report prints.
    ``agency`` and ``year`` are for sources that do not state them. See :mod:`govreport.parsers`.
    """
    from govreport.parsers import parse as _parse  # noqa: PLC0415 - parsers are only needed by some users

    return _parse(source, kind=kind, edition=edition, agency=agency, year=year)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
