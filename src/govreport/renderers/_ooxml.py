"""Shared by the XLSX and DOCX renderers: byte-identical Office Open XML packages.

openpyxl and python-docx stamp the time of saving into the package twice: in every ZIP member's date and in
``docProps/core.xml`` (``dcterms:created``/``dcterms:modified``). :func:`deterministic` rewrites the package with
a fixed member date and a fixed document date, so the same report always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["FIXED_DATE", "deterministic"]

#: The date written into the package: the ZIP epoch, the earliest date a ZIP member can carry.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_W3CDTF = "1980-01-01T00:00:00Z"
# The library writes these elements itself; report text in core.xml is XML-escaped and contains no "<".
_STAMP = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def deterministic(package: bytes) -> bytes:
    """``package`` with every ZIP member dated :data:`FIXED_DATE` and fixed core-property dates.

    Member order, names and contents are kept; members are deflated at level 9.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(lambda m: m.group(1) + _W3CDTF.encode() + m.group(3), data)
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, data, compresslevel=9)
    return out.getvalue()
