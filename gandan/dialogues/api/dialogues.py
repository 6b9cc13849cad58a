"""The dialogues' API under /api/v1/dialogues/: the list and one dialogue. Without a login it reads what the portal
shows (the dialogues a commune shows in public); with a staff session it reads every dialogue of the officer's units
(those not shown on the portal too) and their internal fields. Errors are JSON with a stable code (gandan/api.py)."""

import datetime as dt

from ninja import Query, Schema
from ninja.pagination import paginate
from pydantic import Field

from gandan.dialogues.api import router
from gandan.dialogues.models import Dialogue
from gandan.dialogues.selectors.dialogues import DialogueFilter, dialogue_list
from gandan.dialogues.selectors.published import (
    accepting_questions,
    dialogue_for_reader,
    public_dialogue_list,
    reads_as_staff,
)
from gandan.kit.params import ID_MAX
from gandan.kit.params import Pages as BoundedPages


def choice_pattern(values, *, blank: bool = True) -> str:
    return "^(" + ("|" if blank else "") + "|".join(values) + ")$"


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(20, ge=1, le=100)


class CommuneOut(Schema):
    id: int
    code: str = Field(..., description="The commune's official code (GSO), e.g. 08848")
    name: str


class DialogueOut(Schema):
    id: int
    commune: CommuneOut = Field(..., alias="unit")
    kind: str = Field(..., description="annual (with the Fatherland Front), thematic, or before_decision")
    kind_label: str
    status: str = Field(..., description="planned, held, closed or cancelled")
    status_label: str
    title: str
    topic: str
    starts_at: dt.datetime
    place: str
    chaired_by: str
    participants: str
    agenda: str
    questions_until: dt.datetime | None = Field(
        None, description="Citizens send questions until then (empty: until the dialogue starts)"
    )
    accepting_questions: bool = Field(..., description="A question may be sent now (POST …/questions)")
    cancel_reason: str
    public: bool | None = Field(None, description="Shown on the portal (staff only)")
    minutes: str | None = Field(None, description="The minutes (staff only)")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_accepting_questions(obj) -> bool:
        return accepting_questions(obj)

    @staticmethod
    def resolve_public(obj, context) -> bool | None:
        return obj.public if reads_as_staff(context["request"].user) else None

    @staticmethod
    def resolve_minutes(obj, context) -> str | None:
        return obj.minutes if reads_as_staff(context["request"].user) else None


class DialogueQuery(Schema):
    xa: str = Field(
        "", max_length=10, pattern=r"^[0-9]*$", description="A commune's official code (public list)"
    )
    status: str = Field("", pattern=choice_pattern(Dialogue.Status.values))
    kind: str = Field("", pattern=choice_pattern(Dialogue.Kind.values))
    year: int | None = Field(None, ge=2000, le=2100)
    q: str = Field("", max_length=100, description="Words of the title or topic, with or without diacritics")


@router.get(
    "/dialogues",
    response=list[DialogueOut],
    auth=None,
    summary="Dialogues: those shown on the portal, or with a staff session those of my units",
)
@paginate(Pages)
def dialogues(request, filters: Query[DialogueQuery]):
    """Newest first. Without a login: the dialogues the communes show on the portal (`xa` narrows to one commune).
    With a staff session: every dialogue of the officer's units, with `public` and `minutes`."""
    if reads_as_staff(request.user):
        wanted = DialogueFilter(status=filters.status, kind=filters.kind, year=filters.year, q=filters.q)
        return dialogue_list(request.user, wanted)
    return public_dialogue_list(
        q=filters.q, status=filters.status, kind=filters.kind, year=filters.year, commune_code=filters.xa
    )


@router.get("/dialogues/{int:dialogue_id}", response=DialogueOut, auth=None, summary="One dialogue")
def dialogue(request, dialogue_id: int):
    found, _staff = dialogue_for_reader(request.user, dialogue_id if 0 < dialogue_id <= ID_MAX else 0)
    return found
