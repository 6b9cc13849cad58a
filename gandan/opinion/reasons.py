"""Why an alert was raised, in sentences an official reads: the engine stores its reasons as codes with figures
({"code": "burst", "observed": 7, "expected": 0.4, "days": 2}, {"code": "crowd", "people": 12}, …); the alert page,
the digest and the home say them in words. Unknown codes are skipped (a newer engine may know more signs)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def decimal(value: object) -> str:
    """A figure as Vietnamese writes it: 0.4 → "0,4", 7.0 → "7", 1234.5 → "1.234,5" (one decimal at most)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    rounded = round(number, 1)
    whole, _dot, tenth = f"{rounded:,.1f}".partition(".")
    whole = whole.replace(",", ".")
    return whole if tenth in ("", "0") else f"{whole},{tenth}"


def _count(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def reason_sentence(reason: dict[str, object]) -> str | None:
    code = reason.get("code")
    if code == "burst":
        observed, days = _count(reason.get("observed")), _count(reason.get("days"))
        expected = decimal(reason.get("expected", 0))
        if days:
            return ngettext(
                "%(observed)s signals in %(days)s day, usually %(expected)s",
                "%(observed)s signals in %(days)s days, usually %(expected)s",
                days,
            ) % {"observed": observed, "days": days, "expected": expected}
        return _("%(observed)s signals, usually %(expected)s") % {"observed": observed, "expected": expected}
    if code == "crowd":
        return _("crowd petition (%(people)s people signed)") % {"people": _count(reason.get("people"))}
    if code == "villages":
        return _("%(count)s villages raise the same matter") % {"count": _count(reason.get("count"))}
    if code == "rise":
        weeks = reason.get("weeks")
        if isinstance(weeks, list) and weeks:
            counts = ", ".join(str(_count(w)) for w in weeks)
            return _("rising week after week (%(counts)s signals a week)") % {"counts": counts}
        return _("rising week after week")
    if code == "urgency":
        return _("words of anger or urgency")
    if code == "repeat":
        return _("citizens raised it several times")
    return None


def reason_sentences(reasons: object) -> list[str]:
    """Every known reason of an alert as a sentence, in the engine's order."""
    if not isinstance(reasons, list):
        return []
    found = []
    for reason in reasons:
        if isinstance(reason, dict):
            sentence = reason_sentence(reason)
            if sentence:
                found.append(sentence)
    return found
