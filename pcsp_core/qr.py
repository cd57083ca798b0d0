"""A shared link as a QR code, made offline with segno (pure Python, so the same in both runtimes).

Error correction M ("medium", about 15% of the code can be damaged and it still scans): a
printed card gets creased. At M the largest code (version 40) holds 2,331 bytes, so only a
short plan fits; anything longer is refused in words, and the page offers the file instead.
"""

from __future__ import annotations

from typing import Any

from .errors import PcspError

ERROR_CORRECTION = "M"
TOO_LARGE = ("This is too much for a QR code ({size:,} characters; a phone can scan about 2,300 at most). "
             "Share fewer parts, or send a protected file or the link instead.")


def qr_code(text: str) -> dict[str, Any]:
    """The QR code of `text`: {"size": modules per side, "rows": ["0110…", …]} without its quiet zone
    (draw four light modules around it), or a PcspError when it cannot fit."""
    import segno  # imported here: the page's Python starts without it

    try:
        code = segno.make_qr(text, error=ERROR_CORRECTION, boost_error=False)
    except segno.DataOverflowError:
        raise PcspError(TOO_LARGE.format(size=len(text))) from None
    rows = ["".join("1" if module else "0" for module in row) for row in code.matrix]
    return {"size": len(rows), "rows": rows, "version": code.version, "error": code.error}
