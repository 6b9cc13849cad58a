"""Public disclosures in the API (/api/v1/democracy/…): the list and one disclosure — with a staff session holding
"democracy.view", every disclosure of my units in every state (scoped like the pages); without one, what the public
pages show (posted today, or for one disclosure: posted and not withdrawn) — and the public calculator of the law's
periods, computed by the same rules and working calendar as the pages:

    GET /api/v1/democracy/rules/disclosure?item=2&decided=2027-02-01
    → {"item": 2, "disclose_by": "2027-02-15", "permanent": false, "posting_days": 30, "loudspeaker_days": null,
       "basis": "Điều 11 khoản 2; …"}"""

import datetime as dt

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.pagination import paginate
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.core.democracy import disclosure as rules
from gandan.democracy.api import router
from gandan.democracy.selectors import disclosures as selectors
from gandan.democracy.selectors.disclosures import STATES, DisclosureFilter
from gandan.errors import DomainError
from gandan.kit.communes import commune_paths
from gandan.kit.params import ID_MAX, YEAR_MAX, YEAR_MIN
from gandan.kit.params import Pages as BoundedPages

VIEW = Perm.DEMOCRACY_VIEW


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=200)


class DocumentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    url: str


class DisclosureOut(Schema):
    id: int
    commune: str = Field(..., alias="unit.code")
    commune_name: str = Field(..., alias="unit.name")
    item: int
    item_label: str
    title: str
    summary: str
    decision_ref: str
    decided_on: dt.date
    disclose_by: dt.date = Field(..., alias="deadline")
    start: dt.date | None
    end: dt.date | None
    permanent: bool
    channels: list[str]
    loudspeaker_days: int | None
    legal_basis: str
    state: str = Field(..., description="due, late, running, ended or withdrawn, as of today")
    started_late: bool
    withdrawn_on: dt.date | None
    withdraw_reason: str
    documents: list[DocumentOut]

    @staticmethod
    def resolve_item_label(obj) -> str:
        return selectors.item_label(obj.item)

    @staticmethod
    def resolve_state(obj) -> str:
        return str(selectors.state_of(obj, timezone.localdate()))

    @staticmethod
    def resolve_started_late(obj) -> bool:
        return rules.started_late(deadline=obj.deadline, start=obj.start)

    @staticmethod
    def resolve_documents(obj) -> list[dict]:
        shown = obj.withdrawn_on is None and obj.start is not None and obj.start <= timezone.localdate()
        name = "democracy_public:disclosure_document" if shown else "democracy:disclosure_document"
        return [
            {
                "id": doc.pk,
                "name": doc.name,
                "content_type": doc.content_type,
                "size": doc.size,
                "url": reverse(name, args=[obj.pk, doc.pk]),
            }
            for doc in obj.documents.all()
        ]


class DisclosureFilterIn(Schema):
    commune: str = Field("", max_length=20, description="A commune's official code (public reads)")
    state: str = Field(
        "", pattern="^(|" + "|".join(s.value for s in STATES) + ")$", description="Staff only: a state today"
    )
    item: int | None = Field(None, ge=1, le=14)
    year: int | None = Field(
        None, ge=YEAR_MIN, le=YEAR_MAX, description="Staff only: the year of the decision"
    )
    q: str = Field("", max_length=200)


def _staff(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.can(VIEW))


@router.get(
    "/disclosures",
    response=list[DisclosureOut],
    auth=None,
    summary="Public disclosures: my units' in every state (staff), or those posted today (public)",
)
@paginate(Pages)
def list_disclosures(request, filters: Query[DisclosureFilterIn]):
    today = timezone.localdate()
    if _staff(request):
        commune = selectors.public_commune(filters.commune) if filters.commune else None
        if filters.commune and commune is None:
            raise Http404
        rows = selectors.disclosure_list(
            request.user,
            DisclosureFilter(
                state=filters.state,
                item=filters.item,
                year=filters.year,
                query=filters.q,
                commune_paths=commune_paths(commune),
            ),
            today=today,
        )
    elif filters.commune:
        commune = selectors.public_commune(filters.commune)
        if commune is None:
            raise Http404
        rows = selectors.public_list(commune, today=today, query=filters.q, item=filters.item)
    else:
        rows = selectors.public_everywhere(today=today, query=filters.q, item=filters.item)
    return rows.prefetch_related("documents")


@router.get("/disclosures/{int:disclosure_id}", response=DisclosureOut, auth=None, summary="One disclosure")
def get_disclosure(request, disclosure_id: int):
    if disclosure_id > ID_MAX:
        raise Http404
    if _staff(request):
        try:
            return selectors.disclosure_get_for_user(request.user, disclosure_id)
        except Http404:
            pass  # another commune's: what the public sees of it
    return selectors.public_get(disclosure_id, today=timezone.localdate())


class InvalidInput(DomainError):
    status = 422  # as ninja's own refusals of a query parameter


class RuleIn(Schema):
    item: str = Field("", max_length=10, description="1 to 14: the item of Art. 11 of Law 10/2022")
    decided: str = Field("", max_length=20, description="The date of the decision, YYYY-MM-DD")


class RuleOut(Schema):
    item: int
    disclose_by: dt.date
    permanent: bool
    posting_days: int | None = Field(..., description="null when posted permanently")
    loudspeaker_days: int | None = Field(..., description="null when the loudspeakers are not required")
    basis: str


@router.get(
    "/rules/disclosure",
    response=RuleOut,
    auth=None,
    summary="The law's periods for a disclosure (public calculator)",
)
def disclosure_rule(request, query: Query[RuleIn]):
    errors: dict[str, str] = {}
    typed = query.item.strip()
    item = int(typed) if typed.isascii() and typed.isdecimal() else None  # "²".isdigit(), yet int("²") fails
    if item is None or item not in rules.ITEMS:
        errors["item"] = _("item: give the item of Art. 11 of Law 10/2022, a number from 1 to 14.")
    try:
        decided = dt.date.fromisoformat(query.decided.strip())
        if not YEAR_MIN <= decided.year <= YEAR_MAX:
            raise ValueError
    except ValueError:
        decided = None
        errors["decided"] = _("decided: give the date of the decision as YYYY-MM-DD, e.g. 2027-02-01.")
    if decided is not None and decided < rules.LAW_10_IN_FORCE:
        errors["decided"] = _("decided: Law 10/2022/QH15 applies to decisions from %(day)s.") % {
            "day": rules.LAW_10_IN_FORCE.isoformat()
        }
    if errors or item is None or decided is None:
        raise InvalidInput("invalid_input", errors=errors)
    plan = selectors.disclosure_plan(item, decided)
    return {
        "item": item,
        "disclose_by": plan.deadline,
        "permanent": plan.permanent,
        "posting_days": plan.rule.posting_days,
        "loudspeaker_days": plan.rule.loudspeaker_days,
        "basis": plan.rule.legal_basis,
    }
