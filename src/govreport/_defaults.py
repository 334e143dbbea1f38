"""Defaults that modules below the edition registry need too (the registry re-exports them)."""

from __future__ import annotations

__all__ = ["DEFAULT_EDITION"]

#: The edition used when none is named: the format in force for reports of 2021 onward.
DEFAULT_EDITION = "2021"
