"""The province's one list of forbidden words for readers' opinions (`news.words`: the province supervisor and the
administrator). A word is kept as typed and as its folded key (core.wordfilter.phrase_key), unique: "Đồ ngu" and
"do ngu" are the same entry, refused the second time with a clear message."""

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.core.wordfilter import PHRASE_TOKENS_MAX, phrase_key
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.news.models import ForbiddenWord

WORDS = "news.words"
PHRASE_MAX = 120

__all__ = ["forbidden_word_add", "forbidden_word_remove"]


def _require(by: User) -> None:
    if by is None or not by.can(WORDS):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


@transaction.atomic
def forbidden_word_add(*, phrase: str, by: User) -> ForbiddenWord:
    """Add a word or phrase to the list (matched without diacritics or case in every opinion sent from now on)."""
    _require(by)
    phrase = normalize(phrase or "")
    key = phrase_key(phrase)
    if not key:
        raise DomainError("phrase_required", _("Type a word or phrase (letters or digits)."), field="phrase")
    if problem := too_long(phrase, max_length=PHRASE_MAX):
        raise DomainError("phrase_invalid", problem, field="phrase")
    if key.count(" ") + 1 > PHRASE_TOKENS_MAX:
        raise DomainError(
            "phrase_invalid",
            _("A forbidden phrase has at most %(n)d words.") % {"n": PHRASE_TOKENS_MAX},
            field="phrase",
        )
    existing = ForbiddenWord.objects.filter(phrase_folded=key).first()
    if existing is not None:
        raise Conflict(
            "phrase_exists",
            _(
                "“%(phrase)s” is already in the list (as “%(existing)s”: diacritics and capitals do not count)."
            )
            % {"phrase": phrase, "existing": existing.phrase},
            field="phrase",
        )
    word = ForbiddenWord.objects.create(phrase=phrase, phrase_folded=key, created_by=by)
    event_record(actor=by, action="news.word_add", obj=word, unit=by.unit, details={"phrase": key})
    return word


@transaction.atomic
def forbidden_word_remove(*, word: ForbiddenWord, by: User) -> None:
    _require(by)
    key = word.phrase_folded
    event_record(actor=by, action="news.word_remove", obj=word, unit=by.unit, details={"phrase": key})
    ForbiddenWord.objects.filter(pk=word.pk).delete()
