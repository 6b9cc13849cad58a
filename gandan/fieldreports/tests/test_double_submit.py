"""A staff form of the field reports sent twice (a double click, a resend after "back") creates one record, and the
second answer leads where the first did: the officer's note and photo on a report's page, the report turned into a
petition, and the setup's category, question, time limit and village point."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.audit.models import Event
from gandan.fieldreports.models import Attribute, Category, Photo, PlacePoint, TimerRule, Update
from gandan.fieldreports.tests.factories import png, user
from gandan.tests_support import client_for
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<input type="hidden" name="submission_token" value="([A-Za-z0-9_-]+)">')


def token_of(page, action: str) -> str:
    """The token of the page's form that posts to `action` (the report's page has several forms)."""
    text = page.content.decode()
    start = text.index(f'action="{action}"')
    found = TOKEN.findall(text[start : text.index("</form>", start)])
    assert len(found) == 1, "the form carries one submission token"
    return found[0]


def only_token(page) -> str:
    found = TOKEN.findall(page.content.decode())
    assert len(found) == 1, "the form carries one submission token"
    return found[0]


def sent_twice(client, url: str, data: dict, **extra):
    first = client.post(url, data, **extra)
    second = client.post(url, data, **extra)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert second.status_code == 302 and second["Location"] == first["Location"]
    followed = client.get(second["Location"]).content.decode()
    assert "already been sent" in followed or "đã được gửi" in followed
    return first


# --- a report's page ---------------------------------------------------------------------------------------------


def test_a_note_sent_twice_is_written_once(client, handler, report):
    client.force_login(handler)
    page = reverse("fieldreports:detail", args=[report.pk])
    action = reverse("fieldreports:note", args=[report.pk])
    token = token_of(client.get(page), action)
    text = "Đã liên hệ đội thi công, chiều nay đến vá."
    first = sent_twice(client, action, {"note": text, "submission_token": token})
    assert first["Location"] == page
    assert Update.objects.filter(report=report, note=text).count() == 1


def test_a_photo_sent_twice_is_stored_once(client, handler, report):
    client.force_login(handler)
    page = reverse("fieldreports:detail", args=[report.pk])
    action = reverse("fieldreports:photo_add", args=[report.pk])
    token = token_of(client.get(page), action)
    before = Photo.objects.filter(report=report, by_officer=True).count()
    first = client.post(action, {"photo": png("sau.png"), "note": "Sau khi vá", "submission_token": token})
    second = client.post(action, {"photo": png("sau.png"), "note": "Sau khi vá", "submission_token": token})
    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"] == page
    assert Photo.objects.filter(report=report, by_officer=True).count() == before + 1


def test_a_refused_note_keeps_its_token_and_the_other_forms_get_their_own(client, handler, report):
    """The note comes back with its error; the photo form beside it has a new token, so sending a photo first does
    not use up the note's."""
    client.force_login(handler)
    action = reverse("fieldreports:note", args=[report.pk])
    token = token_of(client.get(reverse("fieldreports:detail", args=[report.pk])), action)
    refused = client.post(action, {"note": "x" * 5000, "submission_token": token})
    assert refused.status_code == 422
    assert token_of(refused, action) == token
    assert token_of(refused, reverse("fieldreports:photo_add", args=[report.pk])) != token


def test_a_petition_form_sent_twice_records_one_petition(client, handler, report):
    client.force_login(handler)
    url = reverse("fieldreports:to_petition", args=[report.pk])
    token = only_token(client.get(url))
    data = {
        "kind": "reflection",
        "subject": "Đường liên thôn hỏng",
        "petitioner_name": "Nguyễn Văn Phản",
        "petitioner_address": "Thôn Bến Đò",
        "submission_token": token,
    }
    before = Event.objects.filter(action="fieldreports.to_petition", object_id=str(report.pk)).count()
    first = sent_twice(client, url, data)
    assert first["Location"] == reverse("fieldreports:detail", args=[report.pk])
    assert (
        Event.objects.filter(action="fieldreports.to_petition", object_id=str(report.pk)).count()
        == before + 1
    )


# --- setup -------------------------------------------------------------------------------------------------------


@pytest.fixture
def supervisor():
    return user("giamsat.phutho")


def test_a_category_sent_twice_is_created_once(supervisor):
    client = client_for(supervisor)
    url = reverse("fieldreports:category_new")
    data = {"code": "cay-do", "name": "Cây đổ, cành gãy", "level": "commune", "handler_role": "case_handler",
            "order": "50", "active": "on", "submission_token": only_token(client.get(url))}  # fmt: skip
    first = sent_twice(client, url, data)
    category = Category.objects.get(code="cay-do")
    assert first["Location"] == reverse("fieldreports:category_edit", args=[category.pk])


def test_a_question_sent_twice_is_added_once(supervisor):
    client = client_for(supervisor)
    category = Category.objects.get(code="duong-hu-hong")
    url = reverse("fieldreports:attribute_new", args=[category.pk])
    data = {"code": "chan_duong", "description": "Có chắn đường không?", "datatype": "string", "variable": "on",
            "order": "9", "submission_token": only_token(client.get(url))}  # fmt: skip
    first = sent_twice(client, url, data)
    assert first["Location"] == reverse("fieldreports:category_edit", args=[category.pk])
    assert Attribute.objects.filter(category=category, code="chan_duong").count() == 1
    edit = client.get(
        reverse("fieldreports:attribute_edit", args=[Attribute.objects.get(code="chan_duong").pk])
    )
    assert not TOKEN.findall(edit.content.decode())  # correcting a question creates nothing


def test_a_time_limit_sent_twice_is_recorded_once(supervisor):
    client = client_for(supervisor)
    category = Category.objects.get(code="duong-hu-hong")
    url = reverse("fieldreports:timer_add", args=[category.pk])
    day = timezone.localdate() + dt.timedelta(days=5)
    data = {"valid_from": day.strftime("%d/%m/%Y"), "days": "6", "source": "QĐ số 12/QĐ-UBND",
            "submission_token": only_token(client.get(url))}  # fmt: skip
    before = TimerRule.objects.filter(category=category).count()
    first = sent_twice(client, url, data)
    assert first["Location"] == reverse("fieldreports:category_edit", args=[category.pk])
    assert TimerRule.objects.filter(category=category).count() == before + 1


def test_a_village_point_sent_twice_is_saved_once():
    chair = user("chutich.songlo")
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    village = commune.children.filter(valid_to__isnull=True).order_by("name").first()
    assert village is not None
    PlacePoint.objects.filter(unit=village).delete()
    client = client_for(chair)
    url = reverse("fieldreports:place_edit", args=[village.pk])
    data = {"lat": "21.3001", "long": "105.4002", "source": "Đo tại nhà văn hoá",
            "submission_token": only_token(client.get(url))}  # fmt: skip
    before = Event.objects.filter(action="fieldreports.place_save", actor=chair).count()
    first = sent_twice(client, url, data)
    assert first["Location"] == reverse("fieldreports:places")
    assert PlacePoint.objects.filter(unit=village).count() == 1
    assert Event.objects.filter(action="fieldreports.place_save", actor=chair).count() == before + 1
