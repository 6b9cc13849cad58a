"""The staff pages of the "dân vận khéo" models as the officer and the leaders use them: the register with its
worklists and search, the forms with their errors in Vietnamese, a model's page with only the actions its state and
the user's role allow, the evidence gallery, the replication tree, and the journey of the issue (an officer registers
a model, a leader reviews and recognises it, another village replicates it, the showcase shows both, linked)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.mobilization.models import Initiative
from gandan.mobilization.selectors.initiatives import initiative_list, replication_tree
from gandan.mobilization.services.evidence import evidence_add
from gandan.mobilization.services.initiatives import initiative_replicate
from gandan.mobilization.tests.initiatives_support import (
    NAME,
    jpeg,
    pdf,
    recognised,
    register,
    reviewed,
    scores,
    villages,
)
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder


def html(response) -> str:
    return response.content.decode()


def url(name: str, *args) -> str:
    return reverse(f"mobilization:{name}", args=args)


def form_values(commune, village=None, **overrides) -> dict:
    values = {
        "unit": commune.pk,
        "village": village.pk if village else "",
        "name": NAME,
        "field": "economy",
        "owner_kind": "team",
        "owner_name": "Tổ dân vận thôn",
        "place": "Thôn Đồng Thịnh, xã Sông Lô",
        "period_start": "01/03/2025",
        "period_end": "",
        "description": "Vận động các hộ hiến đất.",
        "results": "",
        "figure_rows": "5",
        "fig-0-label": "Hộ hiến đất",
        "fig-0-value": "1.200",
        "fig-0-unit": "m²",
    }
    values.update(overrides)
    return values


# --- The register ------------------------------------------------------------------------------------------------------


def test_the_register_finds_a_model_without_accents_and_counts_the_worklists(officer, other_officer):
    model = register(officer)
    register(officer, name="Tổ tự quản an ninh trật tự", field="defence_security")
    register(other_officer, name="Dân vận khéo ở xã khác", owner_name="Tổ", place="Xã Tam Sơn")
    response = client_for(officer).get(url("initiatives"), {"q": "dan van kheo lien xom"})
    page = html(response)
    assert response.status_code == 200
    assert model.name in page and "Tổ tự quản" not in page and "xã khác" not in page
    ours = Initiative.objects.filter(
        unit=officer.unit, status="registered"
    ).count()  # the demo's and these two
    assert re.search(
        rf"Đã đăng ký, chưa triển khai <b>{ours}</b>", page
    )  # the tab counts the officer's commune only


def test_the_worklist_to_recognise_holds_the_reviewed_models(officer):
    waiting = reviewed(officer)
    register(officer, name="Mô hình mới đăng ký")
    rows = list(initiative_list(officer, worklist="to_recognise"))
    assert waiting in rows and {r.status for r in rows} == {"reviewed"}  # the demo's reviewed ones too


def test_the_supervisor_s_worklist_holds_the_commune_recognitions_to_raise(officer, secretary, supervisor):
    model = recognised(officer, secretary, level="commune")
    assert model in initiative_list(supervisor, worklist="to_recognise")
    assert model not in initiative_list(secretary, worklist="to_recognise")


# --- Registering -----------------------------------------------------------------------------------------------------


def test_the_officer_registers_a_model_with_its_figures(officer, home_commune):
    village = villages(home_commune)[0]
    response = client_for(officer).post(url("initiative_new"), form_values(home_commune, village))
    model = Initiative.objects.get(unit=home_commune, name=NAME)
    assert response.status_code == 302 and response["Location"] == url("initiative", model.pk)
    assert model.village == village and model.figures == [
        {"label": "Hộ hiến đất", "value": 1200, "unit": "m²"}
    ]


def test_a_model_without_a_field_shows_the_reason_next_to_the_field(officer, home_commune):
    response = client_for(officer).post(url("initiative_new"), form_values(home_commune, field=""))
    assert response.status_code == 422
    assert "Mô hình chưa chọn lĩnh vực thì không đăng ký được" in html(response)
    assert not Initiative.objects.filter(name=NAME).exists()


def test_a_wrong_figure_is_shown_on_its_row(officer, home_commune):
    response = client_for(officer).post(
        url("initiative_new"), form_values(home_commune, **{"fig-1-label": "Km đường", "fig-1-value": "dài"})
    )
    assert response.status_code == 422
    assert "Số liệu 2: nhập một số" in html(response)


# --- A model's page --------------------------------------------------------------------------------------------------


def test_the_officer_sees_no_recognise_button_and_the_secretary_does(officer, secretary):
    model = reviewed(officer)
    page_for_officer = html(client_for(officer).get(url("initiative", model.pk)))
    page_for_secretary = html(client_for(secretary).get(url("initiative", model.pk)))
    recognise = url("initiative_recognise", model.pk)
    assert recognise not in page_for_officer and url("initiative_withdraw", model.pk) in page_for_officer
    assert recognise in page_for_secretary and url("initiative_decline", model.pk) in page_for_secretary


def test_a_registered_model_offers_start_and_not_review(officer):
    model = register(officer)
    page = html(client_for(officer).get(url("initiative", model.pk)))
    assert url("initiative_start", model.pk) in page and url("initiative_review", model.pk) not in page


def test_the_review_page_has_a_row_per_criterion_with_its_most_points(officer):
    model = register(officer)
    client = client_for(officer)
    client.post(url("initiative_start", model.pk))
    page = html(client.get(url("initiative_review", model.pk)))
    assert "Lan tỏa, mang lại hiệu quả thiết thực" in page and 'max="20"' in page
    posted = {f"score_{key}": value for key, value in scores(0.9).items()}
    response = client.post(url("initiative_review", model.pk), {**posted, "recommend": "on", "comment": ""})
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == "reviewed" and model.reviews.get().total == sum(scores(0.9).values())


def test_a_score_too_high_is_shown_next_to_its_criterion(officer):
    model = register(officer)
    client = client_for(officer)
    client.post(url("initiative_start", model.pk))
    posted = {f"score_{key}": value for key, value in scores().items()} | {"score_effective": 25}
    response = client.post(url("initiative_review", model.pk), {**posted, "recommend": "on"})
    assert response.status_code == 422 and not model.reviews.exists()


def test_the_secretary_recognises_through_the_page(officer, secretary):
    model = reviewed(officer)
    response = client_for(secretary).post(
        url("initiative_recognise", model.pk),
        {"level": "commune", "decision": "25/QĐ-UBND", "on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.status, model.level) == ("recognised", "commune")


def test_the_secretary_is_not_offered_the_province_level(officer, secretary):
    model = reviewed(officer)
    page = html(client_for(secretary).get(url("initiative_recognise", model.pk)))
    assert 'value="commune"' in page and 'value="province"' not in page


def test_the_officer_cannot_open_the_recognition_form(officer):
    model = reviewed(officer)
    assert client_for(officer).get(url("initiative_recognise", model.pk)).status_code == 403


def test_the_evidence_gallery_shows_thumbnails_through_the_scoped_download(officer, other_officer, media):
    model = register(officer)
    response = client_for(officer).post(
        url("evidence_new", model.pk), {"upload": jpeg(size=(1600, 1200)), "caption": "Ngày hiến đất"}
    )
    assert response.status_code == 302
    evidence = model.evidence.get()
    download = url("evidence_file", model.pk, evidence.pk)
    page = html(client_for(officer).get(url("initiative", model.pk)))
    assert f"{download}?thumb=1" in page and "Ngày hiến đất" in page
    thumb = client_for(officer).get(download, {"thumb": "1"})
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert len(b"".join(thumb.streaming_content)) < evidence.size
    assert client_for(other_officer).get(download).status_code == 404


def test_a_renamed_program_is_refused_on_the_upload_page(officer, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    model = register(officer)
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/jpeg")
    response = client_for(officer).post(url("evidence_new", model.pk), {"upload": fake})
    assert response.status_code == 422 and not model.evidence.exists()


def test_the_tree_names_a_recognised_model_of_another_commune_and_counts_the_others(
    officer, secretary, other_officer, other_commune, home_commune
):
    source = recognised(officer, secretary, village=villages(home_commune)[0])
    copy = initiative_replicate(
        source=source, commune=other_commune, owner_kind="team", owner_name="Tổ dân vận", by=other_officer
    )
    seen_from_home = replication_tree(officer, source)
    assert seen_from_home.current and seen_from_home.children == [] and seen_from_home.hidden == 1
    seen_from_copy = replication_tree(other_officer, copy)
    assert seen_from_copy.initiative == source and not seen_from_copy.openable and seen_from_copy.public
    assert [c.initiative for c in seen_from_copy.children] == [copy] and seen_from_copy.children[0].current
    page = html(client_for(other_officer).get(url("initiative", copy.pk)))
    assert reverse("mobilization_public:model", args=[source.pk]) in page


def test_pages_of_another_commune_s_model_answer_404(officer, other_officer):
    model = reviewed(officer)
    client = client_for(other_officer)
    for name in ("initiative", "initiative_edit", "initiative_review", "evidence_new", "initiative_withdraw"):
        assert client.get(url(name, model.pk)).status_code == 404, name


# --- The journey of the issue ----------------------------------------------------------------------------------------


def test_an_officer_registers_a_leader_recognises_another_village_replicates_and_the_showcase_links_them(
    officer, secretary, home_commune, client, media
):
    first, second = villages(home_commune)[:2]
    desk = client_for(officer)
    desk.post(url("initiative_new"), form_values(home_commune, first))
    model = Initiative.objects.get(unit=home_commune, name=NAME)
    desk.post(url("initiative_start", model.pk))
    evidence_add(initiative=model, upload=jpeg(), caption="Con đường mới", by=officer)
    evidence_add(initiative=model, upload=pdf(), by=officer)
    leader = client_for(secretary)
    posted = {f"score_{key}": value for key, value in scores(0.9).items()}
    assert leader.post(url("initiative_review", model.pk), {**posted, "recommend": "on"}).status_code == 302
    today = timezone.localdate().strftime("%d/%m/%Y")
    leader.post(
        url("initiative_recognise", model.pk), {"level": "commune", "decision": "30/QĐ-UBND", "on": today}
    )
    response = desk.post(
        url("initiative_replicate", model.pk),
        {
            "unit": home_commune.pk,
            "village": second.pk,
            "name": NAME,
            "owner_kind": "team",
            "owner_name": f"Tổ dân vận {second.name}",
            "place": "",
            "period_start": today,
            "description": "Học tập cách làm của thôn bạn.",
        },
    )
    copy = Initiative.objects.get(copied_from=model)
    assert response.status_code == 302 and copy.village == second
    showcase = html(client.get(reverse("mobilization_public:showcase"), {"q": "hien dat"}))
    assert reverse("mobilization_public:model", args=[model.pk]) in showcase
    page = html(client.get(reverse("mobilization_public:model", args=[model.pk])))
    # Registered, the copy is only counted: its place shows once it is recognised.
    assert (
        "Đã được nhân rộng tại" in page
        and "1 nơi đang triển khai/đăng ký" in page
        and second.name not in page
    )
    photo = model.evidence.get(content_type="image/jpeg")
    assert reverse("mobilization_public:photo", args=[model.pk, photo.pk]) in page
    # The copy is carried out, reviewed and recognised in its turn: the showcase then lists both, linked both ways.
    desk.post(url("initiative_start", copy.pk))
    leader.post(url("initiative_review", copy.pk), {**posted, "recommend": "on"})
    leader.post(
        url("initiative_recognise", copy.pk), {"level": "grassroots", "decision": "31/QĐ-UBND", "on": today}
    )
    showcase = html(client.get(reverse("mobilization_public:showcase"), {"q": "dan van kheo"}))
    assert all(reverse("mobilization_public:model", args=[m.pk]) in showcase for m in (model, copy))
    page = html(client.get(reverse("mobilization_public:model", args=[model.pk])))
    assert second.name in page and reverse("mobilization_public:model", args=[copy.pk]) in page
    copy_page = html(client.get(reverse("mobilization_public:model", args=[copy.pk])))
    assert "Nhân rộng từ" in copy_page and reverse("mobilization_public:model", args=[model.pk]) in copy_page
