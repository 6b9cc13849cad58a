"""Consultations in the API (/api/v1/democracy/consultations…), public: no login. The list and one consultation
give what the portal shows — never a draft, the summary and each opinion's answer only once published, never a
commenter's contact. Sending an opinion follows the portal's form: only while the consultation is open, limited per
connection and phone like every public form (429 `too_many_submissions` with when to try again)."""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja import Status as HttpStatus
from ninja.pagination import paginate
from pydantic import Field

from gandan.core.democracy.consultations import Phase
from gandan.democracy.api import router
from gandan.democracy.models import Comment, Consultation
from gandan.democracy.selectors import consultations as selectors
from gandan.democracy.services.consultations import COMMENT_MAX, CONTACT_MAX, NAME_MAX, comment_submit
from gandan.errors import DomainError, Throttled
from gandan.kit.params import ID_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.kit.throttle import submit_counted, submit_refusal_by_address, submit_refusal_by_phone

SUBMIT_SCOPE = "consultation"  # the portal form's: one limit whichever door the opinion comes through


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(20, ge=1, le=50)


class SectionOut(Schema):
    id: int
    number: int
    heading: str
    text: str


class PublicCommentOut(Schema):
    id: int
    section_id: int | None
    channel: str
    village: str = Field("", description="The village named with the opinion, if any")
    author_name: str = Field("", description="The name the commenter chose to give, if any")
    text: str
    disposition: str = Field(..., description="accepted, partly or not_accepted")
    response: str = Field(..., description="The commune's explanation")

    @staticmethod
    def resolve_village(obj) -> str:
        return obj.village.name if obj.village_id else ""


class ConsultationOut(Schema):
    id: int
    commune: str = Field(..., alias="unit.code")
    commune_name: str = Field(..., alias="unit.name")
    subject: str
    subject_label: str
    title: str
    introduction: str
    opens: dt.date
    closes: dt.date
    phase: str = Field(..., description="announced, open, closed (being summarised) or published")
    published_on: dt.date | None

    @staticmethod
    def resolve_subject_label(obj) -> str:
        return str(obj.get_subject_display())

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase.value


class ConsultationDetailOut(ConsultationOut):
    sections: list[SectionOut]
    summary: str | None = Field(None, description="Once published")
    explanation: str | None = Field(None, description="Once published")
    comments: list[PublicCommentOut] = Field([], description="Each opinion with its answer, once published")

    @staticmethod
    def resolve_sections(obj) -> list[dict]:
        return [
            {"id": s.pk, "number": s.number, "heading": s.heading, "text": s.text}
            for s in selectors.consultation_sections(obj)
        ]

    @staticmethod
    def resolve_summary(obj) -> str | None:
        return obj.summary if obj.phase is Phase.PUBLISHED else None

    @staticmethod
    def resolve_explanation(obj) -> str | None:
        return obj.explanation if obj.phase is Phase.PUBLISHED else None

    @staticmethod
    def resolve_comments(obj) -> list[Comment]:
        return list(selectors.public_comments(obj))


class ConsultationQuery(Schema):
    commune: str = Field("", max_length=20, description="The commune's code, e.g. 08848")
    phase: str = Field("", pattern="^(|open|announced|closed|published)$")


class CommentIn(Schema):
    text: str = Field(..., max_length=COMMENT_MAX)
    section_id: int | None = Field(
        None, ge=1, le=ID_MAX, description="A section of the draft; none: the whole"
    )
    village_id: int | None = Field(None, ge=1, le=ID_MAX, description="A village of the commune")
    author_name: str = Field("", max_length=NAME_MAX, description="Optional; published with the opinion")
    contact: str = Field("", max_length=CONTACT_MAX, description="Phone or e-mail; for the commune only")


class CommentReceivedOut(Schema):
    id: int
    consultation: int = Field(..., alias="consultation_id")
    received_at: dt.datetime = Field(..., alias="created_at")


def _consultation(consultation_id: int) -> Consultation:
    if not 0 < consultation_id <= ID_MAX:
        raise Http404
    return selectors.public_consultation_get(consultation_id)


@router.get(
    "/consultations", response=list[ConsultationOut], auth=None, summary="Consultations of the people"
)
@paginate(Pages)
def consultations(request, filters: Query[ConsultationQuery]):
    """Every consultation opened (never a draft), newest first; `phase=open` gives those taking comments today and
    those announced."""
    communes = {u.code: u for u in selectors.public_communes()} if filters.commune else {}
    commune = communes.get(filters.commune)
    if filters.commune and commune is None:
        return Consultation.objects.none()
    return selectors.public_consultations(commune=commune, phase=filters.phase)


@router.get(
    "/consultations/{int:consultation_id}",
    response=ConsultationDetailOut,
    auth=None,
    summary="One consultation, with its sections (and, once published, the summary and the answers)",
)
def consultation(request, consultation_id: int):
    return _consultation(consultation_id)


_AS_SENT = {"section": "section_id", "village": "village_id"}


@router.post(
    "/consultations/{int:consultation_id}/comments",
    response={201: CommentReceivedOut},
    auth=None,
    summary="Send an opinion on a consultation (public)",
)
def comment_create(request, consultation_id: int, payload: CommentIn):
    """Taken only while the consultation is open (`consultation_not_open` otherwise, saying when comments are
    taken); every problem of the opinion at once under `comment_invalid`."""
    found = _consultation(consultation_id)
    refusal = submit_refusal_by_address(request, SUBMIT_SCOPE) or submit_refusal_by_phone(
        SUBMIT_SCOPE, payload.contact
    )
    if refusal:
        raise Throttled("too_many_submissions", refusal)
    section = selectors.public_section(found, payload.section_id)
    village = selectors.public_village(found, payload.village_id)
    errors: dict[str, str] = {}
    if payload.section_id is not None and section is None:
        errors["section_id"] = _("Choose a section of this draft.")
    if payload.village_id is not None and village is None:
        errors["village_id"] = _("Choose a village or residential group of %(commune)s.") % {
            "commune": found.unit.name
        }
    try:
        if errors and found.phase is Phase.OPEN:
            raise DomainError("comment_invalid", errors=errors)
        comment = comment_submit(
            consultation=found,
            text=payload.text,
            section=section,
            village=village,
            author_name=payload.author_name,
            contact=payload.contact,
        )
    except DomainError as error:
        error.errors = {_AS_SENT.get(k, k): v for k, v in error.errors.items()}
        raise
    submit_counted(request, SUBMIT_SCOPE, payload.contact)
    return HttpStatus(201, comment)
