"""The running totals of a corpus run: how many inputs, valid, invalid and unreadable, and the findings by rule.

Only counters grow: by the number of distinct rules, never by the number of inputs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from govreport.corpus._engine import Outcome, State
from govreport.findings import Finding, Severity

__all__ = ["Summary", "rule_counts"]


def rule_counts(findings: Iterable[Finding]) -> tuple[tuple[str, str, int], ...]:
    """``(rule, severity, number of findings)`` for each rule and severity among ``findings``."""
    counts = Counter((f.rule, f.severity.value) for f in findings)
    return tuple((rule, severity, n) for (rule, severity), n in counts.items())


def _s(n: int) -> str:
    return "" if n == 1 else "s"


@attrs.define
class Summary:
    """Running totals of a run.

    Attributes:
        files: the number of inputs.
        valid: inputs read with no finding of severity error.
        invalid: inputs read with a finding of severity error.
        unreadable: inputs not read as a report.
        findings: the number of findings by ``(rule, severity)``.
        files_by_rule: the number of inputs with a finding, by ``(rule, severity)``.
    """

    files: int = 0
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    findings: Counter[tuple[str, str]] = attrs.Factory(Counter)
    files_by_rule: Counter[tuple[str, str]] = attrs.Factory(Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.count(outcome.state, rule_counts(outcome.findings))

    def count(self, state: State, rules: Iterable[tuple[str, str, int]]) -> None:
        """Count one input by its state and its ``(rule, severity, n)`` counts (see :func:`rule_counts`)."""
        self.files += 1
        if state == "valid":
            self.valid += 1
        elif state == "invalid":
            self.invalid += 1
        else:
            self.unreadable += 1
        for rule, severity, n in rules:
            self.findings[rule, severity] += n
            self.files_by_rule[rule, severity] += 1

    def update(self, other: Summary) -> None:
        """Add the counts of ``other`` (the summary of another part of the same run)."""
        self.files += other.files
        self.valid += other.valid
        self.invalid += other.invalid
        self.unreadable += other.unreadable
        self.findings.update(other.findings)
        self.files_by_rule.update(other.files_by_rule)

    @property
    def status(self) -> int:
        """The exit status of the run (contract.md): 2 when an input is unreadable, else 1 when one is invalid,
        else 0."""
        if self.unreadable:
            return 2
        return 1 if self.invalid else 0

    def render(self, lang: str = "zh") -> str:
        """The summary as text: the counts of inputs, then every rule that fired, errors first."""
        order = {s.value: i for i, s in enumerate(Severity)}
        rows = sorted(self.findings.items(), key=lambda item: (order.get(item[0][1], 9), -item[1], item[0][0]))
        zh = lang == "zh"
        if zh:
            head = f"共 {self.files} 个文件：有效 {self.valid}，无效 {self.invalid}，无法读取 {self.unreadable}\n"
        else:
            head = (
                f"{self.files} file{_s(self.files)}: {self.valid} valid, {self.invalid} invalid, "
                f"{self.unreadable} unreadable\n"
            )
        if rows:
            head += "按规则统计的发现：\n" if zh else "findings by rule:\n"
        for (rule, sev), n in rows:
            k = self.files_by_rule[rule, sev]
            where = f"条，涉及 {k} 个文件" if zh else f"in {k} file{_s(k)}"
            head += f"  {rule:<32} {sev:<8} {n:>7} {where}\n"
        return head
