"""The how-to page on property testing: its properties are defined as described and do catch broken validators.

``tests/test_docs.py`` runs every page of the docs as written, this one included (its blocks call their own
property tests); here the blocks run without those calls, and the properties are run against broken validators.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings

PAGE = Path(__file__).resolve().parent.parent / "docs" / "how-to" / "property-testing.md"
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_CALL = re.compile(r"^test_\w+\(\)$", re.MULTILINE)


def _run_page() -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "property_testing_page"}
    for index, block in enumerate(_PYTHON_BLOCK.findall(PAGE.read_text(encoding="utf-8"))):
        code = _CALL.sub("pass", block)  # define the properties, run them below
        exec(compile(code, f"{PAGE.name}[block {index}]", "exec"), namespace)  # noqa: S102 - the page's own examples
    return namespace


@pytest.fixture(scope="module")
def page() -> dict[str, Any]:
    """The namespace of the page after running all its python blocks (once for this module)."""
    namespace = _run_page()
    # For the broken validators below, finding a failure is what is tested: derandomised, so that whether it is
    # found does not depend on the run; not shrunk, which would only cost time; enough examples that a blank cell
    # with a value other than 0 turns up whatever the profile (about one report in six has one).
    settings(max_examples=100, derandomize=True, phases=[Phase.explicit, Phase.generate], database=None)(
        namespace["test_no_false_alarms"]
    )
    return namespace


def test_page_examples_run_and_define_their_properties(page: dict[str, Any]) -> None:
    """Every python block of the page runs, and it defines the Hypothesis properties it describes."""
    namespace = page
    tests = sorted(name for name, value in namespace.items() if name.startswith("test_") and callable(value))
    assert all(hasattr(namespace[name], "hypothesis") for name in tests)
    assert tests == [
        "test_2019_reports_and_mutants",
        "test_continuity_is_reported",
        "test_csv_keeps_every_cell",
        "test_flags_what_the_format_says",
        "test_from_type_is_valid",
        "test_no_false_alarms",
    ]


def _forgets_carried_forward(document: dict[str, Any]) -> set[str]:
    requests = document["requests"]
    flagged = set()
    for c in requests["received"]:
        values = (requests["received"][c], requests["carried_over"][c], requests["outcomes"]["total"][c])
        if None not in values and values[0] + values[1] != values[2]:
            flagged.add(f"/requests/outcomes/total/{c}")
    return flagged


def _missing_is_zero(document: dict[str, Any]) -> set[str]:
    requests = document["requests"]
    flagged = set()
    for c in requests["received"]:
        received, carried_over, carried_forward = (
            requests[k][c] or 0 for k in ("received", "carried_over", "carried_forward")
        )
        if received + carried_over != (requests["outcomes"]["total"][c] or 0) + carried_forward:
            flagged.add(f"/requests/outcomes/total/{c}")
    return flagged


@pytest.mark.parametrize("broken", [_forgets_carried_forward, _missing_is_zero])
def test_page_properties_catch_a_broken_validator(page: dict[str, Any], broken: Any) -> None:
    """The page's properties fail for a validator that forgets 四、结转下年度继续办理 or treats missing as zero."""
    property_test = page["test_no_false_alarms"]
    correct = page["my_balance_check"]
    page["my_balance_check"] = broken  # the page's functions look the name up in the page's namespace
    try:
        with pytest.raises(AssertionError):
            property_test()
    finally:
        page["my_balance_check"] = correct
