"""The commune's list of reports, its villages, the map (only with map tiles), a report's page and the home's blocks:
category, status, village and days — never the reporter's name, phone or e-mail, never the exact coordinates. A
hidden report is not found; its photos neither."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gandan.fieldreports.models import Category, FieldReport, Photo, PlacePoint, Update
from gandan.fieldreports.public_blocks import public_blocks
from gandan.fieldreports.services import ReportFacts, report_receive
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Lê Thị Riêng Tư", "0987654321", "rieng.tu@example.com"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def commune():
    return Unit.objects.get(code="08848", valid_to__isnull=True)


def _points(commune):
    return list(
        PlacePoint.objects.filter(unit__parent=commune).select_related("unit").order_by("unit__name")[:2]
    )


def _report(point, *, code="o-nhiem", text="Khói đốt rác bay vào khu dân cư", **changes) -> FieldReport:
    facts = ReportFacts(
        category=Category.objects.get(code=code),
        description=text,
        lat=str(point.lat + Decimal("0.000137")),
        long=str(point.long + Decimal("0.000241")),
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        **changes,
    )
    return report_receive(facts=facts, channel=FieldReport.Channel.PORTAL)


def _fix(report: FieldReport, note: str) -> None:
    now = timezone.now()
    FieldReport.objects.filter(pk=report.pk).update(status="fixed", closed_at=now, updated_at=now)
    Update.objects.create(report=report, status="fixed", action="fix", note=note, at=now)


def _private_bits(report: FieldReport) -> list[str]:
    return [
        NAME,
        PHONE,
        "0987 654 321",
        EMAIL,
        str(report.lat),
        str(report.long),
        f"{report.lat:.4f}",
        f"{report.long:.4f}",
    ]


def test_the_list_and_the_page_never_show_the_reporter_nor_the_exact_place(commune, media):
    first, _second = _points(commune)
    report = _report(first)
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "JPEG")
    Photo.objects.create(
        report=report, file=ContentFile(image.getvalue(), "a.jpg"), content_type="image/jpeg", size=9
    )
    _fix(report, "Đã dọn sạch bãi rác, cắm biển cấm đổ.")
    client = Client()
    pages = [
        client.get(reverse("fieldreports_public:list")),
        client.get(reverse("fieldreports_public:list"), {"tinh-trang": "dong"}),
        client.get(reverse("fieldreports_public:detail", args=[report.code])),
        client.get(reverse("fieldreports_public:detail", args=[report.code]), {"moi": "1"}),
        client.get(reverse("fieldreports_public:villages")),
    ]
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        for bit in _private_bits(report):
            assert bit not in text, bit
    detail = pages[2].content.decode()
    assert "Đã khắc phục" in detail and first.unit.name in detail
    assert "Đã dọn sạch bãi rác" in detail
    assert report.received_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in detail
    photo = report.photos.get()
    assert client.get(reverse("fieldreports_public:photo", args=[photo.pk])).status_code == 200
    assert report.code in pages[0].content.decode()


def test_a_hidden_report_and_its_photos_are_not_found(commune, media):
    report = _report(_points(commune)[0])
    photo = Photo.objects.create(
        report=report, file=ContentFile(b"x", "a.jpg"), content_type="image/jpeg", size=1
    )
    FieldReport.objects.filter(pk=report.pk).update(hidden=True)
    client = Client()
    assert client.get(reverse("fieldreports_public:detail", args=[report.code])).status_code == 404
    assert client.get(reverse("fieldreports_public:photo", args=[photo.pk])).status_code == 404
    assert report.code not in client.get(reverse("fieldreports_public:list")).content.decode()


def test_a_photo_withheld_by_the_officer_is_not_served(commune, media):
    report = _report(_points(commune)[0])
    photo = Photo.objects.create(
        report=report, file=ContentFile(b"x", "a.jpg"), content_type="image/jpeg", size=1, public=False
    )
    assert Client().get(reverse("fieldreports_public:photo", args=[photo.pk])).status_code == 404
    assert (
        reverse("fieldreports_public:photo", args=[photo.pk])
        not in Client().get(reverse("fieldreports_public:detail", args=[report.code])).content.decode()
    )


def test_the_list_filters_by_kind_status_and_village(commune):
    first, second = _points(commune)
    smoke = _report(first, text="Khói bụi từ lò gạch")
    noise = _report(second, code="tieng-on", text="Karaoke ồn đến nửa đêm")
    _fix(noise, "Đã nhắc nhở hộ gia đình.")
    url = reverse("fieldreports_public:list")

    def codes(**query) -> set[str]:
        text = Client().get(url, query).content.decode()
        return {r.code for r in (smoke, noise) if r.code in text}

    assert codes() == {smoke.code, noise.code}
    assert codes(loai="o-nhiem") == {smoke.code}
    assert codes(**{"tinh-trang": "mo"}) == {smoke.code}
    assert codes(**{"tinh-trang": "dong"}) == {noise.code}
    assert codes(**{"tinh-trang": "fixed"}) == {noise.code}
    assert codes(thon=str(second.unit.pk)) == {noise.code}
    assert codes(thon="abc") == {smoke.code, noise.code}  # a village not understood filters nothing


def test_the_villages_view_counts_open_and_fixed_without_any_map(commune):
    first, second = _points(commune)
    _report(first)
    _report(first, text="Rác ùn ứ ở chợ")
    _fix(_report(second), "Đã thu gom.")
    page = Client().get(reverse("fieldreports_public:villages"))
    text = page.content.decode()
    assert page.status_code == 200
    assert first.unit.name in text and second.unit.name in text
    # No map, and none of its scripts, without a tile server (the site-wide htmx and list filter are in the head).
    assert "leaflet" not in text and "fieldreport_map" not in text
    from gandan.fieldreports.selectors import public_village_counts

    rows = {r["village"].pk: r for r in public_village_counts(commune)}
    assert rows[first.unit.pk]["open"] >= 2 and rows[second.unit.pk]["fixed"] >= 1


def test_the_map_is_absent_without_tiles_and_present_with_them(commune, settings):
    report = _report(_points(commune)[0])
    settings.GANDAN_MAP_TILES_URL = ""
    plain = Client().get(reverse("fieldreports_public:list"))
    assert "leaflet" not in plain.content.decode() and 'id="fr-map"' not in plain.content.decode()
    settings.GANDAN_MAP_TILES_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    mapped = Client().get(reverse("fieldreports_public:list"))
    text = mapped.content.decode()
    assert (
        "vendor/leaflet/leaflet.js" in text and "vendor/leaflet/leaflet.css" in text and 'id="fr-map"' in text
    )
    assert str(report.public_lat) in text or f"{float(report.public_lat)}" in text
    assert str(report.lat) not in text
    assert "https://*.tile.example.org" in mapped["Content-Security-Policy"]


def test_the_commune_home_shows_what_was_reported_and_fixed(commune):
    first, _ = _points(commune)
    open_one = _report(first)
    fixed_one = _report(first, text="Đèn đường hỏng")
    _fix(fixed_one, "Đã thay bóng.")
    blocks = {b.key: b for b in public_blocks(commune)}
    recent = [i.url for i in blocks["fieldreports_recent"].items]
    assert reverse("fieldreports_public:detail", args=[open_one.code]) in recent
    assert reverse("fieldreports_public:detail", args=[fixed_one.code]) in [
        i.url for i in blocks["fieldreports_fixed"].items
    ]
    assert all(NAME not in i.title and NAME not in str(i.note) for b in blocks.values() for i in b.items)


def test_an_unknown_code_is_not_found():
    assert Client().get(reverse("fieldreports_public:detail", args=["PA-00000-26-99999"])).status_code == 404


def test_a_communes_own_address_lists_its_reports_and_links_stay_inside_it(commune):
    report = _report(_points(commune)[0])
    page = Client().get(f"/xa/{commune.code}/phan-anh/")
    text = page.content.decode()
    assert page.status_code == 200
    assert report.code in text and commune.name in text
    assert f'href="/xa/{commune.code}/phan-anh/{report.code}/"' in text
    assert 'name="xa"' not in text  # the commune is the address's, no choice offered


def test_numbers_and_e_mails_typed_in_the_description_are_masked_wherever_it_is_published(
    commune, media, desk_officer
):
    """The form asks reporters not to write anyone's personal data in the description; some do (found by a review:
    "SĐT 0987654321, CCCD 025190012345" on the public list, the report's page and Open311). Officers read it as
    written."""
    first, _second = _points(commune)
    report = _report(
        first,
        text="Cống trước nhà ông Hùng (SĐT 0912 345 678, CCCD 025190012345, hung.tran@gmail.com) bị tắc",
    )
    client = Client()
    published = [
        client.get(reverse("fieldreports_public:list")).content.decode(),
        client.get(reverse("fieldreports_public:detail", args=[report.code])).content.decode(),
        client.get(f"/open311/v2/requests.json?service_request_id={report.code}").content.decode(),
        client.get(f"/open311/v2/requests.xml?service_request_id={report.code}").content.decode(),
    ]
    for text in published:
        assert "Cống trước nhà ông Hùng" in text
        for bit in ("0912 345 678", "345 678", "025190012345", "hung.tran"):
            assert bit not in text, bit
    officer = Client()
    officer.force_login(desk_officer)
    staff = officer.get(reverse("fieldreports:detail", args=[report.pk])).content.decode()
    assert "0912 345 678" in staff and "025190012345" in staff
