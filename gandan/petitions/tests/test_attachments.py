"""Attachments of a petition: downloads only through the case, inside the officer's units; a protected
denunciator's letter only for an identity-grant holder, each opening in the sensitive-read log; nothing by URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from gandan.audit.models import Event, SensitiveRead
from gandan.kit.tests.files import pdf_bytes
from gandan.petitions import services
from gandan.petitions.models import Attachment
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

LETTER = pdf_bytes(pages=2)
LETTER_NAME = "Đơn tố cáo - Đinh Thị Bí Mật.pdf"  # the name itself identifies the denunciator


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary folder, never to the site's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def letter(receive, desk_officer):
    """The original letter of a protected denunciation, recorded by the desk (who thus holds the intake grant)."""
    petition = receive(
        "denunciation",
        by=desk_officer,
        protected_attachments=[SimpleUploadedFile(LETTER_NAME, LETTER, content_type="text/html")],
    )
    item = petition.attachments.get()
    assert item.protected
    return item


@pytest.fixture
def evidence(receive):
    """A photo-scan of evidence on an ordinary complaint."""
    petition = receive(attachments=[SimpleUploadedFile("x.html", LETTER, content_type="text/html")])
    return petition.attachments.get()


def download(user, item: Attachment):
    return client_for(user).get(reverse("petitions:attachment", args=[item.petition_id, item.pk]))


def sensitive_reads(item: Attachment):
    return SensitiveRead.objects.filter(object_id=str(item.petition_id), what="denunciator_attachment")


def test_a_protected_letter_is_404_for_an_officer_of_the_commune_without_a_grant(
    letter, case_handler, inspector
):
    for officer in (case_handler, inspector):
        response = download(officer, letter)

        assert response.status_code in (403, 404)
        assert b"%PDF" not in response.content
    assert not sensitive_reads(letter).exists()


def test_a_protected_letter_is_served_to_a_grant_holder_and_the_opening_is_logged(letter, desk_officer):
    response = download(desk_officer, letter)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == LETTER
    read = sensitive_reads(letter).get()
    assert read.actor == desk_officer
    assert (
        "Bí Mật" not in read.reason and "Bi Mat" not in read.reason
    )  # the log does not repeat the file's name


def test_the_letter_follows_the_grants_as_they_change(letter, desk_officer, case_handler, commune_leader):
    assert download(commune_leader, letter).status_code == 404

    services.petition_assign(
        petition=letter.petition, by=commune_leader, assignee=case_handler
    )  # the leader resolves
    assert download(commune_leader, letter).status_code == 200

    intake = letter.petition.grants.get(user=desk_officer, revoked_at__isnull=True)
    services.identity_revoke(grant=intake, by=commune_leader)
    assert download(desk_officer, letter).status_code == 404
    assert list(sensitive_reads(letter).values_list("actor", flat=True)) == [commune_leader.pk]


def test_an_ordinary_attachment_is_served_as_its_real_type_and_the_read_audited(evidence, case_handler):
    response = download(case_handler, evidence)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
    assert evidence.file.name.endswith(".pdf") and "x.html" not in evidence.file.name
    events = Event.objects.filter(action="petitions.attachment_read", object_id=str(evidence.petition_id))
    assert list(events.values_list("actor", "details")) == [(case_handler.pk, {"attachment": evidence.pk})]


@pytest.mark.parametrize("fixture", ["letter", "evidence"])
def test_another_communes_officer_gets_404(request, fixture, other_commune_leader):
    item = request.getfixturevalue(fixture)

    response = download(other_commune_leader, item)

    assert response.status_code == 404 and b"%PDF" not in response.content


@pytest.mark.parametrize("fixture", ["letter", "evidence"])
def test_an_existing_file_has_no_public_url(request, fixture, media):
    item = request.getfixturevalue(fixture)
    assert (media / item.file.name).exists()

    response = Client().get(f"/media/{item.file.name}")

    assert response.status_code == 404 and b"%PDF" not in response.content


def test_a_petition_whose_attachment_file_is_missing_answers_a_clear_404_page(letter, desk_officer, media):
    (media / letter.file.name).unlink()

    with override("vi"):
        response = download(desk_officer, letter)

    assert response.status_code == 404
    assert "Tệp không còn trên máy chủ" in response.content.decode()
    assert not sensitive_reads(letter).exists()  # nothing was opened
