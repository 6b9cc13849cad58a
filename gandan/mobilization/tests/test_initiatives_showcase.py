"""The public showcase without a login: recognised models only, found without diacritics and filtered by field,
level and commune; a model's page with its photos (never its documents, never a model not recognised) and its
replication links (its recognised copies by name and linked; the copies other communes are still working on only
counted, their places not shown); the tile on the citizen home; and the API's showcase, which needs no login
either."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.mobilization.services.evidence import evidence_add
from gandan.mobilization.services.initiative_decisions import initiative_recognise, initiative_review
from gandan.mobilization.services.initiatives import initiative_replicate, initiative_start
from gandan.mobilization.tests.initiatives_support import (
    NAME,
    jpeg,
    pdf,
    recognised,
    reviewed,
    scores,
    villages,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
pytest_plugins = ["gandan.mobilization.tests.initiatives_fixtures"]  # the cast and the media folder
SHOWCASE = reverse("mobilization_public:showcase")


def page(client, path, **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def model_url(model) -> str:
    return reverse("mobilization_public:model", args=[model.pk])


def test_the_showcase_shows_recognised_models_only_and_finds_dan_van_kheo_without_accents(
    client, officer, secretary
):
    shown = recognised(officer, secretary)
    waiting = reviewed(officer, name="Dân vận khéo trong dồn điền đổi thửa")
    found = page(client, SHOWCASE, q="dan van kheo")
    assert model_url(shown) in found and model_url(waiting) not in found
    assert client.get(model_url(waiting)).status_code == 404
    assert model_url(shown) not in page(client, SHOWCASE, q="an ninh")


def test_the_showcase_filters_by_field_level_and_commune(
    client, officer, secretary, home_commune, other_commune
):
    economy = recognised(officer, secretary)
    security = recognised(
        officer, secretary, level="grassroots", name="Tổ tự quản an ninh trật tự", field="defence_security"
    )
    by_field = page(client, SHOWCASE, field="defence_security")
    assert model_url(security) in by_field and model_url(economy) not in by_field
    by_level = page(client, SHOWCASE, level="commune")
    assert model_url(economy) in by_level and model_url(security) not in by_level
    assert model_url(economy) in page(client, SHOWCASE, xa=home_commune.code)
    assert model_url(economy) not in page(client, SHOWCASE, xa=other_commune.code)


def test_a_model_s_page_shows_its_photos_not_its_documents(client, officer, secretary, media):
    model = recognised(officer, secretary)
    photo = evidence_add(initiative=model, upload=jpeg(), caption="Con đường mới", by=officer)
    document = evidence_add(initiative=model, upload=pdf(), by=officer)
    shown = page(client, model_url(model))
    assert (
        reverse("mobilization_public:photo", args=[model.pk, photo.pk]) in shown and "Con đường mới" in shown
    )
    assert "quyet-dinh" not in shown
    served = client.get(reverse("mobilization_public:photo", args=[model.pk, photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert client.get(reverse("mobilization_public:photo", args=[model.pk, document.pk])).status_code == 404


def test_the_photos_of_a_model_not_recognised_are_not_public(client, officer, media):
    model = reviewed(officer)
    photo = evidence_add(initiative=model, upload=jpeg(), by=officer)
    assert client.get(reverse("mobilization_public:photo", args=[model.pk, photo.pk])).status_code == 404


def recognised_copy(source, commune, village, officer, leader):
    """`source` replicated into `village` of `commune`, carried out, reviewed and recognised there."""
    copy = initiative_replicate(
        source=source, commune=commune, village=village, owner_kind="team", owner_name="Tổ", by=officer
    )
    initiative_start(initiative=copy, by=officer)
    initiative_review(initiative=copy, scores=scores(), recommend=True, comment="", by=leader)
    initiative_recognise(
        initiative=copy, level="grassroots", decision="3/QĐ-UBND", on=timezone.localdate(), by=leader
    )
    return copy


@pytest.fixture
def spread(officer, secretary, other_officer, other_secretary, home_commune, other_commune):
    """A recognised model of xã Sông Lô copied three times: recognised in a village of xã Tam Sơn, only registered
    in another village of xã Tam Sơn, being carried out in another village of xã Sông Lô."""
    home, there = villages(home_commune), villages(other_commune)
    source = recognised(officer, secretary, village=home[0])
    shown = recognised_copy(source, other_commune, there[0], other_officer, other_secretary)
    registered = initiative_replicate(
        source=source,
        commune=other_commune,
        village=there[1],
        owner_kind="team",
        owner_name="Tổ",
        by=other_officer,
    )
    working = initiative_replicate(
        source=source, commune=home_commune, village=home[1], owner_kind="team", owner_name="Tổ", by=officer
    )
    initiative_start(initiative=working, by=officer)
    return {"source": source, "shown": shown, "registered": registered, "working": working}


def test_a_model_s_page_links_its_recognised_copies_and_only_counts_the_others(client, spread):
    shown = page(client, model_url(spread["source"]))
    assert "Đã được nhân rộng tại" in shown
    assert model_url(spread["shown"]) in shown and spread["shown"].village.name in shown
    assert "và 2 nơi khác đang triển khai/đăng ký" in shown
    for unfinished in (spread["registered"], spread["working"]):
        assert unfinished.village.name not in shown and model_url(unfinished) not in shown
    copy_page = page(client, model_url(spread["shown"]))
    assert "Nhân rộng từ" in copy_page and model_url(spread["source"]) in copy_page


def test_copies_not_yet_recognised_are_only_counted(client, officer, secretary, other_officer, other_commune):
    source = recognised(officer, secretary)
    village = villages(other_commune)[0]
    initiative_replicate(
        source=source,
        commune=other_commune,
        village=village,
        owner_kind="team",
        owner_name="Tổ",
        by=other_officer,
    )
    shown = page(client, model_url(source))
    assert "1 nơi đang triển khai/đăng ký" in shown
    assert village.name not in shown and "đang triển khai)" not in shown


def test_the_citizen_home_has_the_showcase_tile(client):
    assert SHOWCASE in page(client, reverse("portal:home"))


def test_the_api_showcase_needs_no_login_and_lists_recognised_models_with_their_links(
    client, officer, secretary, other_officer, other_commune
):
    source = recognised(officer, secretary)
    reviewed(officer, name="Mô hình chưa công nhận")
    copy = initiative_replicate(
        source=source, commune=other_commune, owner_kind="team", owner_name="Tổ", by=other_officer
    )
    listed = client.get("/api/v1/mobilization/showcase", {"q": "dan van kheo lien xom"})
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [i["id"] for i in items] == [source.pk]
    assert (items[0]["copies"], items[0]["replicated_in"], items[0]["other_copies"]) == ([], [], 1)
    one = client.get(f"/api/v1/mobilization/showcase/{source.pk}")
    assert one.status_code == 200 and one.json()["name"] == NAME
    assert client.get(f"/api/v1/mobilization/showcase/{copy.pk}").status_code == 404
    assert client.get("/api/v1/mobilization/showcase", {"commune": "99999"}).json()["items"] == []


def test_the_api_showcase_names_recognised_copies_and_counts_the_others(client, spread):
    found = client.get(f"/api/v1/mobilization/showcase/{spread['source'].pk}").json()
    shown = spread["shown"]
    assert found["copies"] == [shown.pk]
    assert found["replicated_in"] == [f"{shown.village.name}, {shown.unit.name}"]
    assert found["other_copies"] == 2
