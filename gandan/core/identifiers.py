"""What people type as a phone number or a record's code, in the one form every module stores, matches and counts.

Pure (no Django): intake forms and services, the duplicate check, the public lookups and their throttle all read
phone numbers and codes through here, so that "0912 345 678", "0912.345.678" and "(+84) 912345678" are the same
person everywhere, and " hs-2026-001 " is the code HS-2026-001 wherever it is typed.
"""

import re

# What intake accepts and stores (after `clean_phone`): a national number, or the international form.
PHONE = re.compile(r"^(0|\+84)\d{9,10}$")
_SEPARATORS = re.compile(r"[\s.\-()]")

# Old 11-digit mobile prefixes renumbered in 2018 (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile).
# Petitions and old records still carry them.
_OLD_MOBILE_PREFIXES = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip
_MOBILE = re.compile(r"^0[35789]\d{8}$")


def clean_phone(raw: str | None) -> str:
    """The number as typed without its separators (spaces, dots, dashes, brackets): what intake stores."""
    return _SEPARATORS.sub("", raw or "")


def is_phone(cleaned: str) -> bool:
    """A Vietnamese number intake accepts: 10–11 digits from 0, or +84 and 9–10 digits (after `clean_phone`)."""
    return bool(PHONE.match(cleaned))


def phone_digits(raw: str | None) -> str:
    """Only the digits (a search by phone, a throttle's key)."""
    return "".join(ch for ch in (raw or "") if ch.isdigit())


def normalize_phone(raw: str | None) -> str:
    """Return the 10-digit national form of a Vietnamese mobile number, or "" if it is not one.

    Separators are dropped; the country code (``+84``, ``84``, ``0084``, ``(+84)``) becomes the leading 0, and
    the old 11-digit prefixes renumbered in 2018 (``0168`` -> ``038`` ...) are mapped to the new ones.  Only
    mobile numbers (``03``, ``05``, ``07``, ``08``, ``09``) are kept: 11-digit landlines belong to offices and
    households and are shared, and anything else is a typo we cannot match safely.
    """
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("0084"):
        digits = digits[4:] if digits[4:5] == "0" else "0" + digits[4:]
    elif digits.startswith("84") and len(digits) in (11, 12, 13):
        digits = digits[2:] if digits[2] == "0" else "0" + digits[2:]  # "+84 0912 ..." keeps one 0
    elif len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits  # "912 345 678" written without the trunk 0
    if len(digits) == 11 and digits[:4] in _OLD_MOBILE_PREFIXES:
        digits = _OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
    return digits if _MOBILE.match(digits) else ""


def clean_code(raw: str | None) -> str:
    """A record's code as typed, in the stored form (upper case, no surrounding spaces); "" for text that cannot be
    a code (a control character, which would even be a 500 on PostgreSQL for a NUL)."""
    code = (raw or "").strip().upper()
    return code if code.isprintable() else ""


def clean_last4(raw: str | None) -> str:
    """The last four digits of a phone, as the public lookups ask them; "" when it is not four digits."""
    value = (raw or "").strip()
    return value if len(value) == 4 and value.isdigit() and value.isascii() else ""


_TYPED_NUMBER = re.compile(r"^\+?\d+$")


def lookup_last4(raw: str | None) -> str:
    """The four digits a public lookup compares, from what a citizen typed: the last 4 digits themselves, or a whole
    phone number ("0912 345 678", "+84 912.345.678") or citizen ID number (12 digits), of which the last 4 are
    used. "" for anything else (5 to 8 digits, letters): too ambiguous to be either, so never a guess."""
    value = _SEPARATORS.sub("", (raw or "").strip())
    if not value.isascii() or not _TYPED_NUMBER.match(value):
        return ""
    digits = value.lstrip("+")
    if len(digits) == 4 and not value.startswith("+"):
        return digits
    return digits[-4:] if 9 <= len(digits) <= 13 else ""
