"""The citizen's lookup of his question by its code, once for the page and the API, and the limits of the public
question form (gandan.kit.throttle).

A code is 40 random bits (rules.new_question_code) and shows nothing private (the public page shows the same
question, answer and commitments), so a lookup needs no second secret; wrong codes are still counted per client
address, so that nobody walks through codes: after GANDAN_LOOKUP_FAILURES misses in GANDAN_LOOKUP_WINDOW seconds the
address waits. Questions sent are counted like every online submission (GANDAN_SUBMITS_*): per address and per
phone given."""

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext as _

from gandan.dialogues.selectors.published import OwnQuestion, public_question_by_code
from gandan.kit.throttle import (
    client_key,
    lookup_limits,
    submit_counted,
    submit_refusal_by_address,
    submit_refusal_by_phone,
    throttle_count,
    throttle_fail,
    throttle_wait_minutes,
)

LOOKUP_SCOPE = "dialogue_question_lookup"
SUBMIT_SCOPE = "dialogue_question"

__all__ = [
    "LOOKUP_SCOPE",
    "SUBMIT_SCOPE",
    "QuestionLookup",
    "question_public_lookup",
    "submit_counted_for",
    "submit_refusal",
]


@dataclass(frozen=True)
class QuestionLookup:
    refusal: str | None = None  # refused before trying (too many wrong codes from this address)
    found: OwnQuestion | None = None  # None without refusal: no question has this code


def question_public_lookup(*, request: HttpRequest, code: str) -> QuestionLookup:
    limits = lookup_limits()
    key = client_key(request, LOOKUP_SCOPE)
    window: dt.timedelta = limits.address_window
    if throttle_count(key, window=window) >= limits.per_address:
        minutes = throttle_wait_minutes(key, limit=limits.per_address, window=window)
        return QuestionLookup(
            refusal=_(
                "Too many wrong attempts from this device. Please wait %(minutes)d minutes and try again."
            )
            % {"minutes": minutes}
        )
    found = public_question_by_code(code)
    if found is None:
        throttle_fail(key, window=window)
    return QuestionLookup(found=found)


def submit_refusal(request: HttpRequest, phone: str) -> str | None:
    """Why a question may not be sent now (too many from this connection or this phone), or None. Asked before the
    form is read."""
    return submit_refusal_by_address(request, SUBMIT_SCOPE) or submit_refusal_by_phone(SUBMIT_SCOPE, phone)


def submit_counted_for(request: HttpRequest, phone: str) -> None:
    """A question was sent: count it against the address and the phone."""
    submit_counted(request, SUBMIT_SCOPE, phone)
