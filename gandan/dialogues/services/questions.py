"""Citizens' questions for a dialogue: sent on the portal before it (no login), written down at citizen reception,
typed in from a village head's list, or asked in the room; grouped by theme, assigned to an officer of the commune,
answered (an answer that promises action records its commitment in the same step), or set aside with a reason.

Every question is also an opinion signal (DESIGN.md "Citizen signals"), placed in the asker's village. The asker's
phone and e-mail are private: the public pages and the API never show them, and an officer reads them only through
`question_contacts`, which writes a sensitive read to the audit trail.

Each question gets a lookup code (rules.new_question_code) the citizen keeps to follow the answer and what was
promised (/doi-thoai/hoi/<code>/)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record, sensitive_read_record
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.vntext import normalize
from gandan.dialogues.models import Commitment, Dialogue, Question
from gandan.dialogues.rules import (
    DialogueAction,
    QuestionAction,
    dialogue_allows,
    new_question_code,
    question_allows,
    questions_open,
)
from gandan.dialogues.services.commitments import CommitmentFacts, commitment_add
from gandan.dialogues.services.dialogues import (
    MANAGE,
    check_in_scope,
    is_commune_officer,
    local_text,
    lock,
    require_manage,
)
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.units.models import GRASSROOTS_KINDS, Unit

#: The opinion signal's source kind for a question (labelled in gandan.opinion.sources).
QUESTION_SOURCE = "dialogue_question"
NAME_MAX = 120
TEXT_MIN = 10
TEXT_MAX = 5_000
THEME_MAX = 120
ANSWER_MAX = 20_000
REASON_MAX = 300
CONTACT_REASON_MIN = 10
STAFF_CHANNELS = (Question.Channel.RECEPTION, Question.Channel.VILLAGE_HEAD, Question.Channel.FLOOR)

Status = Question.Status

__all__ = [
    "QUESTION_SOURCE",
    "STAFF_CHANNELS",
    "Asker",
    "Contacts",
    "may_answer",
    "question_answer",
    "question_contacts",
    "question_enter",
    "question_group",
    "question_set_aside",
    "question_submit",
]


@dataclass(frozen=True)
class Asker:
    """Who asked, as the form or the API gives it. The phone and e-mail are never shown in public."""

    name: str
    village: Unit | None = None
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Contacts:
    phone: str
    email: str


def _check_asker(
    asker: Asker, dialogue: Dialogue, *, village_required: bool, errors: dict[str, str]
) -> Asker:
    name = normalize(asker.name or "")
    if not name:
        errors["name"] = _("Enter your full name (it is shown in public only by its initials).")
    elif problem := too_long(name, max_length=NAME_MAX):
        errors["name"] = problem
    village = asker.village
    if village is None:
        if village_required:
            errors["village"] = _("Choose your village or residential group.")
    elif (
        village.kind not in GRASSROOTS_KINDS
        or village.valid_to is not None
        or not village.path.startswith(f"{dialogue.unit_path}.")
    ):
        errors["village"] = _("Choose a village or residential group of %(commune)s.") % {
            "commune": dialogue.unit.name
        }
        village = None
    phone = clean_phone(asker.phone or "")
    if phone and not is_phone(phone):
        errors["phone"] = _("Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678.")
    email = (asker.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address, or leave it empty.")
        if len(email) > 254:
            errors["email"] = _("Enter a valid e-mail address, or leave it empty.")
    return Asker(name=name, village=village, phone=phone, email=email)


def _check_text(text: str, errors: dict[str, str]) -> str:
    text = normalize(text or "", multiline=True)
    if len(text) < TEXT_MIN:
        errors["text"] = _("Write your question in a sentence at least.")
    elif problem := too_long(text, max_length=TEXT_MAX):
        errors["text"] = problem
    return text


def _next_code() -> str:
    for _attempt in range(5):
        code = new_question_code()
        if not Question.objects.filter(code=code).exists():
            return code
    raise Conflict("code_busy", _("Please send the question again."))  # five collisions of 40 bits: never


def _create(
    dialogue: Dialogue, *, channel: str, asker: Asker, text: str, theme: str, by: User | None
) -> Question:
    number = (dialogue.questions.aggregate(n=Max("number"))["n"] or 0) + 1
    question = Question(
        dialogue=dialogue,
        unit_path=dialogue.unit_path,
        number=number,
        code=_next_code(),
        channel=channel,
        asker_name=asker.name,
        asker_phone=asker.phone,
        asker_email=asker.email,
        village=asker.village,
        text=text,
        theme=theme,
        entered_by=by,
    )
    question.save(force_insert=True)
    from gandan.opinion.services import signal_record

    signal_record(
        text=text,
        unit=asker.village or dialogue.unit,
        source_kind=QUESTION_SOURCE,
        source_id=question.pk,
        new_source=True,
    )
    event_record(
        actor=by,
        action="dialogues.question_enter",
        obj=question,
        unit=dialogue.unit,
        # Never the asker's name or contacts: the trail says what came in and by which door.
        details={"channel": channel, "number": number, "dialogue": dialogue.pk},
    )
    return question


@transaction.atomic
def question_submit(*, dialogue: Dialogue, asker: Asker, text: str) -> Question:
    """A citizen sends a question on the portal (no login): only to a public dialogue that is planned, until its
    deadline (`questions_until`, else its start). Name, village of the commune and the question are required; the
    phone and e-mail are optional and private. Every problem at once (DomainError "question_invalid")."""
    dialogue = lock(dialogue)
    now = timezone.now()
    if not dialogue.public:
        raise Conflict("questions_closed", _("This dialogue does not take questions on the portal."))
    if not questions_open(
        status=dialogue.status,
        starts_at=dialogue.starts_at,
        questions_until=dialogue.questions_until,
        now=now,
    ):
        if dialogue.status != Dialogue.Status.PLANNED:
            message = _(
                "This dialogue no longer takes questions (it is “%(status)s”). You may still bring your question to "
                "the commune's citizen reception."
            ) % {"status": dialogue.get_status_display()}
        else:
            message = _(
                "Questions for this dialogue were accepted until %(until)s. You may still bring your question to the "
                "commune's citizen reception."
            ) % {"until": local_text(dialogue.questions_until or dialogue.starts_at)}
        raise Conflict("questions_closed", message)
    errors: dict[str, str] = {}
    clean = _check_asker(asker, dialogue, village_required=True, errors=errors)
    clean_text = _check_text(text, errors)
    if errors:
        raise DomainError("question_invalid", errors=errors)
    return _create(dialogue, channel=Question.Channel.PORTAL, asker=clean, text=clean_text, theme="", by=None)


@transaction.atomic
def question_enter(
    *, dialogue: Dialogue, channel: str, asker: Asker, text: str, theme: str = "", by: User
) -> Question:
    """An officer types in a question: written down at citizen reception, from a village head's list, or asked in
    the room (once the dialogue has started). While the dialogue is planned or held; the village is optional."""
    require_manage(by)
    check_in_scope(by, dialogue.unit_path)
    dialogue = lock(dialogue)
    if not dialogue_allows(dialogue.status, DialogueAction.ENTER_QUESTION):
        raise Conflict(
            "dialogue_state",
            _("Questions are entered while the dialogue is planned or held, not when it is “%(status)s”.")
            % {"status": dialogue.get_status_display()},
        )
    errors: dict[str, str] = {}
    if channel not in STAFF_CHANNELS:
        errors["channel"] = _(
            "Choose how the question came: citizen reception, a village head, or at the dialogue."
        )
    elif channel == Question.Channel.FLOOR and dialogue.starts_at > timezone.now():
        errors["channel"] = _(
            "The dialogue has not started yet: a question asked in the room is entered afterwards."
        )
    clean = _check_asker(asker, dialogue, village_required=False, errors=errors)
    clean_text = _check_text(text, errors)
    theme = normalize(theme or "")
    if problem := too_long(theme, max_length=THEME_MAX):
        errors["theme"] = problem
    if errors:
        raise DomainError("question_invalid", errors=errors)
    return _create(dialogue, channel=channel, asker=clean, text=clean_text, theme=theme, by=by)


def _lock(question: Question) -> Question:
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("dialogue", "dialogue__unit", "assigned_to", "village")
        .get(pk=question.pk)
    )


def _refuse_unless(question: Question, action: QuestionAction) -> None:
    if not question_allows(question.status, action, dialogue_status=question.dialogue.status):
        raise Conflict(
            "question_state",
            _(
                "This is not possible for a question that is “%(status)s” of a dialogue that is “%(dialogue)s”."
            )
            % {"status": question.get_status_display(), "dialogue": question.dialogue.get_status_display()},
        )


def may_answer(user: User | None, question: Question) -> bool:
    """The module's managers answer any question of their units; an officer answers the questions assigned to him."""
    if user is None or not user.is_authenticated:
        return False
    return user.can(MANAGE) or (question.assigned_to_id is not None and question.assigned_to_id == user.pk)


@transaction.atomic
def question_group(*, question: Question, theme: str, assigned_to: User | None, by: User) -> Question:
    """Put a question under a theme (the minutes and the public page group them so) and assign it to an officer of
    the commune, who may then answer it whatever his role; without an officer it waits unassigned."""
    require_manage(by)
    check_in_scope(by, question.unit_path)
    question = _lock(question)
    _refuse_unless(question, QuestionAction.GROUP)
    theme = normalize(theme or "")
    if problem := too_long(theme, max_length=THEME_MAX):
        raise DomainError("question_invalid", problem, field="theme")
    if assigned_to is not None and not is_commune_officer(assigned_to, question.unit_path):
        raise DomainError(
            "question_invalid",
            _("Choose an officer of %(commune)s.") % {"commune": question.dialogue.unit.name},
            field="assigned_to",
        )
    before = question.status
    if question.status != Status.ANSWERED:
        question.status = Status.ASSIGNED if assigned_to is not None else Status.RECEIVED
    question.theme = theme
    question.assigned_to = assigned_to
    question.save(update_fields=["theme", "assigned_to", "status"])
    event_record(
        actor=by,
        action="dialogues.question_group",
        obj=question,
        unit=question.dialogue.unit,
        details={
            "from": before,
            "to": question.status,
            "theme": theme,
            "assignee": assigned_to.full_name if assigned_to is not None else "",
        },
    )
    return question


@transaction.atomic
def question_answer(
    *, question: Question, answer: str, commitment: CommitmentFacts | None = None, by: User
) -> tuple[Question, Commitment | None]:
    """Answer a question (a manager, or the officer it is assigned to); an answer may be corrected. When the answer
    promises action, `commitment` records what, who answers for it and by when, in the same step: both are saved or
    neither."""
    check_in_scope(by, question.unit_path)
    question = _lock(question)
    if not may_answer(by, question):
        raise NotAllowed(
            "not_allowed", _("Only the officer this question is assigned to, or the organisers, answer it.")
        )
    _refuse_unless(question, QuestionAction.ANSWER)
    answer = normalize(answer or "", multiline=True)
    if not answer:
        raise DomainError("question_invalid", _("Write the answer given to the citizen."), field="answer")
    if problem := too_long(answer, max_length=ANSWER_MAX):
        raise DomainError("question_invalid", problem, field="answer")
    before = question.status
    corrected = before == Status.ANSWERED
    question.answer = answer
    question.status = Status.ANSWERED
    question.answered_by = by
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    event_record(
        actor=by,
        action="dialogues.question_answer",
        obj=question,
        unit=question.dialogue.unit,
        details={"from": before, "to": question.status, "corrected": corrected},
    )
    created = None
    if commitment is not None:
        created = commitment_add(dialogue=question.dialogue, question=question, facts=commitment, by=by)
    return question, created


@transaction.atomic
def question_set_aside(*, question: Question, reason: str, by: User) -> Question:
    """Set a question aside with a reason the asker reads (a duplicate of question n, a matter for the court, out of
    the commune's remit); its text then leaves the public page."""
    require_manage(by)
    check_in_scope(by, question.unit_path)
    question = _lock(question)
    _refuse_unless(question, QuestionAction.SET_ASIDE)
    reason = normalize(reason or "")
    if not reason:
        raise DomainError(
            "reason_required", _("Say why the question is not taken up: the asker reads it."), field="reason"
        )
    if problem := too_long(reason, max_length=REASON_MAX):
        raise DomainError("reason_too_long", problem, field="reason")
    before = question.status
    question.status = Status.SET_ASIDE
    question.set_aside_reason = reason
    question.save(update_fields=["status", "set_aside_reason"])
    event_record(
        actor=by,
        action="dialogues.question_set_aside",
        obj=question,
        unit=question.dialogue.unit,
        details={"from": before, "to": question.status, "reason": reason},
    )
    return question


@transaction.atomic
def question_contacts(*, question: Question, reason: str, by: User) -> Contacts:
    """The asker's phone and e-mail, for a manager or the officer the question is assigned to, with a reason; the
    read is written to the audit trail (who read whose contacts, when and why)."""
    check_in_scope(by, question.unit_path)
    if not may_answer(by, question):
        raise NotAllowed(
            "not_allowed",
            _("Only the officer this question is assigned to, or the organisers, may read the contacts."),
        )
    reason = normalize(reason or "")
    if len(reason) < CONTACT_REASON_MIN:
        raise DomainError(
            "reason_required",
            _("Say why you need the asker's contacts (at least a short sentence)."),
            field="reason",
        )
    if problem := too_long(reason, max_length=REASON_MAX):
        raise DomainError("reason_too_long", problem, field="reason")
    unit = question.dialogue.unit
    sensitive_read_record(actor=by, obj=question, what="dialogue_asker_contacts", reason=reason, unit=unit)
    event_record(
        actor=by,
        action="dialogues.question_contact_read",
        obj=question,
        unit=unit,
        details={"reason": reason},
    )
    return Contacts(phone=question.asker_phone, email=question.asker_email)
