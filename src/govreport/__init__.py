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

from importlib import resources
from typing import Any

from govreport.editions import DEFAULT_EDITION, Edition, edition_names, get_edition, register_edition
from govreport.errors import (
    EditionMismatchError,
    GovReportError,
    ParseError,
    PluginError,
    RenderError,
    ReportDecodeError,
    UnknownEditionError,
)
from govreport.findings import Finding, Severity, SourceLocation, Status
from govreport.model import Report
from govreport.rules import Rule, RuleSet, ValidationResult, rules_for, validate
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

__all__ = [
    "DEFAULT_EDITION",
    "Edition",
    "EditionMismatchError",
    "Finding",
    "GovReportError",
    "ParseError",
    "PluginError",
    "RenderError",
    "Report",
    "ReportDecodeError",
    "Rule",
    "RuleSet",
    "Severity",
    "SourceLocation",
    "Status",
    "UnknownEditionError",
    "ValidationResult",
    "configure_converter",
    "dump",
    "dumps",
    "edition_names",
    "example_document",
    "get_edition",
    "load",
    "loads",
    "make_converter",
    "register_edition",
    "rules_for",
    "structure",
    "unstructure",
    "validate",
]


def example_document(kind: str = "json") -> str:
    """The bundled example report (井陉矿区 2023, as published): ``"json"`` (contract document) or ``"text"``
    (the published page flattened to text, traditional characters, one table cell per line).
    """
    name = {"json": "example-2023.json", "text": "example-2023.txt"}[kind]
    return resources.files("govreport").joinpath("data", name).read_text(encoding="utf-8")


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked for

        return version("govreport")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
