"""A Sphinx directive that prints the ``--help`` of a ``govreport`` command, so the CLI reference never drifts.

Usage in MyST::

    ```{govreport-help} validate
    ```

With no argument it prints the top-level ``govreport --help``.
"""

from __future__ import annotations

import contextlib
import io
import os
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


class GovreportHelp(SphinxDirective):
    """``{govreport-help} [COMMAND]``: a literal block with the command's help text."""

    optional_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        from govreport.cli import build_parser  # the installed package, as readers get it

        argv = [*self.arguments, "--help"]
        out = io.StringIO()
        # a fixed width, so the page does not depend on the terminal that builds the docs
        previous = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "100"
        try:
            with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
                build_parser().parse_args(argv)
        finally:
            if previous is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = previous
        text = out.getvalue().rstrip()
        block = nodes.literal_block(text, text)
        block["language"] = "text"
        return [block]


class GovreportCodes(SphinxDirective):
    """``{govreport-codes}``: a table of every finding code that is not a rule of the catalogue.

    The codes are the ones the installed package has messages for (loading, the schema, the command line, the
    parsers, the diagnosis: ``govreport._messages``, and any registered at run time), so a new code appears here
    without anyone editing the page.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        import importlib

        import govreport
        from govreport._messages import MESSAGES  # the table of built-in codes; read-only here
        from govreport.findings import _TEMPLATES  # the registry of message templates; read-only here

        for module in ("govreport.cli", "govreport.schemas", "govreport.parsers"):
            with contextlib.suppress(ImportError):  # a module still being written is left out
                importlib.import_module(module)
        rules = {rule.id for name in govreport.edition_names() for rule in govreport.rules_for(name)}
        templates = {code: (zh, en) for code, (zh, en) in MESSAGES.items() if not code.startswith("assumption.")}
        templates.update({code: (t.zh, t.en) for code, t in _TEMPLATES.items()})
        codes = sorted(code for code in templates if code not in rules)
        table = nodes.table()
        group = nodes.tgroup(cols=3)
        table += group
        for width in (25, 40, 35):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(["code", "message (en)", "message (zh)"])
        body = nodes.tbody()
        group += body
        for code in codes:
            zh, en = templates[code]
            body += self._row([code, en, zh], literal_first=True)
        return [table]

    @staticmethod
    def _row(cells: list[str], *, literal_first: bool = False) -> nodes.row:
        row = nodes.row()
        for i, text in enumerate(cells):
            entry = nodes.entry()
            para = nodes.paragraph()
            para += nodes.literal(text, text) if literal_first and i == 0 else nodes.Text(text)
            entry += para
            row += entry
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("govreport-help", GovreportHelp)
    app.add_directive("govreport-codes", GovreportCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
