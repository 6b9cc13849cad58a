"""What the consultation and covenant tests share: the officers of xã Sông Lô and xã Tam Sơn, the villages of a
commune, and consultations made through the services at the stage a test needs (an earlier window is opened with
the clock set back, as an official would have opened it then)."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.models import User
from gandan.democracy.models import Consultation
from gandan.democracy.services.consultations import SectionText, consultation_create, consultation_open
from gandan.kit.history import clock_at
from gandan.units.models import Unit

SECTIONS = [
    SectionText("Mục tiêu", "Phát triển kinh tế nông nghiệp gắn với du lịch sinh thái ven sông Lô."),
    SectionText("Giải pháp", "Mở rộng đường liên thôn, xây dựng chợ nông sản tại trung tâm xã."),
]


def user(username: str) -> User:
    return User.objects.select_related("unit").get(username=username)


def villages_of(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind="village", valid_to__isnull=True).order_by(
            "name_search", "id"
        )
    )


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def draft(by: User, *, opens: dt.date | None = None, closes: dt.date | None = None, **extra) -> Consultation:
    facts = {
        "subject": "socio_economic",
        "title": "Dự thảo Kế hoạch phát triển kinh tế - xã hội năm 2027",
        "introduction": "UBND xã lấy ý kiến nhân dân về dự thảo kế hoạch.",
        "sections": SECTIONS,
        **extra,
    }
    assert by.unit is not None
    return consultation_create(
        commune=by.unit, opens=opens or days(-3), closes=closes or days(10), by=by, **facts
    )


def opened(by: User, *, opens: dt.date | None = None, closes: dt.date | None = None, **extra) -> Consultation:
    """An opened consultation; a window that ended before today is opened with the clock set to its first day."""
    opens, closes = opens or days(-3), closes or days(10)
    moment = timezone.make_aware(dt.datetime.combine(min(opens, timezone.localdate()), dt.time(9)))
    with clock_at(min(moment, timezone.now())):
        made = draft(by, opens=opens, closes=closes, **extra)
        return consultation_open(consultation=made, by=by)


@pytest.fixture
def officer(db) -> User:
    return user("danvan.songlo")


@pytest.fixture
def chairman(db) -> User:
    return user("chutich.songlo")


@pytest.fixture
def other_officer(db) -> User:
    return user("danvan.tamson")
