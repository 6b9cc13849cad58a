"""Test data for the desk: a procedure with two papers, and dossiers moved through the real services."""

import datetime as dt
import itertools

from django.utils import timezone

from gandan.dossiers import services
from gandan.dossiers.models import CopyKind, OnlineLevel, Procedure, ProcedureComponent, TimeUnit

_seq = itertools.count(1)
VN = timezone.get_fixed_timezone(7 * 60)


def local(y, m, d, hh=9, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


def make_procedure(
    *,
    days: int = 3,
    unit: str = TimeUnit.WORKING_DAYS,
    online: str = OnlineLevel.FULL,
    name: str = "Đăng ký khai sinh",
) -> Procedure:
    n = next(_seq)
    procedure = Procedure.objects.create(
        code=f"T.{n:06d}",
        name=name,
        name_search=name.lower(),
        field="Hộ tịch",
        legal_basis="Luật Hộ tịch 2014",
        time_value=days,
        time_unit=unit,
        fee=0,
        online_level=online,
    )
    ProcedureComponent.objects.create(
        procedure=procedure,
        position=1,
        name="Tờ khai đăng ký khai sinh",
        copy_kind=CopyKind.ORIGINAL,
        count=1,
    )
    ProcedureComponent.objects.create(
        procedure=procedure, position=2, name="Giấy chứng sinh", copy_kind=CopyKind.ORIGINAL, count=1
    )
    return procedure


def submit(
    procedure, unit, *, by=None, at=None, channel=1, phone="0912345678", name="Nguyễn Thị Hòa", **extra
):
    """A dossier whose papers were all brought (as the procedure asks them), unless the test says which."""
    if "papers" not in extra and "present_component_ids" not in extra:
        extra["present_component_ids"] = list(procedure.components.values_list("id", flat=True))
    return services.dossier_submit(
        procedure=procedure,
        unit=unit,
        channel=channel,
        applicant_name=name,
        applicant_phone=phone,
        applicant_address="Thôn Bến Đò, xã Sông Lô",
        by=by,
        at=at,
        **extra,
    )


def received(procedure, unit, officer, *, at=None, **extra):
    dossier = submit(procedure, unit, by=officer, at=at, **extra)
    return services.dossier_accept(dossier=dossier, by=officer, at=at)


def make_commune(*, code: str = "99901", name: str = "Xã Thử Nghiệm"):
    """A commune of the demo province with no dossiers at all, for lists whose every row and count is known."""
    from gandan.units.models import Unit, UnitKind
    from gandan.units.services import unit_create

    return unit_create(
        kind=UnitKind.COMMUNE, name=name, code=code, parent=Unit.objects.get(path="25"), audit=False
    )


def make_staff(unit, username: str, *roles):
    from gandan.accounts.models import User
    from gandan.accounts.services import user_create

    user = user_create(
        username=username, password="x" * 12, full_name=username.title(), unit=unit, roles=list(roles)
    )
    return User.objects.select_related("unit").get(pk=user.pk)
