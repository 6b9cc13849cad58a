"""Scheduling and holding a dialogue between the commune's leaders and the people (DOMAIN.md §5.3): the annual
dialogue with the Fatherland Front (Law 10/2022 Art. 32), a thematic one, or one before a decision that imposes duties
or restricts rights (Art. 27).

Every fact is checked at once and every problem reported together (DomainError "dialogue_invalid"); nothing is saved
unless all is right. The states move by the table of `gandan.dialogues.rules`; each change is audited with its "from"
and "to"."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import holder_paths, in_user_scope, within_any
from gandan.audit.services import event_record
from gandan.core.vntext import normalize, search_key
from gandan.dialogues.models import Dialogue
from gandan.dialogues.rules import MANAGE, DialogueAction, dialogue_allows
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.units.models import COMMUNE_KINDS, Unit

TITLE_MAX = 300
TOPIC_MAX = 300
PLACE_MAX = 300
CHAIR_MAX = 300
PARTICIPANTS_MAX = 5_000
AGENDA_MAX = 10_000
MINUTES_MAX = 100_000
REASON_MAX = 300
# A dialogue entered after the fact (a paper register typed in) may be up to a year old; one planned more than two
# years ahead is a mistyped year.
PAST_LIMIT = dt.timedelta(days=366)
FUTURE_LIMIT = dt.timedelta(days=731)

Status = Dialogue.Status
Kind = Dialogue.Kind

__all__ = [
    "MANAGE",
    "DialogueFacts",
    "check_in_scope",
    "dialogue_cancel",
    "dialogue_close",
    "dialogue_hold",
    "dialogue_schedule",
    "dialogue_update",
    "is_commune_officer",
    "local_text",
    "require_manage",
]


def local_text(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def require_manage(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def check_in_scope(by: User, unit_path: str) -> None:
    if not in_user_scope(by, unit_path):
        raise NotAllowed("unit_out_of_scope", _("You can only act for your own unit."))


def is_commune_officer(user: User | None, unit_path: str) -> bool:
    """`user` is an active officer of the commune that holds records filed at `unit_path` (itself or, after a
    merger, the commune it joined): whom a question may be assigned to, whom a commitment may name."""
    if user is None or not user.is_active or user.unit is None:
        return False
    return within_any(user.unit.path, holder_paths(unit_path))


@dataclass(frozen=True)
class DialogueFacts:
    """What the officer gave for a dialogue, as the form and the API read it."""

    kind: str
    title: str
    starts_at: dt.datetime | None
    place: str
    chaired_by: str
    topic: str = ""
    participants: str = ""
    agenda: str = ""
    questions_until: dt.datetime | None = None
    public: bool = True


def _check(facts: DialogueFacts, *, now: dt.datetime, held: bool) -> DialogueFacts:
    """`facts` cleaned (NFC, trimmed), or every problem at once."""
    errors: dict[str, str] = {}
    kind = facts.kind
    if kind not in Kind.values:
        errors["kind"] = _(
            "Choose the kind: the annual dialogue with the Fatherland Front, a thematic one or one before a decision."
        )
    title = normalize(facts.title or "")
    topic = normalize(facts.topic or "")
    place = normalize(facts.place or "")
    chaired_by = normalize(facts.chaired_by or "")
    participants = normalize(facts.participants or "", multiline=True)
    agenda = normalize(facts.agenda or "", multiline=True)
    if not title:
        errors["title"] = _(
            "Enter the title of the dialogue, e.g. “Đối thoại giữa Chủ tịch UBND xã với Nhân dân”."
        )
    if kind in (Kind.THEMATIC, Kind.BEFORE_DECISION) and not topic:
        errors["topic"] = _(
            "Enter the matter the dialogue is about (the topic, or the decision being prepared)."
        )
    if not place:
        errors["place"] = _("Enter where the dialogue takes place.")
    if not chaired_by:
        errors["chaired_by"] = _(
            "Enter who chairs it, e.g. the chairman of the People's Committee and of the Front."
        )
    starts_at = facts.starts_at
    if starts_at is None:
        errors["starts_at"] = _("Enter the date and time it starts, as dd/mm/yyyy hh:mm.")
    elif starts_at < now - PAST_LIMIT or starts_at > now + FUTURE_LIMIT:
        errors["starts_at"] = _(
            "The date is more than a year in the past or two years ahead: check the year."
        )
    elif held and starts_at > now:
        errors["starts_at"] = _("This dialogue was already held: its start cannot be in the future.")
    until = facts.questions_until
    if until is not None and starts_at is not None and until > starts_at:
        errors["questions_until"] = _(
            "Questions can be accepted until the dialogue starts at the latest (%(start)s)."
        ) % {"start": local_text(starts_at)}
    for name, value, limit in (
        ("title", title, TITLE_MAX),
        ("topic", topic, TOPIC_MAX),
        ("place", place, PLACE_MAX),
        ("chaired_by", chaired_by, CHAIR_MAX),
        ("participants", participants, PARTICIPANTS_MAX),
        ("agenda", agenda, AGENDA_MAX),
    ):
        if problem := too_long(value, max_length=limit):
            errors.setdefault(name, problem)
    if errors:
        raise DomainError("dialogue_invalid", errors=errors)
    return DialogueFacts(
        kind=kind,
        title=title,
        topic=topic,
        starts_at=starts_at,
        place=place,
        chaired_by=chaired_by,
        participants=participants,
        agenda=agenda,
        questions_until=until,
        public=bool(facts.public),
    )


def _apply(dialogue: Dialogue, facts: DialogueFacts) -> None:
    assert facts.starts_at is not None  # checked
    dialogue.kind = facts.kind
    dialogue.title = facts.title
    dialogue.topic = facts.topic
    dialogue.title_search = search_key(f"{facts.title} {facts.topic}")[:600]
    dialogue.starts_at = facts.starts_at
    dialogue.place = facts.place
    dialogue.chaired_by = facts.chaired_by
    dialogue.participants = facts.participants
    dialogue.agenda = facts.agenda
    dialogue.questions_until = facts.questions_until
    dialogue.public = facts.public


def lock(dialogue: Dialogue) -> Dialogue:
    """The dialogue read again under a row lock: two officers acting at once act one after the other."""
    return Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)


def _refuse_unless(dialogue: Dialogue, action: DialogueAction) -> None:
    if not dialogue_allows(dialogue.status, action):
        raise Conflict(
            "dialogue_state",
            _("This is not possible for a dialogue that is “%(status)s”.")
            % {"status": dialogue.get_status_display()},
        )


@transaction.atomic
def dialogue_schedule(*, commune: Unit, facts: DialogueFacts, by: User) -> Dialogue:
    """Schedule a dialogue of `commune` (a commune or ward in force, inside the officer's units). Citizens may send
    questions on the portal until `questions_until` (or, without it, until it starts) when it is public."""
    require_manage(by)
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError(
            "unit_invalid", _("A dialogue is held by a commune or ward: act from your commune.")
        )
    check_in_scope(by, commune.path)
    clean = _check(facts, now=timezone.now(), held=False)
    dialogue = Dialogue(unit=commune, unit_path=commune.path, created_by=by)
    _apply(dialogue, clean)
    dialogue.save(force_insert=True)
    event_record(
        actor=by,
        action="dialogues.dialogue_create",
        obj=dialogue,
        unit=commune,
        details={"kind": dialogue.kind, "to": dialogue.status},
    )
    return dialogue


_COMPARED = (
    "kind",
    "title",
    "topic",
    "starts_at",
    "place",
    "chaired_by",
    "participants",
    "agenda",
    "questions_until",
    "public",
)


@transaction.atomic
def dialogue_update(*, dialogue: Dialogue, facts: DialogueFacts, by: User) -> Dialogue:
    """Correct a planned or held dialogue by the same rules as scheduling it (a held one cannot move into the
    future)."""
    require_manage(by)
    check_in_scope(by, dialogue.unit_path)
    dialogue = lock(dialogue)
    _refuse_unless(dialogue, DialogueAction.EDIT)
    clean = _check(facts, now=timezone.now(), held=dialogue.status == Status.HELD)
    before = {name: getattr(dialogue, name) for name in _COMPARED}
    _apply(dialogue, clean)
    dialogue.save(update_fields=[*_COMPARED, "title_search"])
    changed = [name for name in _COMPARED if getattr(dialogue, name) != before[name]]
    event_record(
        actor=by, action="dialogues.dialogue_update", obj=dialogue, details={"fields": ", ".join(changed)}
    )
    return dialogue


def _move(
    dialogue: Dialogue, to: str, *, by: User, action: str, fields: list[str], **details: str
) -> Dialogue:
    before = dialogue.status
    dialogue.status = to
    dialogue.save(update_fields=["status", *fields])
    event_record(actor=by, action=action, obj=dialogue, details={"from": before, "to": to, **details})
    return dialogue


@transaction.atomic
def dialogue_hold(*, dialogue: Dialogue, by: User) -> Dialogue:
    """Record that a planned dialogue took place (once its start has come): answers and commitments follow."""
    require_manage(by)
    check_in_scope(by, dialogue.unit_path)
    dialogue = lock(dialogue)
    _refuse_unless(dialogue, DialogueAction.HOLD)
    if dialogue.starts_at > timezone.now():
        raise Conflict(
            "dialogue_not_started",
            _("The dialogue starts at %(start)s: record it as held once it has taken place.")
            % {"start": local_text(dialogue.starts_at)},
        )
    return _move(dialogue, Status.HELD, by=by, action="dialogues.dialogue_hold", fields=[])


@transaction.atomic
def dialogue_close(*, dialogue: Dialogue, minutes: str, by: User) -> Dialogue:
    """Close a held dialogue with its minutes (what was said, answered and promised), printed as PDF."""
    require_manage(by)
    check_in_scope(by, dialogue.unit_path)
    dialogue = lock(dialogue)
    _refuse_unless(dialogue, DialogueAction.CLOSE)
    minutes = normalize(minutes or "", multiline=True)
    if not minutes:
        raise DomainError(
            "minutes_required",
            _("Write the minutes: who attended, what was raised, what was answered and promised."),
            field="minutes",
        )
    if problem := too_long(minutes, max_length=MINUTES_MAX):
        raise DomainError("minutes_too_long", problem, field="minutes")
    dialogue.minutes = minutes
    return _move(dialogue, Status.CLOSED, by=by, action="dialogues.dialogue_close", fields=["minutes"])


@transaction.atomic
def dialogue_cancel(*, dialogue: Dialogue, reason: str, by: User) -> Dialogue:
    """Cancel a planned dialogue, saying why: the public page and the citizens who sent questions read it."""
    require_manage(by)
    check_in_scope(by, dialogue.unit_path)
    dialogue = lock(dialogue)
    _refuse_unless(dialogue, DialogueAction.CANCEL)
    reason = normalize(reason or "")
    if not reason:
        raise DomainError(
            "reason_required",
            _("Say why the dialogue is cancelled: citizens who sent questions read it."),
            field="reason",
        )
    if problem := too_long(reason, max_length=REASON_MAX):
        raise DomainError("reason_too_long", problem, field="reason")
    dialogue.cancel_reason = reason
    return _move(
        dialogue,
        Status.CANCELLED,
        by=by,
        action="dialogues.dialogue_cancel",
        fields=["cancel_reason"],
        reason=reason,
    )
