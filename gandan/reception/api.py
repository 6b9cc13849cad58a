"""The citizen reception's API: the leaders' reception sessions (staff session, scoped to the user's units). Mounted
at /api/v1/petitions/reception/ (module key, gandan/reception/module.py). Errors are JSON with a stable code
(gandan/api.py)."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.accounts.rules import Perm
from gandan.kit.params import LIMIT_MAX
from gandan.kit.params import Pages as BoundedPages
from gandan.reception.models import LeaderKind
from gandan.reception.selectors import reception_days_for_user

router = Router(tags=["reception"])


class Pages(BoundedPages):
    class Input(BoundedPages.Input):
        limit: int = Field(50, ge=1, le=LIMIT_MAX)  # a page, as the staff lists show


class ReceptionDayOut(Schema):
    id: int
    unit: str = Field(..., alias="unit.code")
    leader: str
    leader_kind: str
    day: dt.date
    place: str
    held: bool
    ad_hoc: bool

    @staticmethod
    def resolve_leader(obj) -> str:
        return str(obj.leader)


class ReceptionFilter(Schema):
    day_from: dt.date | None = None
    day_to: dt.date | None = None
    leader_kind: str = Field("", pattern="^(|" + "|".join(LeaderKind.values) + ")$")
    held: bool | None = None
    ad_hoc: bool | None = None


@router.get(
    "/sessions",
    response=list[ReceptionDayOut],
    auth=django_auth,
    summary="Leaders' citizen reception days in my area",
)
@paginate(Pages)
def reception_sessions(request, filters: Query[ReceptionFilter]):
    if not (request.user.can(Perm.PETITIONS_VIEW) or request.user.can(Perm.RECEPTION_MANAGE)):
        raise PermissionDenied
    rows = reception_days_for_user(request.user)
    if filters.day_from:
        rows = rows.filter(day__gte=filters.day_from)
    if filters.day_to:
        rows = rows.filter(day__lte=filters.day_to)
    if filters.leader_kind:
        rows = rows.filter(leader_kind=filters.leader_kind)
    if filters.held is not None:
        rows = rows.filter(held=filters.held)
    if filters.ad_hoc is not None:
        rows = rows.filter(ad_hoc=filters.ad_hoc)
    return rows.order_by("-day", "id")
