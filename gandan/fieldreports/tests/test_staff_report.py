"""A report's page: what it shows, every step through its form (allowed, refused with a message and nothing
changed, the note a step needs, the confirmation of a closing step), the reporter's contacts (audited), photos (in
scope; a hostile file refused), keeping it off the public list — and nothing for an officer of another commune."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gandan.audit.models import Event, SensitiveRead
from gandan.core import fieldreports as rules
from gandan.fieldreports.models import FieldReport, Photo
from gandan.fieldreports.tests.factories import png

pytestmark = pytest.mark.django_db


def page(report):
    return reverse("fieldreports:detail", args=[report.pk])


def act(report, action):
    return reverse("fieldreports:act", args=[report.pk, action])


def test_the_page_shows_the_answers_place_and_due_day_but_not_the_contacts(client, handler, report):
    client.force_login(handler)
    response = client.get(page(report))
    text = response.content.decode()
    assert response.status_code == 200
    assert report.code in text and str(report.lat) in text and report.due.strftime("%d/%m/%Y") in text
    question, answer = response.context["answers"][0]
    assert question and answer != "lon"  # the option's name, not its key
    assert report.reporter_phone not in text
    assert "openstreetmap" not in text.lower()
    assert {a["action"] for a in response.context["actions"]} == {
        a.value for a in rules.allowed_actions("new")
    }


def test_reading_the_contacts_shows_them_and_is_audited(client, handler, report):
    client.force_login(handler)
    response = client.post(reverse("fieldreports:contacts", args=[report.pk]))
    assert response.status_code == 200 and report.reporter_phone in response.content.decode()
    assert Event.objects.filter(action="fieldreports.contact_read", object_id=str(report.pk)).exists()
    assert SensitiveRead.objects.filter(object_id=str(report.pk), what="field_reporter_contacts").exists()


@pytest.mark.parametrize(
    "action", [a for a in rules.Action if a not in (rules.Action.DUPLICATE, rules.Action.TO_PETITION)]
)
def test_every_step_is_taken_from_the_states_it_is_allowed_from(client, handler, report, action):
    client.force_login(handler)
    data = {f"{action}-note": "Đã kiểm tra tại chỗ.", f"{action}-confirm": "on"}
    response = client.post(act(report, action), data)
    report.refresh_from_db()
    if rules.can_move("new", action):
        assert response.status_code == 302
        assert report.status == rules.MOVES[action][1]
    else:
        assert response.status_code == 422
        assert report.status == "new"
        assert "cannot be taken now" in response.content.decode() or "không thể" in response.content.decode()


def test_reopening_a_fixed_report(client, handler, report):
    client.force_login(handler)
    client.post(act(report, "fix"), {"fix-note": "Đã vá.", "fix-confirm": "on"})
    response = client.post(act(report, "reopen"), {"reopen-note": "Ổ gà lại xuất hiện."})
    report.refresh_from_db()
    assert response.status_code == 302 and report.status == "investigating" and report.closed_at is None


def test_a_step_needing_a_note_is_refused_without_one(client, handler, report):
    client.force_login(handler)
    response = client.post(act(report, "fix"), {"fix-confirm": "on"})
    assert response.status_code == 422
    report.refresh_from_db()
    assert report.status == "new" and response.context["actions"]


def test_a_closing_step_needs_its_confirmation(client, handler, report):
    client.force_login(handler)
    response = client.post(act(report, "no_further_action"), {"no_further_action-note": "Không cần."})
    assert response.status_code == 422
    report.refresh_from_db()
    assert report.status == "new"


def test_an_unknown_step_is_a_404(client, handler, report):
    client.force_login(handler)
    assert client.post(act(report, "explode"), {}).status_code == 404
    assert client.post(act(report, "duplicate"), {}).status_code == 404


def test_an_officer_of_another_commune_can_neither_see_nor_act(client, stranger, report):
    client.force_login(stranger)
    for name, args in [
        ("detail", []),
        ("to_petition", []),
        ("photo", [report.photos.first().pk]),
    ]:
        assert client.get(reverse(f"fieldreports:{name}", args=[report.pk, *args])).status_code == 404
    for name in ["assign", "contacts", "hide", "show", "duplicate", "note", "photo_add"]:
        assert client.post(reverse(f"fieldreports:{name}", args=[report.pk]), {}).status_code == 404
    assert client.post(act(report, "acknowledge"), {}).status_code == 404
    report.refresh_from_db()
    assert report.status == "new"


def test_a_viewer_without_the_handling_role_sees_but_cannot_act(client, report):
    from gandan.accounts.models import User

    viewer = User.objects.get(username="danvan.songlo")
    client.force_login(viewer)
    response = client.get(page(report))
    assert response.status_code == 200 and response.context["actions"] == []
    assert client.post(act(report, "acknowledge"), {}).status_code == 403


def test_the_photo_is_served_in_scope(client, handler, report):
    client.force_login(handler)
    photo = report.photos.first()
    response = client.get(reverse("fieldreports:photo", args=[report.pk, photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_officer_adds_a_photo_and_a_hostile_file_is_refused(client, handler, report):
    client.force_login(handler)
    url = reverse("fieldreports:photo_add", args=[report.pk])
    response = client.post(url, {"photo": png("fix.png", "green"), "note": "Đã vá xong."})
    assert response.status_code == 302
    assert Photo.objects.filter(report=report, by_officer=True).count() == 1
    hostile = SimpleUploadedFile(
        "anh.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = client.post(url, {"photo": hostile})
    assert response.status_code == 422
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    response = client.post(url, {"photo": pdf})
    assert response.status_code == 422
    assert Photo.objects.filter(report=report, by_officer=True).count() == 1


def test_hiding_and_showing_needs_a_reason_and_is_audited(client, handler, report):
    client.force_login(handler)
    hide = reverse("fieldreports:hide", args=[report.pk])
    assert client.post(hide, {"reason": ""}).status_code == 422
    assert client.post(hide, {"reason": "Nội dung nêu tên hàng xóm."}).status_code == 302
    report.refresh_from_db()
    assert report.hidden
    assert Event.objects.filter(action="fieldreports.hide", object_id=str(report.pk)).exists()
    assert client.post(hide, {"reason": "Lần nữa cho chắc."}).status_code == 422
    assert (
        client.post(
            reverse("fieldreports:show", args=[report.pk]), {"reason": "Đã sửa nội dung."}
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert not report.hidden


def test_assigning_from_the_page(client, desk, handler, report, stranger):
    client.force_login(desk)
    url = reverse("fieldreports:assign", args=[report.pk])
    assert client.post(url, {"officer": stranger.pk}).status_code == 422
    assert client.post(url, {"officer": handler.pk}).status_code == 302
    assert FieldReport.objects.get(pk=report.pk).assigned_to == handler


def test_linking_a_duplicate_from_the_page(client, handler, report, songlo):
    from gandan.fieldreports.tests.factories import make_report

    later = make_report(songlo, offset="0.0004")
    client.force_login(handler)
    response = client.get(page(later))
    assert report.code in [r.code for r, _m in response.context["suggestions"]]
    url = reverse("fieldreports:duplicate", args=[later.pk])
    assert client.post(url, {"original": "PA-NOPE"}).status_code == 422
    assert client.post(url, {"original": report.code}).status_code == 302
    later.refresh_from_db()
    assert later.status == "duplicate" and later.duplicate_of == report


def test_the_petition_form_asks_for_a_name_when_the_report_has_none(client, handler, songlo):
    from gandan.fieldreports.tests.factories import make_report

    anonymous = make_report(songlo, name="", phone="0987654321")
    client.force_login(handler)
    url = reverse("fieldreports:to_petition", args=[anonymous.pk])
    response = client.post(
        url, {"kind": "reflection", "subject": "Đường hỏng", "petitioner_address": "Thôn A"}
    )
    assert response.status_code == 422 and response.context["form"].errors["petitioner_name"]
    anonymous.refresh_from_db()
    assert anonymous.status == "new" and not anonymous.petition_code
    response = client.post(
        url,
        {
            "kind": "reflection",
            "subject": "Đường hỏng",
            "petitioner_name": "Lê Văn Dân",
            "petitioner_address": "Thôn A",
        },
    )
    assert response.status_code == 302
    anonymous.refresh_from_db()
    assert anonymous.status == "to_petition" and anonymous.petition_code


def test_a_photo_withheld_by_the_officer_leaves_the_public_page(client, handler, report):
    from gandan.kit.tests.files import jpeg_bytes

    photo = Photo.objects.create(
        report=report,
        file=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        content_type="image/jpeg",
        size=100,
    )
    public_url = reverse("fieldreports_public:photo", args=[photo.pk])
    assert client.get(public_url).status_code == 200
    client.force_login(handler)
    url = reverse("fieldreports:photo_public", args=[report.pk, photo.pk])
    assert client.post(url, {"public": "0"}).status_code == 302
    client.logout()
    assert client.get(public_url).status_code == 404
    assert Event.objects.filter(action="fieldreports.photo_withhold", object_id=str(report.pk)).exists()
