"""An officer's own redaction of a case before it is shared (Law on Denunciation Art. 47, 56): phrases that could
reveal the citizen — a nickname, a relative, a house, what the automatic redaction could not know — are taken out of
the petition's subject and content and of every copy made from them (the reception book line, the search entry,
the duplicate-check keys, the opinion signal). The audit trail records that it happened and how many places, never
the phrases themselves."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.core.redaction import MARKER, redact_phrases
from gandan.core.vntext import normalize
from gandan.errors import DomainError, NotAllowed
from gandan.opinion.services import signal_record
from gandan.petitions import dupcheck
from gandan.petitions.models import DuplicateKey, Petition, StoredFingerprint
from gandan.petitions.search import PETITION, petition_text
from gandan.petitions.services.common import lock, record_step
from gandan.reception.models import ReceptionRecord
from gandan.reception.search import reception_index
from gandan.search.services import index_document

MAX_PHRASES = 20
MAX_PHRASE_LENGTH = 200


def may_redact(user: User | AnonymousUser | None, petition: Petition) -> bool:
    """Who may change what the case says: its unit's intake officers and leaders, and the officer handling it or
    resolving it — each within their own commune (or above it)."""
    if not isinstance(user, User) or not user.is_active or user.unit is None:
        return False
    path = user.unit.path
    if not (petition.unit_path == path or petition.unit_path.startswith(path + ".")):
        return False
    if user.can("petitions.receive") or user.can("petitions.assign"):
        return True
    return user.can("petitions.handle") and user.pk in (petition.assignee_id, petition.resolver_id)


def _phrases(raw: str | Iterable[str]) -> list[str]:
    lines = raw.splitlines() if isinstance(raw, str) else list(raw)
    phrases = [normalize(line) for line in lines]
    phrases = [p for p in phrases if p and p != MARKER]
    if not phrases:
        raise DomainError(
            "phrases_required", _("Write at least one phrase to redact, one per line."), field="phrases"
        )
    if len(phrases) > MAX_PHRASES:
        raise DomainError(
            "too_many_phrases",
            _("Redact at most %(n)s phrases at a time.") % {"n": MAX_PHRASES},
            field="phrases",
        )
    for phrase in phrases:
        if len(phrase) > MAX_PHRASE_LENGTH:
            raise DomainError(
                "phrase_too_long",
                _("Keep each phrase under %(n)s characters.") % {"n": MAX_PHRASE_LENGTH},
                field="phrases",
            )
        if sum(ch.isalnum() for ch in phrase) < 2:
            raise DomainError(
                "phrase_too_short", _("Each phrase needs at least two letters or digits."), field="phrases"
            )
    return phrases


@transaction.atomic
def petition_redact(*, petition: Petition, by: User, phrases: str | Iterable[str]) -> int:
    """Replace each phrase (found without diacritics, across lines and spacing, like the automatic redaction) by
    *** in the subject and content, and in every stored copy. Returns the number of places redacted."""
    if not may_redact(by, petition):
        raise NotAllowed(
            "redact_not_allowed",
            _("Only the intake officers, the leaders and the handler of this case may redact it."),
        )
    phrases = _phrases(phrases)
    petition = lock(petition)
    subject = redact_phrases(petition.subject, phrases)
    content = redact_phrases(petition.content, phrases)
    places = len(subject.spans) + len(content.spans)
    if not places:
        raise DomainError(
            "phrases_not_found",
            _("None of these phrases is in the subject or the content: check the spelling."),
            field="phrases",
        )
    # The stored subject with "***" in place of phrases: ours, not typed, cut to its column.
    petition.subject, petition.content = subject.text[:300], content.text
    petition.save(update_fields=["subject", "content", "updated_at"])

    for record in ReceptionRecord.objects.select_for_update().filter(petition=petition):
        record.content = redact_phrases(record.content, phrases).text
        record.note = redact_phrases(record.note, phrases).text
        record.save(update_fields=["content", "note", "updated_at"])
        record.petition = petition
        reception_index(record)
    people = (
        []
        if petition.protected
        else [
            {"name": p.name, "address": p.address, "phone": p.phone, "id_number": p.id_number}
            for p in petition.petitioners.all()
        ]
    )
    index_document(
        PETITION,
        petition.pk,
        text=petition_text(petition, [p["name"] for p in people]),
        unit_path=petition.unit_path,
    )
    DuplicateKey.objects.filter(petition=petition).delete()
    StoredFingerprint.objects.filter(petition=petition).delete()
    dupcheck.keys_store(petition, dupcheck.text_of(petition, people))
    signal_record(
        text=f"{petition.subject}\n{petition.content}",
        unit=petition.place or petition.unit,
        source_kind="petition",
        source_id=petition.pk,
        at=petition.received_at,
        people=petition.signers,
        protected_names=[p["name"] for p in people if p["name"]],
        confidential=petition.protected,
    )
    # The step and its audit event say that and how much, never what: the phrases would undo the redaction.
    record_step(
        petition=petition,
        action="redact",
        by=by,
        from_status=petition.status,
        public=False,
        note=_("Redacted by hand before sharing: %(n)s places") % {"n": places},
    )
    return places
