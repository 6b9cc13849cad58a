"""The scans a citizen sends with a dossier: stored under a random name, never reachable by URL, downloaded only by
officers of the dossier's units through the dossier page, each download in the audit trail."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from gandan.audit.models import Event
from gandan.dossiers.models import Attachment
from gandan.dossiers.tests.factories import make_procedure, submit
from gandan.kit.tests.files import pdf_bytes
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

CONTENT = pdf_bytes(pages=2)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a temporary folder, never to the site's media."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def scan(home_commune):
    """A citizen's real PDF that arrived named `huong-dan.html`."""
    dossier = submit(
        make_procedure(),
        home_commune,
        channel=2,
        attachments=[SimpleUploadedFile("huong-dan.html", CONTENT, content_type="text/html")],
    )
    return dossier.attachments.get()


def download(user, item: Attachment):
    return client_for(user).get(reverse("dossiers:attachment", args=[item.dossier_id, item.pk]))


def reads(item: Attachment):
    return Event.objects.filter(action="dossiers.attachment_read", object_id=str(item.dossier_id))


def test_the_scan_is_stored_as_a_pdf_under_a_random_name(scan, media):
    assert re.fullmatch(r"dossiers/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", scan.file.name)
    assert (scan.original_name, scan.content_type) == ("huong-dan.html", "application/pdf")
    assert (media / scan.file.name).read_bytes() == CONTENT


def test_the_desk_downloads_the_scan_from_the_dossier_page_and_the_read_is_audited(scan, desk_officer):
    page = client_for(desk_officer).get(reverse("dossiers:detail", args=[scan.dossier_id]))
    link = reverse("dossiers:attachment", args=[scan.dossier_id, scan.pk])
    assert f'href="{link}"' in page.content.decode()

    response = download(desk_officer, scan)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="huong-dan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == CONTENT
    assert list(reads(scan).values_list("actor", "details")) == [(desk_officer.pk, {"attachment": scan.pk})]


def test_another_communes_officer_gets_404_for_the_scan(scan, other_commune_leader):
    response = download(other_commune_leader, scan)

    assert response.status_code == 404
    assert b"%PDF" not in response.content and not reads(scan).exists()


def test_the_scan_needs_login_and_a_get(scan, desk_officer):
    url = reverse("dossiers:attachment", args=[scan.dossier_id, scan.pk])

    assert Client().get(url).status_code == 302
    assert client_for(desk_officer).post(url).status_code == 405


def test_an_attachment_of_another_dossier_is_not_found_through_this_one(scan, home_commune, desk_officer):
    other = submit(make_procedure(), home_commune, phone="0987654321")

    response = client_for(desk_officer).get(reverse("dossiers:attachment", args=[other.pk, scan.pk]))

    assert response.status_code == 404


def test_the_stored_file_has_no_public_url(scan):
    response = Client().get(f"/media/{scan.file.name}")

    assert response.status_code == 404 and b"%PDF" not in response.content


def test_a_scan_missing_on_disk_answers_a_clear_404_page(scan, desk_officer, media):
    (media / scan.file.name).unlink()

    with override("vi"):
        response = download(desk_officer, scan)

    assert response.status_code == 404
    assert "Tệp không còn trên máy chủ" in response.content.decode()
    assert not reads(scan).exists()


def test_a_file_stored_before_random_names_still_downloads(scan, desk_officer, media):
    """Rows saved under the old scheme (the sender's own name) keep working."""
    legacy = media / "dossiers" / "2026" / "11" / "giay-to cua toi.pdf"
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(CONTENT)
    item = Attachment.objects.create(
        dossier=scan.dossier,
        file="dossiers/2026/11/giay-to cua toi.pdf",
        original_name="giấy tờ của tôi.pdf",
        content_type="application/pdf",
        size=len(CONTENT),
    )

    response = download(desk_officer, item)

    assert response.status_code == 200 and b"".join(response.streaming_content) == CONTENT
