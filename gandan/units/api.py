import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth
from pydantic import Field

from gandan.kit.params import Pages
from gandan.units.selectors import unit_get_for_user, unit_list_for_user

router = Router(tags=["units"], auth=django_auth)


class UnitOut(Schema):
    id: int
    kind: str
    code: str
    name: str
    path: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitFilter(Schema):
    q: str = Field("", max_length=100, description='Tìm theo tên, không cần dấu ("lang cong")')
    kind: str = Field("", max_length=20)
    include_former: bool = False


@router.get("/", response=list[UnitOut], summary="Units in my area")
@paginate(Pages)
def list_units(request, filters: Query[UnitFilter]):
    return unit_list_for_user(
        request.user, query=filters.q, kind=filters.kind, include_former=filters.include_former
    )


@router.get("/{int:unit_id}", response=UnitOut, summary="One unit")
def get_unit(request, unit_id: int):
    return unit_get_for_user(request.user, unit_id)
