"""The satisfaction form (DOMAIN.md §1.8): raw answers per index are stored; the bands are configuration."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.errors import DomainError

SCORE_CHOICES = (
    (5, gettext_lazy("Very satisfied")),
    (4, gettext_lazy("Satisfied")),
    (3, gettext_lazy("Neutral")),
    (2, gettext_lazy("Dissatisfied")),
    (1, gettext_lazy("Very dissatisfied")),
)
# The two counting questions store 1, 2 or 3 (= three or more) as before; only the words a citizen reads differ, each
# answer saying what is counted ("Một lần / Hai lần" under "how many offices" read as a question about visits).
CONTACT_CHOICES = (
    (1, gettext_lazy("Only once")),
    (2, gettext_lazy("Twice")),
    (3, gettext_lazy("Three times or more")),
)
AGENCY_CHOICES = (
    (1, gettext_lazy("Only one office")),
    (2, gettext_lazy("Two offices")),
    (3, gettext_lazy("Three offices or more")),
)


@dataclass(frozen=True)
class Index:
    key: str  # stored in Rating.answers: never rename, the statistics read these keys
    label: str | Promise  # the question as a citizen reads it
    kind: str  # "score" (1 very dissatisfied … 5 very satisfied) or "count" (1, 2, 3 = three or more)
    choices: tuple[tuple[int, str | Promise], ...]


# The scored questions first (they share one scale), then the two that count; "overall" stays first (it is also
# stored on its own, Rating.overall).
INDICES = [
    Index("overall", gettext_lazy("Overall, how satisfied are you?"), "score", SCORE_CHOICES),
    Index("attitude", gettext_lazy("How the officers received and guided you"), "score", SCORE_CHOICES),
    Index("on_time", gettext_lazy("Getting the result on the appointed day"), "score", SCORE_CHOICES),
    Index(
        "duration", gettext_lazy("How long it took, compared with the time promised"), "score", SCORE_CHOICES
    ),
    Index(
        "publicity",
        gettext_lazy("How clearly the procedure was posted and explained"),
        "score",
        SCORE_CHOICES,
    ),
    Index("ease", gettext_lazy("How easy the procedure was"), "score", SCORE_CHOICES),
    Index(
        "contacts",
        gettext_lazy("How many times did you have to come or get in touch before it was done?"),
        "count",
        CONTACT_CHOICES,
    ),
    Index("agencies", gettext_lazy("How many offices did you have to go to?"), "count", AGENCY_CHOICES),
]
DISLIKE_AT_MOST = 2  # an overall score of 1 or 2 counts as "dislike" in indicator 5.4


def clean_answers(answers: Mapping[str, Any]) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for index in INDICES:
        raw: Any = answers.get(index.key)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = 0
        if value not in {score for score, _label in index.choices}:
            raise DomainError(
                "answer_missing", _("Please answer: %(q)s") % {"q": index.label}, field=index.key
            )
        cleaned[index.key] = value
    return cleaned


def band(average: float) -> str:
    """The band of an average score (the thresholds are settings.GANDAN_SATISFACTION_BANDS)."""
    for threshold, name in settings.GANDAN_SATISFACTION_BANDS:
        if average >= threshold:
            return name
    return "poor"
