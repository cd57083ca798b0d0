"""JSON Pointers (RFC 6901): how every finding and error says where it is."""

from __future__ import annotations

from collections.abc import Iterable


def pointer(parts: Iterable[str | int]) -> str:
    """Join path parts into a JSON Pointer; the whole document is ""."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
