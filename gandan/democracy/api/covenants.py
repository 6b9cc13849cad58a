"""Village covenants in the API (/api/v1/democracy/covenants…): the covenants of my units with their step, deadlines
and late marks, and one covenant with the versions of its text (staff session, scoped like the pages: 404 outside
my units); and the covenants in force, with their text, for everyone (no login)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.core.democracy.covenants import CovenantState
from gandan.democracy.api import router
from gandan.democracy.models import Covenant
from gandan.democracy.selectors import covenants as selectors
from gandan.errors import DomainError
from gandan.kit.params import ID_MAX, LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages

_STATES = "^(|" + "|".join(s.value for s in CovenantState) + ")$"


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)


class VillageOut(Schema):
    id: int
    name: str


class CovenantOut(Schema):
    id: int
    village: VillageOut
    title: str
    state: str
    state_label: str
    replaces: int | None = Field(
        None, alias="replaces_id", description="The covenant in force this one amends"
    )
    consultation: int | None = Field(None, alias="consultation_id")
    vote: int | None = Field(None, alias="vote_id")
    adopted_on: dt.date | None
    send_by: dt.date | None = Field(None, description="The recognition dossier is due (5 working days)")
    submitted_on: dt.date | None
    recognise_by: dt.date | None = Field(None, description="The chairman's answer is due (5 working days)")
    recognised_on: dt.date | None = Field(None, description="In force from")
    decision_ref: str
    reason: str
    ended_on: dt.date | None
    late: bool = Field(False, description="A deadline passed with its step not done, or done after it")

    @staticmethod
    def resolve_late(obj) -> bool:
        deadlines = selectors.covenant_deadlines(obj)
        return deadlines.send_late or deadlines.recognise_late


class VersionOut(Schema):
    number: int
    note: str
    at: dt.datetime
    text: str


class CovenantDetailOut(CovenantOut):
    households: int | None = Field(None, description="The adoption's count when typed in (without a vote)")
    present: int | None
    yes: int | None
    versions: list[VersionOut] = Field([], description="Newest first")

    @staticmethod
    def resolve_versions(obj) -> list:
        return selectors.covenant_versions(obj)


class CovenantFilters(Schema):
    state: str = Field("", pattern=_STATES)
    village_id: int | None = Field(None, ge=1, le=ID_MAX)
    late: bool = False
    q: str = Field("", max_length=100)


class InForceOut(Schema):
    id: int
    village: VillageOut
    title: str
    recognised_on: dt.date | None
    decision_ref: str
    text: str


class InForceFilters(Schema):
    commune: str = Field("", max_length=20, description="The commune's code, e.g. 08848")


def _need(request, perm: Perm) -> None:
    if not request.user.can(perm):
        raise PermissionDenied


@router.get(
    "/covenants", response=list[CovenantOut], auth=django_auth, summary="Village covenants in my area"
)
@paginate(Pages)
def covenants(request, filters: Query[CovenantFilters]):
    _need(request, Perm.DEMOCRACY_VIEW)
    village = None
    if filters.village_id is not None:
        village = selectors.village_for_user(request.user, filters.village_id)
        if village is None:
            raise DomainError("village_invalid", _("Choose a village of your area."), field="village_id")
    wanted = selectors.CovenantFilter(q=filters.q, state=filters.state, village=village, late=filters.late)
    return selectors.covenant_list(request.user, wanted)


@router.get(
    "/covenants/in-force",
    response=list[InForceOut],
    auth=None,
    summary="Village covenants in force, with their text (public)",
)
@paginate(Pages)
def covenants_in_force(request, filters: Query[InForceFilters]):
    communes = {u.code: u for u in selectors.public_covenant_communes()} if filters.commune else {}
    commune = communes.get(filters.commune)
    if filters.commune and commune is None:
        return Covenant.objects.none()
    return selectors.public_covenants(commune=commune)


@router.get(
    "/covenants/{int:covenant_id}",
    response=CovenantDetailOut,
    auth=django_auth,
    summary="One village covenant with the versions of its text",
)
def covenant(request, covenant_id: int):
    _need(request, Perm.DEMOCRACY_VIEW)
    if not 0 < covenant_id <= ID_MAX:
        raise Http404
    return selectors.covenant_get_for_user(request.user, covenant_id)
