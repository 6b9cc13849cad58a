"""A duplicate's reason in both of the site's languages.

A reason is written for a Vietnamese clerk, and that is what it is as a string ("Cùng số điện thoại"): the rules
compare and join reasons as strings. It also carries its English wording (:attr:`Reason.english`), so a page shown
in English says "Same phone number" (:func:`in_language`). What a reason quotes from the letters — a road's name, a
village, a family name, a number — is the same in both.
"""

__all__ = ["Reason", "in_language"]


class Reason(str):
    """The Vietnamese text of a reason (the string itself) and its English wording."""

    english: str

    def __new__(cls, vietnamese: str, english: str) -> "Reason":
        reason = super().__new__(cls, vietnamese)
        reason.english = english
        return reason

    def __reduce__(self) -> tuple[type["Reason"], tuple[str, str]]:
        return (Reason, (str(self), self.english))


def in_language(reason: str, language: str) -> str:
    """The reason in `language` ("vi", "en", "en-us", …): its English wording for English, else the reason as
    written (a plain string has no other wording)."""
    if language.lower().startswith("en") and isinstance(reason, Reason):
        return reason.english
    return str(reason)
