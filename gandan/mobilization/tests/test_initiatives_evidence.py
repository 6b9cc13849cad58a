"""Taking down a wrong photo or document of a model: with a reason, by the officer of the model's commune, through the
service, the staff page or the API. The file leaves the staff gallery and the public showcase, its addresses answer
404, the stored file is deleted once the removal is committed, and the model's history says who removed what and
why."""

import pytest
from django.urls import reverse

from gandan.audit.models import Event
from gandan.errors import DomainError, NotAllowed
from gandan.mobilization.models import Evidence
from gandan.mobilization.services.evidence import evidence_add, evidence_remove
from gandan.mobilization.tests.initiatives_support import jpeg, recognised, register, user
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder
REASON = "Ảnh chụp nhầm hộ gia đình không tham gia mô hình"


def html(response) -> str:
    return response.content.decode()


def staff_file(evidence) -> str:
    return reverse("mobilization:evidence_file", args=[evidence.initiative_id, evidence.pk])


def public_photo(evidence) -> str:
    return reverse("mobilization_public:photo", args=[evidence.initiative_id, evidence.pk])


def remove_page(evidence) -> str:
    return reverse("mobilization:evidence_remove", args=[evidence.initiative_id, evidence.pk])


def api_url(evidence) -> str:
    return f"/api/v1/mobilization/models/{evidence.initiative_id}/evidence/{evidence.pk}"


@pytest.fixture
def shown(officer, secretary, media):
    """A photo on the public page of a recognised model."""
    model = recognised(officer, secretary)
    return evidence_add(initiative=model, upload=jpeg(), caption="Ảnh chụp nhầm", by=officer)


def test_a_removed_photo_leaves_the_showcase_and_the_gallery_and_its_file_is_deleted_after_commit(
    shown, officer, client, django_capture_on_commit_callbacks
):
    model_page = reverse("mobilization_public:model", args=[shown.initiative_id])
    assert public_photo(shown) in html(client.get(model_page))
    stored, storage = shown.file.name, shown.file.storage
    with django_capture_on_commit_callbacks() as after_commit:
        evidence_remove(evidence=shown, reason=REASON, by=officer)
        assert storage.exists(stored)  # a rolled-back removal would still have its file
    for callback in after_commit:
        callback()
    assert not storage.exists(stored)
    assert not Evidence.objects.filter(pk=shown.pk).exists()
    assert public_photo(shown) not in html(client.get(model_page))
    assert client.get(public_photo(shown)).status_code == 404
    assert client_for(officer).get(staff_file(shown)).status_code == 404
    event = Event.objects.filter(action="mobilization.evidence_remove").get()
    assert event.actor == officer and event.details["reason"] == REASON
    assert event.object_id == str(shown.initiative_id)


def test_a_removal_without_a_reason_is_refused_in_vietnamese_and_removes_nothing(shown, officer):
    with pytest.raises(DomainError) as refused:
        evidence_remove(evidence=shown, reason="  ", by=officer)
    assert refused.value.code == "reason_required"
    assert "lý do" in str(refused.value.errors["reason"])
    assert Evidence.objects.filter(pk=shown.pk).exists() and shown.file.storage.exists(shown.file.name)


def test_another_commune_and_a_role_without_management_may_not_remove(shown, other_officer):
    for someone in (other_officer, user("thanhtra.songlo")):
        with pytest.raises(NotAllowed):
            evidence_remove(evidence=shown, reason=REASON, by=someone)
    assert Evidence.objects.filter(pk=shown.pk).exists()


def test_the_gallery_links_each_file_to_its_removal_page_and_the_page_asks_the_reason(
    shown, officer, django_capture_on_commit_callbacks
):
    desk = client_for(officer)
    gallery = html(desk.get(reverse("mobilization:initiative", args=[shown.initiative_id])))
    assert remove_page(shown) in gallery and "Gỡ bỏ" in gallery
    form = desk.get(remove_page(shown))
    assert form.status_code == 200 and f"{staff_file(shown)}?thumb=1" in html(form)
    refused = desk.post(remove_page(shown), {"reason": ""})
    assert refused.status_code == 422 and Evidence.objects.filter(pk=shown.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post(remove_page(shown), {"reason": REASON})
    assert done.status_code == 302 and done["Location"].endswith("#evidence")
    assert not Evidence.objects.filter(pk=shown.pk).exists()
    gallery = html(desk.get(reverse("mobilization:initiative", args=[shown.initiative_id])))
    assert staff_file(shown) not in gallery and REASON in gallery  # the timeline says why


def test_the_removal_page_of_another_commune_s_file_is_a_404_and_removes_nothing(shown, other_officer):
    stranger = client_for(other_officer)
    assert stranger.get(remove_page(shown)).status_code == 404
    assert stranger.post(remove_page(shown), {"reason": REASON}).status_code == 404
    assert Evidence.objects.filter(pk=shown.pk).exists()


def test_a_reader_sees_no_removal_link(officer, media):
    model = register(officer)
    evidence_add(initiative=model, upload=jpeg(), by=officer)
    page = html(client_for(user("thanhtra.songlo")).get(reverse("mobilization:initiative", args=[model.pk])))
    assert "/remove/" not in page


def test_the_api_removes_a_file_with_its_reason_scoped_to_the_commune(shown, officer, other_officer):
    stranger = client_for(other_officer).delete(
        api_url(shown), {"reason": REASON}, content_type="application/json"
    )
    assert stranger.status_code == 404
    desk = client_for(officer)
    missing = desk.delete(api_url(shown), {"reason": ""}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["code"] == "reason_required"
    assert Evidence.objects.filter(pk=shown.pk).exists()
    done = desk.delete(api_url(shown), {"reason": REASON}, content_type="application/json")
    assert done.status_code == 204 and not Evidence.objects.filter(pk=shown.pk).exists()
    assert desk.delete(api_url(shown), {"reason": REASON}, content_type="application/json").status_code == 404
