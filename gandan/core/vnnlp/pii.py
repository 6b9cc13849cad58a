"""Personal data masked in what officials are shown (first version: phones, ID numbers, e-mails)."""

import re
from collections.abc import Iterable

from gandan.core.redaction import MARKER, redact_phrases

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_DIGITS = re.compile(r"(?<![\w+])\+?\d[\d .-]{7,14}\d(?!\d)")


def mask_pii(text: str, names: Iterable[str] = ()) -> str:
    text = _EMAIL.sub(MARKER, text)
    text = _DIGITS.sub(
        lambda m: MARKER if len(re.sub(r"\D", "", m.group())) in (9, 10, 11, 12) else m.group(), text
    )
    names = [n for n in names if n.strip()]
    return redact_phrases(text, names).text if names else text
