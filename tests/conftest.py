"""Shared fixtures: the sample report as published, as a document and as a model."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import govreport
from govreport.limits import MAX_AGENCY_CHARS, MAX_AMOUNT, MAX_COUNT

FIXTURES = Path(__file__).parent / "fixtures"

# A fast profile for local runs; GOVREPORT_HYPOTHESIS_PROFILE=thorough for many examples. When CI is set,
# Hypothesis loads its own derandomised "ci" profile by itself and we leave it alone.
settings.register_profile("fast", max_examples=30, deadline=None)
settings.register_profile("thorough", max_examples=300, deadline=None)
if not os.environ.get("CI"):
    settings.load_profile(os.environ.get("GOVREPORT_HYPOTHESIS_PROFILE", "fast"))


def install_plugin(package: Path, site: Path) -> None:
    """pip installs the example plug-in ``package`` (a folder of tests/plugins) into the folder ``site``, offline."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--target",
            str(site),
            str(package),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def set_pointer(doc: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``doc`` with the member at JSON Pointer ``pointer`` set to ``value``."""
    out = copy.deepcopy(doc)
    *parents, last = pointer.lstrip("/").split("/")
    node = out
    for token in parents:
        node = node[token]
    node[last] = value
    return out


def run_with_budget(code: str, *, cpu_seconds: int = 20, memory: int = 2 << 30) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under a CPU-time and address-space budget (resource limits, not a
    clock): work that grows with the input instead of with the limits gets the process killed, so the test fails
    instead of hanging."""
    resource = pytest.importorskip("resource")

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=limits,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def cells_of(report: govreport.Report) -> dict[str, Any]:
    """Every data cell of ``report`` by JSON Pointer, read by the rule set's own one-pass reader."""
    return govreport.rules_for(report.edition).read_cells(report)


def mutant_failures(mutant: Any) -> frozenset[tuple[str, tuple[str, ...]]]:
    """The failing findings a mutant must raise: its own prediction, plus ``sections.substance`` when the mutation
    left section 六 empty (a ``fee_dropped`` mutant of a 六 that held only the fee sentence).

    The strategies predate ``sections.substance``; until ``Mutant.failures`` predicts it, the tests add it here.
    """
    failures = frozenset(mutant.failures)
    if not mutant.report.other_matters.strip() and mutant.original.other_matters.strip():
        failures |= {("sections.substance", ("/other_matters",))}
    return failures


def refused_members(report: govreport.Report) -> set[tuple[str, str]]:
    """The (rule, pointer) problems the loader finds in ``dumps(report)``: what the model holds but a document
    may not (negative cells, values past :mod:`govreport.limits`, an agency longer than the limit)."""
    edition = govreport.get_edition(report.edition)
    out: set[tuple[str, str]] = set()
    for ptr, value in cells_of(report).items():
        cell = edition.cell(ptr)
        assert cell is not None
        kind = cell[1].kind
        high = MAX_AMOUNT if kind == "amount" else MAX_COUNT
        low = -MAX_COUNT if kind == "signed_count" else 0
        if value is not None and value < low:
            out.add(("values.non_negative" if low == 0 else "schema.range", ptr))
        elif value is not None and value > high:
            out.add(("schema.range", ptr))
    if len(report.agency) > MAX_AGENCY_CHARS:
        out.add(("schema.maxLength", "/agency"))
    return out


@pytest.fixture
def sample_text() -> str:
    """The contract JSON of the 井陉矿区 2023 report, as shipped in ../shared/samples."""
    return (FIXTURES / "jingxing-2023.json").read_text(encoding="utf-8")


@pytest.fixture
def sample_doc(sample_text: str) -> dict[str, Any]:
    """The sample document as decoded JSON (floats kept exact as strings would be lost, so none are used)."""
    doc: dict[str, Any] = json.loads(sample_text, parse_float=__import__("decimal").Decimal)
    return doc


@pytest.fixture
def sample(sample_text: str) -> govreport.Report:
    """The sample report as a model."""
    return govreport.loads(sample_text)
