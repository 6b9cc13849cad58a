"""The citizen's report form, without any script: first the kind of problem, then its questions, the place, photos and
an optional way to be told. A photo's EXIF (its GPS position) never reaches the disk; a file that is not a photo, a
photo too large, a place outside the province and a missing answer are each named in Vietnamese and nothing is
saved; what was typed is kept; the form is limited like every public form."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from gandan.fieldreports.models import FieldReport, Photo, PlacePoint
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

URL = "/phan-anh/gui/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def point():
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    return (
        PlacePoint.objects.filter(unit__parent=commune).select_related("unit").order_by("unit__name").first()
    )


def photo_with_gps(name="o-ga.jpg") -> SimpleUploadedFile:
    image = Image.new("RGB", (64, 48), (120, 90, 60))
    exif = Image.Exif()
    exif[0x010F] = "Camera of Nguyễn Văn A"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (21.0, 27.0, 0.5)
    gps[3] = "E"
    gps[4] = (105.0, 23.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif().get_ifd(0x8825)  # the GPS is really there
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def form(point, **changes) -> dict:
    data = {
        "category": "duong-hu-hong",
        "questions_for": "duong-hu-hong",
        "q_muc_do": "lon",
        "description": "Ổ gà lớn giữa đường liên thôn, xe máy dễ ngã.",
        "commune": "08848",
        "village": "",
        "address": "Gần nhà văn hóa",
        "lat": str(point.lat + Decimal("0.0003")),
        "long": str(point.long),
        "name": "Trần Văn Bình",
        "phone": "0912 345 678",
        "email": "binh@example.com",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_first_step_lists_the_kinds_grouped_with_their_description():
    page = Client().get(URL)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hạ tầng giao thông" in text and "Ổ gà, sụt lún" in text
    assert 'name="loai"' in text and "<script" not in text.split("</head>")[1]


def test_the_second_step_asks_the_kinds_questions_and_allows_the_position():
    page = Client().get(URL, {"loai": "duong-hu-hong"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Mức độ hư hỏng" in text and 'name="q_muc_do"' in text
    assert 'accept="image/*"' in text and 'capture="environment"' in text
    assert "fieldreport_place.js" in text
    assert "geolocation=(self)" in page["Permissions-Policy"]


def test_a_report_with_a_photo_is_saved_without_its_exif_and_gives_its_code(media, point):
    before = FieldReport.objects.count()
    sent = Client().post(URL, {**form(point), "photos": [photo_with_gps(), photo_with_gps("b.jpg")]})
    assert sent.status_code == 302, sent.content.decode()[:3000]
    report = FieldReport.objects.order_by("-pk").first()
    assert FieldReport.objects.count() == before + 1
    assert report.channel == "portal" and report.attributes == {"muc_do": "lon"}
    assert report.village == point.unit
    stored = Photo.objects.filter(report=report)
    assert stored.count() == 2
    for photo in stored:
        with photo.file.open("rb") as f:
            content = f.read()
        exif = Image.open(io.BytesIO(content)).getexif()
        assert not exif.get_ifd(0x8825) and 0x010F not in exif
        assert b"Exif" not in content[:200]
    assert sent["Location"].endswith(f"/phan-anh/{report.code}/?moi=1")
    page = Client().get(sent["Location"])
    assert report.code in page.content.decode() and "/phan-anh/" + report.code in page.content.decode()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_saved(media, point):
    before = (FieldReport.objects.count(), Photo.objects.count())
    fake = SimpleUploadedFile("anh.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    page = Client().post(URL, {**form(point), "photos": [fake]})
    text = page.content.decode()
    assert page.status_code == 422
    assert "không phải là ảnh" in text
    assert "Ổ gà lớn giữa đường liên thôn" in text  # what was typed is kept
    assert "chọn lại" in text  # and the citizen is told to choose the photos again
    assert (FieldReport.objects.count(), Photo.objects.count()) == before


def test_a_photo_over_10_mb_is_refused_and_nothing_is_saved(media, point):
    before = FieldReport.objects.count()
    big = SimpleUploadedFile(
        "lon.jpg", b"\xff\xd8\xff" + b"0" * (11 * 1024 * 1024), content_type="image/jpeg"
    )
    page = Client().post(URL, {**form(point), "photos": [big]})
    assert page.status_code == 422
    assert "Ảnh lon.jpg lớn hơn 10 MB" in page.content.decode()
    assert FieldReport.objects.count() == before


def test_a_30_mb_photo_is_refused_before_it_is_read_and_nothing_is_saved(media, point):
    before = FieldReport.objects.count()
    huge = SimpleUploadedFile(
        "lon.jpg", b"\xff\xd8\xff" + b"0" * (30 * 1024 * 1024), content_type="image/jpeg"
    )
    page = Client().post(URL, {**form(point), "photos": [huge]})
    assert page.status_code == 413
    assert "MB" in page.content.decode() and "lớn hơn" in page.content.decode()
    assert FieldReport.objects.count() == before


def test_a_place_outside_the_province_is_refused(point):
    before = FieldReport.objects.count()
    page = Client().post(URL, form(point, lat="10.77", long="106.70"))
    assert page.status_code == 422
    assert "ngoài tỉnh" in page.content.decode()
    assert FieldReport.objects.count() == before


def test_a_missing_required_answer_is_named_next_to_its_question(point):
    page = Client().post(URL, form(point, q_muc_do=None))
    text = page.content.decode()
    assert page.status_code == 422
    assert "Mức độ hư hỏng" in text and "Câu hỏi này phải được trả lời" in text


def test_changing_the_kind_asks_its_questions_and_keeps_what_was_typed(point):
    page = Client().post(URL, form(point, category="rac-thai", q_muc_do=None))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="q_muc_do"' not in text and 'name="q_' in text
    assert "Ổ gà lớn giữa đường liên thôn" in text


def test_the_form_is_limited_per_connection(settings, point):
    settings.GANDAN_SUBMITS_PER_ADDRESS = 2
    client = Client()
    for _ in range(2):
        assert client.post(URL, form(point, phone="", email="")).status_code == 302
    third = client.post(URL, form(point, phone="", email=""))
    assert third.status_code == 429
    assert FieldReport.objects.filter(reporter_name="Trần Văn Bình").count() == 2


def test_the_commune_of_the_address_is_the_reports_commune(point):
    commune = point.unit.parent
    page = Client().get(f"/xa/{commune.code}{URL}", {"loai": "o-nhiem"})
    text = page.content.decode()
    assert page.status_code == 200
    assert f'name="commune" value="{commune.code}"' in text
    assert reverse("fieldreports_public:new") == URL


def test_with_a_script_another_kind_brings_its_questions_without_leaving_the_page():
    form_page = Client().get(URL, {"loai": "duong-hu-hong"}).content.decode()
    assert 'hx-get="/phan-anh/gui/"' in form_page and 'hx-select="#questions"' in form_page
    swapped = Client().get(URL, {"category": "ngap-ung"}).content.decode()
    questions = swapped.split('<div id="questions">', 1)[1].split("</div>\n", 1)[0]
    assert 'name="questions_for" value="ngap-ung"' in questions and 'name="q_' in questions


def test_the_same_form_sent_twice_creates_one_report(point):
    import re

    client = Client()
    page = client.get(URL, {"loai": "duong-hu-hong"}).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page)[1]
    data = form(point, description="Cống vỡ trước cổng chợ, nước tràn ra đường.", submission_token=token)
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"]
    assert FieldReport.objects.filter(description="Cống vỡ trước cổng chợ, nước tràn ra đường.").count() == 1


def test_with_a_script_another_commune_brings_its_villages():
    other = (
        Unit.objects.filter(valid_to__isnull=True, kind="commune", children__kind="village")
        .exclude(code="08848")
        .first()
    )
    if other is None:
        pytest.skip("the demo data has one commune with villages")
    village = other.children.filter(valid_to__isnull=True, kind="village").order_by("name").first()
    swapped = Client().get(URL, {"category": "o-nhiem", "commune": other.code}).content.decode()
    part = swapped.split('<div id="fr-village">', 1)[1].split("</div>\n", 1)[0]
    assert f'value="{village.pk}"' in part
