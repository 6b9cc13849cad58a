"""What the reception tests share: the frozen clock's day (Wednesday 13/05/2026, 09:00 in Hà Nội time), a citizen,
and helpers that schedule and hold days and write records through the services."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.accounts.rules import Role
from gandan.reception import services
from gandan.reception.models import LeaderKind

VN = timezone.get_fixed_timezone(7 * 60)
NOW = dt.datetime(2026, 5, 13, 9, tzinfo=VN)
TODAY = NOW.date()
CHAIRMAN, SECRETARY = LeaderKind.COMMUNE_CHAIRMAN, LeaderKind.COMMUNE_PARTY_SECRETARY
PLACE = "Phòng tiếp công dân, UBND xã Sông Lô"
CITIZEN = {
    "citizen_name": "Trần Văn Quyết",
    "citizen_address": "Thôn Cao Phong, xã Sông Lô",
    "id_number": "025085001234",
}


def local(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def vi(msgid: str, **params) -> str:
    """The message as a Vietnamese page shows it (translated when the catalogue has it, then HTML-escaped)."""
    with override("vi"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def html(response) -> str:
    return response.content.decode()


def field_errors(response, field: str) -> list[str]:
    block = re.search(
        rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html(response), re.S
    )
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


def schedule(leader, day, *, kind=CHAIRMAN, by, unit=None, ad_hoc=False, reason=""):
    return services.reception_day_schedule(
        unit=unit or leader.unit,
        leader=leader,
        leader_kind=kind,
        day=day,
        place=PLACE,
        ad_hoc=ad_hoc,
        ad_hoc_reason=reason,
        by=by,
    )


def held(leader, day, *, kind=CHAIRMAN, by, ad_hoc=False):
    reception_day = schedule(
        leader,
        day,
        kind=kind,
        by=by,
        ad_hoc=ad_hoc,
        reason="Nhiều hộ dân cùng kiến nghị về giải phóng mặt bằng" if ad_hoc else "",
    )
    return services.reception_day_held(day_obj=reception_day, by=by)


def add_record(by, *, unit=None, **overrides):
    values = {
        "unit": unit or by.unit,
        "at": NOW,
        **CITIZEN,
        "people_count": 1,
        "kind": "complaint",
        "content": "Ông Lê Văn Bình lấn chiếm 2 mét đất vườn của gia đình tôi ở thôn Cao Phong.",
        "create_petition": False,
        "by": by,
    }
    values.update(overrides)
    return services.reception_record_add(**values)


def deputy(unit):
    from gandan.accounts.models import User
    from gandan.accounts.services import user_create

    user = user_create(
        username="phochutich.songlo",
        password="x" * 12,
        full_name="Phạm Văn Phó",
        unit=unit,
        roles=[Role.UNIT_LEADER],
        position="Phó Chủ tịch UBND xã",
    )
    return User.objects.select_related("unit").get(pk=user.pk)


def user(username):
    from gandan.accounts.models import User

    return User.objects.select_related("unit").get(username=username)
