"""The questions' API under /api/v1/dialogues/: a dialogue's questions (what the portal shows without a login, whole
for an officer of its units — never the asker's phone or e-mail), sending a question before a dialogue (no login,
limited like the portal's form: per address and per phone), and the citizen's lookup by his code."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Schema
from ninja import Status as HttpStatus
from pydantic import Field

from gandan.dialogues.api import router
from gandan.dialogues.api.commitments import CommitmentOut
from gandan.dialogues.selectors.published import (
    dialogue_for_reader,
    dialogue_village,
    public_dialogue_get,
    public_questions,
    staff_questions,
)
from gandan.dialogues.services import questions as rules
from gandan.dialogues.services.lookup import question_public_lookup, submit_counted_for, submit_refusal
from gandan.dialogues.services.questions import Asker, question_submit
from gandan.errors import DomainError, Throttled
from gandan.kit.params import ID_MAX


class QuestionOut(Schema):
    id: int = Field(..., alias="pk")
    number: int = Field(..., description="1, 2, … within the dialogue")
    asker: str = Field(..., description="The asker's initials and village, as the portal shows them")
    village: str
    channel_label: str = Field(
        ..., description="How it came: the portal, citizen reception, a village head, the room"
    )
    theme: str = Field(..., description="The group officials put it under")
    text: str = Field(..., description="Empty on the public list when the question was set aside")
    status: str = Field(..., description="received, assigned, answered or set_aside")
    status_label: str
    answer: str
    answered_at: dt.datetime | None
    commitments: list[CommitmentOut] = Field(..., description="What its answer promised, with the progress")
    code: str | None = Field(None, description="The lookup code (staff, and the asker's own lookup)")
    asker_name: str | None = Field(None, description="Staff only")
    village_id: int | None = Field(None, description="Staff only")
    assigned_to: str | None = Field(None, description="The officer preparing the answer (staff only)")
    set_aside_reason: str | None = Field(None, description="Staff only; the asker reads it with his code")


class QuestionLookupOut(Schema):
    dialogue_id: int
    dialogue_title: str
    dialogue_starts_at: dt.datetime
    dialogue_status: str
    set_aside_reason: str
    question: QuestionOut


class QuestionIn(Schema):
    name: str = Field(
        ..., min_length=1, max_length=rules.NAME_MAX, description="Shown in public by its initials"
    )
    village_id: int = Field(
        ..., ge=1, le=ID_MAX, description="A village or residential group of the dialogue's commune"
    )
    phone: str = Field("", max_length=20, description="Optional, never shown")
    email: str = Field("", max_length=254, description="Optional, never shown")
    text: str = Field(..., min_length=1, max_length=rules.TEXT_MAX, description="The question")
    consent: bool = Field(
        ...,
        description="Must be true: the asker agrees that the commune uses his name and contacts to answer",
    )


class SentOut(Schema):
    code: str = Field(..., description="Keep it to follow the answer: GET /api/v1/dialogues/questions/{code}")
    number: int
    dialogue_id: int
    status: str


@router.get(
    "/dialogues/{int:dialogue_id}/questions",
    response=list[QuestionOut],
    auth=None,
    summary="A dialogue's questions and answers",
)
def dialogue_questions(request, dialogue_id: int):
    """In their order. Without a login: what the portal shows (the askers by initials and village; a question set
    aside without its text). With a staff session of the dialogue's units: every field but the asker's contacts."""
    found, staff = dialogue_for_reader(request.user, dialogue_id if 0 < dialogue_id <= ID_MAX else 0)
    return staff_questions(found) if staff else public_questions(found)


@router.post(
    "/dialogues/{int:dialogue_id}/questions",
    response={201: SentOut},
    auth=None,
    summary="Send a question before a dialogue (public)",
)
def send_question(request, dialogue_id: int, payload: QuestionIn):
    """While the dialogue takes questions (`accepting_questions`): its deadline has not passed and it is planned.
    Limited like the portal's form (per address and per phone); `too_many_submissions` (429) says when to try again.
    Every problem of the fields at once under `question_invalid`; `questions_closed` (409) after the deadline."""
    refusal = submit_refusal(request, payload.phone)
    if refusal:
        raise Throttled("too_many_submissions", refusal)
    dialogue = public_dialogue_get(dialogue_id if 0 < dialogue_id <= ID_MAX else 0)
    if not payload.consent:
        raise DomainError(
            "question_invalid",
            _("The asker must agree that the commune uses his data to answer."),
            field="consent",
        )
    village = dialogue_village(dialogue, payload.village_id)
    if village is None:
        raise DomainError(
            "question_invalid",
            _("Choose a village or residential group of %(commune)s.") % {"commune": dialogue.unit.name},
            field="village_id",
        )
    asker = Asker(name=payload.name, village=village, phone=payload.phone, email=payload.email)
    try:
        question = question_submit(dialogue=dialogue, asker=asker, text=payload.text)
    except DomainError as error:  # the service's "village" is this schema's "village_id"
        error.errors = {("village_id" if k == "village" else k): v for k, v in error.errors.items()}
        raise
    submit_counted_for(request, payload.phone)
    return HttpStatus(
        201,
        {
            "code": question.code,
            "number": question.number,
            "dialogue_id": dialogue.pk,
            "status": question.status,
        },
    )


@router.get(
    "/questions/{code}",
    response=QuestionLookupOut,
    auth=None,
    summary="A citizen's question by its code (public)",
)
def question_by_code(request, code: str):
    """The question, its answer and what was promised, with the progress of each commitment. Wrong codes are counted
    per address: after too many, `too_many_attempts` (429) says how long to wait."""
    result = question_public_lookup(request=request, code=code[:40])
    if result.refusal:
        raise Throttled("too_many_attempts", result.refusal)
    if result.found is None:
        raise Http404
    own = result.found
    return {
        "dialogue_id": own.dialogue.pk,
        "dialogue_title": own.dialogue.title,
        "dialogue_starts_at": own.dialogue.starts_at,
        "dialogue_status": own.dialogue.status,
        "set_aside_reason": own.set_aside_reason,
        "question": own.question,
    }
