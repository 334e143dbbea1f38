"""The parsers' limits, kept in :mod:`govreport.limits` (the one place for every limit): this module and
:mod:`govreport.parsers` give them under the same names."""

from __future__ import annotations

from govreport.limits import *  # noqa: F403 - every limit, under its own name
from govreport.limits import __all__  # noqa: F401 - the same names
