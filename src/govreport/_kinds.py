"""The kinds of published source and their file name endings: the one table that :func:`govreport.parse` (which
kind of source a file is), the command line (``--from``) and the corpus walker (which files of a directory are
published reports) share; and the formats a corpus exports to (``govreport export --to``) and validation results are
printed in (``govreport validate --format``). A module of constants
only, so that the command line builds its parser without loading the library."""

from __future__ import annotations

from typing import Final

__all__ = ["EXPORT_FORMATS", "KINDS", "KIND_BY_SUFFIX", "PUBLISHED_SUFFIXES", "VALIDATE_FORMATS"]

#: The kinds of source :func:`govreport.parse` reads (``kind=``, ``govreport parse --from``).
KINDS: Final = ("text", "markdown", "html", "pdf", "docx", "xlsx")

#: The kind of source a file name ending names. ``.txt`` is not here: a saved page may be text or HTML whatever its
#: name, so its kind is sniffed from the content.
KIND_BY_SUFFIX: Final = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".xlsx": "xlsx",
}

#: The endings of the files a directory gives as published reports, read through :func:`govreport.parse`.
PUBLISHED_SUFFIXES: Final = (".txt", *KIND_BY_SUFFIX)

#: The formats :func:`govreport.corpus.export` writes (``govreport export --to``).
EXPORT_FORMATS: Final = ("parquet", "duckdb", "csv", "jsonl")

#: The formats ``govreport validate --format`` prints (:mod:`govreport.formats`).
VALIDATE_FORMATS: Final = ("text", "json", "sarif", "junit", "github")
