"""The rule engine: every rule of every edition, declared as data, run by one engine.

An edition declares its rules (:mod:`govreport.editions._rules`: equations, prose claims, statements, section
substance, presence, empty tables, ranges); :func:`rules_for` compiles them, with the rule packs third parties add
through the ``govreport.rules`` entry-point group or :func:`register_rules`, and :func:`validate` runs them.

>>> import govreport
>>> rule = govreport.rules_for("2021").get("review_litigation.total")
>>> rule.kind, rule.formula.split(" (")[0]
('equation', 'total = upheld + corrected + other + pending')
>>> rule.reads[:2]
('/review_and_litigation/administrative_review/total', '/review_and_litigation/administrative_review/upheld')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govreport._lazy import lazy_names
from govreport.editions._rules import (
    Claim,
    ClaimRule,
    CustomRule,
    EmptyRule,
    Equation,
    EquationRule,
    Expectation,
    Messages,
    PresenceRule,
    RangeRule,
    RulePack,
    RuleSpec,
    StatementRule,
    SubstanceRule,
    Term,
)
from govreport.rules._engine import (
    BLANK_AS_ZERO,
    ENTRY_POINT_GROUP,
    Context,
    Rule,
    RuleSet,
    Statement,
    UnknownRuleError,
    ValidationResult,
    matches,
    refresh_plugins,
    register_rules,
    rules_for,
    unregister_rules,
    validate,
)
from govreport.rules._formula import claim_sum, equation_formula, formula

if TYPE_CHECKING:
    from govreport.rules._diagnose import Diagnosis, Explanation, diagnose

__all__ = [
    "BLANK_AS_ZERO",
    "ENTRY_POINT_GROUP",
    "Claim",
    "ClaimRule",
    "Context",
    "CustomRule",
    "Diagnosis",
    "EmptyRule",
    "Equation",
    "EquationRule",
    "Expectation",
    "Explanation",
    "Messages",
    "PresenceRule",
    "RangeRule",
    "Rule",
    "RulePack",
    "RuleSet",
    "RuleSpec",
    "Statement",
    "StatementRule",
    "SubstanceRule",
    "Term",
    "UnknownRuleError",
    "ValidationResult",
    "claim_sum",
    "diagnose",
    "equation_formula",
    "formula",
    "matches",
    "refresh_plugins",
    "register_rules",
    "rules_for",
    "unregister_rules",
    "validate",
]

#: The diagnosis loads on first use: validating a report does not need it. (Its module is ``_diagnose``: a
#: submodule named ``diagnose`` would replace the function of that name here when first imported.)
__getattr__, __dir__ = lazy_names(
    __name__, dict.fromkeys(("Diagnosis", "Explanation", "diagnose"), "govreport.rules._diagnose"), __all__
)
