"""The satisfaction form (DOMAIN.md §1.8): raw answers per index are stored; the bands are configuration."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.errors import DomainError


@dataclass(frozen=True)
class Index:
    key: str
    label: str | Promise
    kind: str  # "score" (1 very dissatisfied … 5 very satisfied) or "count" (1, 2, 3 = three or more)


INDICES = [
    Index("overall", gettext_lazy("Overall, how satisfied are you?"), "score"),
    Index("attitude", gettext_lazy("The officers' attitude"), "score"),
    Index("on_time", gettext_lazy("The result came on the appointed day"), "score"),
    Index("duration", gettext_lazy("The total time compared with the time allowed"), "score"),
    Index("contacts", gettext_lazy("How many times did you have to come or contact us?"), "count"),
    Index("agencies", gettext_lazy("How many offices did you have to deal with?"), "count"),
    Index("publicity", gettext_lazy("The procedure was published clearly"), "score"),
    Index("ease", gettext_lazy("It was easy to do"), "score"),
]
SCORE_CHOICES = [
    (5, gettext_lazy("Very satisfied")),
    (4, gettext_lazy("Satisfied")),
    (3, gettext_lazy("Neutral")),
    (2, gettext_lazy("Dissatisfied")),
    (1, gettext_lazy("Very dissatisfied")),
]
COUNT_CHOICES = [
    (1, gettext_lazy("Once")),
    (2, gettext_lazy("Twice")),
    (3, gettext_lazy("Three times or more")),
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
        allowed = range(1, 6) if index.kind == "score" else range(1, 4)
        if value not in allowed:
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
