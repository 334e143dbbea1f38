"""The examples in docstrings run against the installed package, so they cannot rot."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "govreport",
    "govreport.serialization",
    "govreport.rules",
    "govreport.rules._engine",
    "govreport.rules._prose",
    "govreport.editions._rules",
    "govreport.corpus",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    """Every >>> example in the module's docstrings passes."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
