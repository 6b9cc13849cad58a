"""Shared pieces of the Open311 tests: a place in xã Sông Lô, keys made through the service, a post helper."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own answers in tests
from decimal import Decimal

import pytest

from gandan.apikeys.tests.factories import key_for
from gandan.fieldreports.models import PlacePoint
from gandan.units.models import Unit

BASE = "/open311/v2"
DEMO_KEY = "gd_demo2026_PublishedDemoKey-SongLo-NotForRealData-2026"


def songlo_point() -> tuple[str, str]:
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    point = PlacePoint.objects.filter(unit__parent=commune).order_by("unit__name").first()
    assert point is not None
    return str(point.lat + Decimal("0.0003")), str(point.long)


def other_point() -> tuple[str, str]:
    commune = Unit.objects.get(code="08824", valid_to__isnull=True)
    point = PlacePoint.objects.filter(unit__parent=commune).order_by("unit__name").first()
    assert point is not None
    return str(point.lat), str(point.long)


def pothole_form(**extra) -> dict:
    lat, long = songlo_point()
    form = {
        "service_code": "duong-hu-hong",
        "jurisdiction_id": "08848",
        "lat": lat,
        "long": long,
        "description": "Ổ gà lớn trước cổng trường",
        "attribute[muc_do]": "lon",
        "first_name": "Nguyễn",
        "last_name": "Văn Bí Mật",
        "phone": "0912345678",
        "email": "bimat@example.com",
        "device_id": "device-secret-42",
        "account_id": "acct-secret-7",
    }
    form.update(extra)
    return {k: v for k, v in form.items() if v is not None}


@pytest.fixture
def songlo_key(db, home_commune):
    return key_for(home_commune, scopes=("open311",)).secret


@pytest.fixture
def tamson_key(db, other_commune):
    return key_for(other_commune, scopes=("open311",)).secret


def xml_errors(content: bytes) -> list[tuple[str, str]]:
    root = ET.fromstring(content)  # noqa: S314
    assert root.tag == "errors"
    return [(e.findtext("code") or "", e.findtext("description") or "") for e in root.findall("error")]
