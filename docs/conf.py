"""Sphinx configuration of the govreport documentation (MyST Markdown pages, furo theme).

Build with warnings as errors, as CI does::

    python3 -m sphinx -W --keep-going -b html docs docs/_build/html

Why Sphinx + MyST + furo rather than MkDocs Material + mkdocstrings: the docstrings are Napoleon (Google) style,
which autodoc + napoleon render as they are, cross-referenced (``{func}`govreport.validate```); pages stay Markdown
(MyST), like the generated reference pages; ``-W`` turns every broken link, missing toctree entry and docstring
markup error into a failed build; a project directive is a few lines of Python (``_ext/govreport_cli.py`` renders
the CLI help and the table of finding codes from the installed package, so they cannot drift); furo is a
maintained, accessible theme that renders Chinese text with the reader's system fonts.
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

# local extensions: the CLI reference is generated from the argument parser itself
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "govreport"
author = "govreport contributors"
copyright = "govreport contributors, Apache License 2.0"  # noqa: A001 - Sphinx reads this name
release = _version("govreport")
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "govreport_cli",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]

# MyST: ::: fences for directives, definition lists, heading anchors for [text](page.md#anchor) links.
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# autodoc + napoleon: the docstrings are Google style (Args/Returns/Raises); signatures carry the types.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
# Attributes: sections as :ivar: fields, so they do not clash with what autodoc documents for attrs classes
napoleon_use_ivar = True

html_theme = "furo"
html_title = f"govreport {release}"
html_static_path: list[str] = []
