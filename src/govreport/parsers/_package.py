"""Office packages (DOCX, XLSX): recognised by their ZIP members, and checked before any library unpacks them.

A DOCX or XLSX file is a ZIP archive of XML parts. :func:`office_kind` tells the two apart by their members
(``word/`` or ``xl/`` beside ``[Content_Types].xml``); :func:`check_package` refuses, before python-docx or
openpyxl reads a byte of it, an archive that is broken, encrypted, has more than
:data:`~govreport.parsers.MAX_PACKAGE_MEMBERS` members or unpacks to more than
:data:`~govreport.parsers.MAX_PACKAGE_BYTES` bytes (a ZIP bomb). The sizes checked are the ones the archive's
directory declares: Python's :mod:`zipfile` never returns more bytes of a member than its declared size, so a
member that lies about its size cannot unpack to more.
"""

from __future__ import annotations

import io
import zipfile
from typing import Final

from govreport.errors import ParseError
from govreport.parsers._limits import MAX_PACKAGE_BYTES, MAX_PACKAGE_MEMBERS

__all__ = ["check_package", "office_kind"]

_ZIP_MAGIC: Final = b"PK\x03\x04"
#: The member that every package of a kind has.
_MAIN_PART: Final = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_NAMES: Final = {"docx": "Word (DOCX)", "xlsx": "Excel (XLSX)"}
_A: Final = {"docx": "a", "xlsx": "an"}


def _members(data: bytes) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None


def office_kind(data: bytes) -> str | None:
    """``"docx"`` or ``"xlsx"`` for a Word or Excel package, ``None`` for anything else (other ZIP files too)."""
    if not data.startswith(_ZIP_MAGIC):
        return None
    members = _members(data)
    if members is None:
        return None
    names = {m.filename for m in members[: MAX_PACKAGE_MEMBERS + 1]}
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in _MAIN_PART.items():
        if part in names or any(n.startswith(part.split("/")[0] + "/") for n in names):
            return kind
    return None


def check_package(data: bytes, kind: str) -> None:
    """Refuse ``data`` unless it is a ``kind`` package (``"docx"`` or ``"xlsx"``) within the limits.

    Raises:
        ParseError: ``data`` is no ZIP archive (an encrypted Office file is not one), not a package of ``kind``,
            has encrypted members, more than :data:`~govreport.parsers.MAX_PACKAGE_MEMBERS` members, or unpacks
            to more than :data:`~govreport.parsers.MAX_PACKAGE_BYTES` bytes.
    """
    name, a = _NAMES[kind], _A[kind]
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: an encrypted package, or a .doc/.xls
        msg = f"not {a} {name} package: an OLE file (a password-protected document, or the old .doc/.xls format)"
        raise ParseError(msg)
    members = _members(data) if data.startswith(_ZIP_MAGIC) else None
    if members is None:
        msg = f"not {a} {name} package: not a readable ZIP archive"
        raise ParseError(msg)
    if len(members) > MAX_PACKAGE_MEMBERS:
        msg = f"not a report: the {name} package has {len(members)} members, more than {MAX_PACKAGE_MEMBERS}"
        raise ParseError(msg)
    size = sum(m.file_size for m in members)
    if size > MAX_PACKAGE_BYTES:
        msg = (
            f"not a report: the {name} package unpacks to {size} bytes, more than the {MAX_PACKAGE_BYTES} "
            "a report could (a ZIP bomb?)"
        )
        raise ParseError(msg)
    if any(m.flag_bits & 0x1 for m in members):
        msg = f"not a readable {name} package: it has encrypted members"
        raise ParseError(msg)
    if _MAIN_PART[kind] not in {m.filename for m in members}:
        msg = f"not {a} {name} package: it has no {_MAIN_PART[kind]}"
        raise ParseError(msg)


def read_member(data: bytes, name: str) -> bytes | None:
    """The bytes of member ``name`` of the (checked) package ``data``, or ``None`` when it has none.

    Raises:
        ParseError: the member cannot be unpacked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            try:
                return package.read(name)
            except KeyError:
                return None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as e:
        msg = f"not a readable package: {name}: {type(e).__name__}: {e}"
        raise ParseError(msg) from e
