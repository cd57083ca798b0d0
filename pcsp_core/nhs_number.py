"""An NHS number, checked the way the NHS checks it: 10 digits, the last a modulus 11
check digit. Optional in a plan, never required; a wrong one is pointed out, not refused,
so a typo never stops a plan from being saved or opened."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"^[0-9]{3} ?[0-9]{3} ?[0-9]{4}$")


def nhs_number_problem(text: str) -> str | None:
    """None when `text` is blank or a valid NHS number; otherwise what is wrong, in plain words."""
    if not isinstance(text, str) or not text.strip():
        return None
    if not _DIGITS.match(text.strip()):
        return "An NHS number is 10 digits, for example 943 476 5919."
    digits = [int(c) for c in text if c.isdigit()]
    remainder = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    if check == 10 or check != digits[9]:
        return "This is not a valid NHS number: a digit may be mistyped. Check it against a letter from your GP."
    return None
