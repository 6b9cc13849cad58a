"""Receiving a report from the place it was seen: the point finds its commune and village, the due day comes from
the category's time limit, the public sees only a grid square."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gandan.errors import DomainError
from gandan.fieldreports.models import Category, FieldReport, PlacePoint
from gandan.fieldreports.services import ReportFacts, report_receive
from gandan.units.models import Unit


@pytest.fixture
def pothole(db):
    return Category.objects.get(code="duong-hu-hong")


def _village_point(name_code="08848"):
    commune = Unit.objects.get(code=name_code, valid_to__isnull=True)
    point = (
        PlacePoint.objects.filter(unit__parent=commune).select_related("unit").order_by("unit__name").first()
    )
    return commune, point


def test_a_point_finds_its_village_and_the_public_sees_only_a_square(pothole):
    commune, point = _village_point()
    at = dt.datetime(2026, 12, 1, 9, tzinfo=timezone.get_current_timezone())  # a Tuesday
    report = report_receive(
        facts=ReportFacts(
            category=pothole,
            description="Ổ gà lớn giữa đường",
            lat=str(point.lat + Decimal("0.0003")),
            long=str(point.long),
            attributes={"muc_do": ["lon"]},
            phone="0912345678",
        ),
        channel=FieldReport.Channel.PORTAL,
        at=at,
    )
    assert report.unit == commune and report.village == point.unit
    assert report.code.startswith("PA-08848-26-")
    assert report.due == dt.date(2026, 12, 8)  # 5 working days
    assert (report.public_lat, report.public_long) != (report.lat, report.long)


def test_a_point_outside_the_province_and_a_missing_answer_are_both_named(pothole):
    with pytest.raises(DomainError) as error:
        report_receive(
            facts=ReportFacts(category=pothole, description="x", lat="10.77", long="106.70"),
            channel=FieldReport.Channel.OPEN311,
        )
    assert set(error.value.errors) == {"lat", "attribute[muc_do]"}
    assert not FieldReport.objects.filter(description="x").exists()
