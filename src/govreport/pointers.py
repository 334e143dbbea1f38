"""RFC 6901 JSON Pointers: the one place that builds, escapes, splits and resolves them.

Every finding names cells by JSON Pointer; loader errors, rule findings, parse findings, the schema validator and
the renderers all build and read pointers through these functions, so escaping (``~`` → ``~0``, ``/`` → ``~1``)
is written once.

>>> from govreport.pointers import join, split
>>> join(("requests", "outcomes", "total", "natural_persons"))
'/requests/outcomes/total/natural_persons'
>>> split("/a~1b/c~0d")
('a/b', 'c~d')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["escape", "join", "resolve", "resolve_ref", "split", "unescape"]


def escape(token: str) -> str:
    """Escape one reference token (``~`` → ``~0``, ``/`` → ``~1``)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """Undo :func:`escape` (``~1`` → ``/``, then ``~0`` → ``~``, in that order, as RFC 6901 §4 says)."""
    return token.replace("~1", "/").replace("~0", "~")


def join(path: Iterable[str]) -> str:
    """The JSON Pointer of ``path``; the empty path is the whole document (``""``)."""
    return "".join("/" + escape(t) for t in path)


def split(pointer: str) -> tuple[str, ...]:
    """The reference tokens of ``pointer``.

    Raises:
        ValueError: ``pointer`` is neither empty nor starts with ``/``.
    """
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        msg = f"not a JSON Pointer: {pointer!r}"
        raise ValueError(msg)
    return tuple(unescape(t) for t in pointer[1:].split("/"))


def resolve(document: Any, pointer: str) -> Any:
    """The value at ``pointer`` inside a decoded JSON ``document`` (mappings and lists).

    Raises:
        LookupError: the pointer does not lead to a value.
    """
    node = document
    for token in split(pointer):
        if isinstance(node, Mapping):
            if token not in node:
                raise LookupError(pointer)
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise LookupError(pointer)
    return node


def resolve_ref(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow local ``$ref`` members (``#/$defs/…``) from ``node`` inside the schema ``root`` until none is left.

    Raises:
        LookupError: a reference is not local or leads nowhere.
    """
    seen: set[str] = set()
    while "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#") or ref in seen:
            raise LookupError(str(ref))
        seen.add(ref)
        target = resolve(root, ref[1:])
        if not isinstance(target, Mapping):
            raise LookupError(ref)
        node = target
    return node
