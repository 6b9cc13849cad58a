"""One installation, every commune of the province: a commune's portal at /xa/<name>/ (or its code, or its own host
name), whose every page and link stays the commune's, while "/" still serves GANDAN_PORTAL_UNIT."""

import re
import threading

import pytest
from django.test import Client
from django.urls import get_script_prefix, reverse

from gandan.petitions.models import Petition
from gandan.portal.rules import commune_slug, parse_hosts, slug_names
from gandan.portal.selectors import portal_unit, portal_unit_chosen
from gandan.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def slug(unit: Unit) -> str:
    return commune_slug(unit.name_search)


def hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', page)


@pytest.mark.parametrize(
    ("folded", "expected"),
    [
        ("xa song lo", "song-lo"),
        ("phuong vinh yen", "vinh-yen"),
        ("dac khu con co", "con-co"),
        ("xa ea h'leo", "ea-h-leo"),
        ("xa", "xa"),
    ],
)
def test_a_communes_slug_is_its_name_without_kind_and_marks(folded, expected):
    assert commune_slug(folded) == expected


def test_a_slug_stands_for_the_name_with_each_kind_word():
    assert slug_names("song-lo") == ["song lo", "xa song lo", "phuong song lo", "dac khu song lo"]


def test_the_hosts_setting_is_read_and_a_malformed_one_refused():
    assert parse_hosts(" SongLo.PhuTho.gov.vn=08848 , haiuu.phutho.gov.vn=08824,") == {
        "songlo.phutho.gov.vn": "08848",
        "haiuu.phutho.gov.vn": "08824",
    }
    with pytest.raises(ValueError, match="host=code"):
        parse_hosts("songlo.phutho.gov.vn")


def test_each_commune_has_its_own_home(home_commune, other_commune):
    mine = Client().get(f"/xa/{slug(home_commune)}/")
    theirs = Client().get(f"/xa/{slug(other_commune)}/")

    assert mine.status_code == theirs.status_code == 200
    assert f"<h1>{home_commune.name}" in html(mine)
    assert f"<h1>{other_commune.name}" in html(theirs)
    assert home_commune.name not in html(theirs).split("<main", 1)[1]


def test_a_communes_links_keep_its_address_and_static_files_stay_shared(other_commune):
    prefix = f"/xa/{slug(other_commune)}/"
    page = html(Client().get(prefix))

    links = [h for h in hrefs(page) if h.startswith("/") and not h.startswith("/static/")]
    assert links
    # Every link of the page stays on the commune's portal, but the staff side and the directory, which are
    # not per commune, are reached through a redirect.
    assert all(h.startswith(prefix) for h in links), [h for h in links if not h.startswith(prefix)]
    assert f'href="{prefix}ho-so/tra-cuu/"' in page
    assert re.search(r'<link rel="stylesheet" href="/static/css/gandan[^"]*\.css"', page)
    assert get_script_prefix() == "/"  # left as it was for whatever runs next on this thread


def test_the_code_names_a_commune_too(other_commune):
    response = Client().get(f"/xa/{other_commune.code}/")

    assert response.status_code == 200
    assert f"<h1>{other_commune.name}" in html(response)


def test_an_unknown_commune_is_a_404_and_a_missing_slash_is_added(home_commune):
    assert Client().get("/xa/khong-co-xa-nay/").status_code == 404
    assert Client().get("/xa/99999/ho-so/tra-cuu/").status_code == 404
    assert Client().get("/xa/Sông-Lô/").status_code == 404
    response = Client().get(f"/xa/{slug(home_commune)}?q=1")
    assert response.status_code == 302
    assert response["Location"] == f"/xa/{slug(home_commune)}/?q=1"
    # Django's own slash rule works on the page's path inside the commune.
    response = Client().get(f"/xa/{slug(home_commune)}/ho-so/tra-cuu")
    assert (response.status_code, response["Location"]) == (301, f"/xa/{slug(home_commune)}/ho-so/tra-cuu/")


def test_staff_pages_are_not_per_commune(home_commune):
    response = Client().get(f"/xa/{slug(home_commune)}/staff/?a=1")

    assert (response.status_code, response["Location"]) == (302, "/staff/?a=1")


def test_a_name_shared_by_two_communes_lists_them(home_commune):
    twin = Unit.objects.create(
        kind=UnitKind.WARD,
        code="99998",
        name=home_commune.name.replace("Xã", "Phường"),
        name_search=home_commune.name_search.replace("xa ", "phuong "),
        parent=home_commune.parent,
        path=f"{home_commune.parent.path}.99998",
        depth=home_commune.depth,
    )

    response = Client().get(f"/xa/{slug(home_commune)}/")

    page = html(response)
    assert response.status_code == 200
    assert f'href="/xa/{home_commune.code}/"' in page
    assert f'href="/xa/{twin.code}/"' in page
    assert Client().get(f"/xa/{twin.code}/").status_code == 200


def test_the_portal_communes_home_is_still_at_the_root(settings, home_commune, other_commune):
    assert f"<h1>{home_commune.name}" in html(Client().get("/"))
    settings.GANDAN_PORTAL_UNIT = other_commune.code
    assert f"<h1>{other_commune.name}" in html(Client().get("/"))


def test_a_dossier_lookup_works_inside_a_commune(home_commune):
    prefix = f"/xa/{slug(home_commune)}/"
    response = Client().post(prefix + "ho-so/tra-cuu/", {"code": "08848-000000-0000", "phone_last4": "1234"})

    assert response.status_code == 404  # the form answered: no such dossier
    assert "ho-so/tra-cuu/" in html(response)
    assert re.search(rf'<form method="post" action="{prefix}ho-so/tra-cuu/"', html(response))


def test_a_dossier_found_inside_a_commune_opens_at_its_signed_link_inside_it(home_commune, desk_officer):
    from gandan.dossiers.models import OnlineLevel
    from gandan.dossiers.public import lookup_token
    from gandan.dossiers.tests.factories import make_procedure, received

    dossier = received(
        make_procedure(days=3, online=OnlineLevel.FULL), home_commune, desk_officer, phone="0912345678"
    )
    prefix = f"/xa/{slug(home_commune)}/"

    response = Client().post(prefix + "ho-so/tra-cuu/", {"code": dossier.code, "phone_last4": "5678"})

    assert (response.status_code, response["Location"]) == (
        302,
        f"{prefix}ho-so/tra-cuu/{lookup_token(dossier)}/",
    )


def test_a_petition_sent_from_a_communes_portal_goes_to_that_commune(settings, tmp_path, other_commune):
    settings.MEDIA_ROOT = tmp_path
    prefix = f"/xa/{slug(other_commune)}/"
    client = Client(enforce_csrf_checks=True)
    form = html(client.get(prefix + "kien-nghi/gui/"))
    assert re.search(rf'<option value="{other_commune.pk}" selected>', form)  # the commune of the address
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    assert "csrfmiddlewaretoken" in hidden
    before = Petition.objects.count()

    response = client.post(
        prefix + "kien-nghi/gui/",
        {
            **hidden,
            "unit": str(other_commune.pk),
            "kind": "recommendation",
            "subject": "Đèn đường thôn Đồng Thịnh hỏng",
            "content": "Đèn đường hỏng ba tuần nay, buổi tối đi lại nguy hiểm.",
            "name": "Lường Thị Xuân",
            "address": "Thôn Đồng Thịnh",
            "phone": "0978123456",
            "email": "",
            "id_number": "",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith(prefix + "kien-nghi/")
    assert Petition.objects.count() == before + 1
    assert Petition.objects.latest("id").unit_path == other_commune.path


def test_the_language_switch_posts_inside_a_commune(home_commune):
    prefix = f"/xa/{slug(home_commune)}/"
    client = Client(enforce_csrf_checks=True)
    page = html(client.get(prefix))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = client.post(
        prefix + "i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": prefix}
    )

    assert (response.status_code, response["Location"]) == (302, prefix)


def test_a_host_name_serves_its_commune(settings, other_commune):
    settings.GANDAN_PORTAL_HOSTS = f"haiuu.example.vn={other_commune.code}"
    settings.ALLOWED_HOSTS = ["testserver", "haiuu.example.vn"]

    page = html(Client(HTTP_HOST="haiuu.example.vn").get("/"))

    assert f"<h1>{other_commune.name}" in page
    assert 'href="/ho-so/tra-cuu/"' in page  # no prefix: the host is the commune's


def test_the_directory_lists_the_provinces_communes_without_diacritics(home_commune, other_commune):
    page = html(Client().get("/xa/"))
    assert f'href="/xa/{slug(home_commune)}/">{home_commune.name}</a>' in page
    assert f'href="/xa/{slug(other_commune)}/">{other_commune.name}</a>' in page

    found = html(Client().get("/xa/", {"q": "song lo"}))
    assert home_commune.name in found
    assert other_commune.name not in found.split("<main", 1)[1]
    # Under a commune's address the directory is the province's, at its own address.
    assert Client().get(f"/xa/{slug(home_commune)}/xa/")["Location"] == "/xa/"


def test_the_chosen_commune_is_forgotten_after_an_error(home_commune, other_commune):
    with pytest.raises(RuntimeError), portal_unit_chosen(other_commune):
        assert portal_unit() == other_commune
        raise RuntimeError
    assert portal_unit() == home_commune


def test_threads_serving_two_communes_see_their_own(home_commune, other_commune):
    """A threaded server: each thread's commune is its own, even while another thread is inside a request."""
    inside = threading.Barrier(2)
    seen: dict[str, object] = {}

    def serve(name: str, unit: Unit) -> None:
        with portal_unit_chosen(unit):
            inside.wait(timeout=5)
            seen[name] = portal_unit()
            inside.wait(timeout=5)

    threads = [
        threading.Thread(target=serve, args=("mine", home_commune)),
        threading.Thread(target=serve, args=("theirs", other_commune)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert seen == {"mine": home_commune, "theirs": other_commune}


def test_a_view_that_fails_inside_a_commune_leaves_no_commune_behind(
    home_commune, other_commune, monkeypatch
):
    from gandan.portal import public

    def broken(unit):
        raise RuntimeError("broken block")

    monkeypatch.setattr(public, "public_blocks", broken)
    client = Client(raise_request_exception=False)

    assert client.get(f"/xa/{slug(other_commune)}/").status_code == 500
    assert portal_unit() == home_commune
    assert get_script_prefix() == "/"
    assert reverse("portal:home") == "/"


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "x" * 5000, "'; DROP TABLE units_unit; --"])
def test_the_directory_takes_hostile_words_calmly(query):
    response = Client().get("/xa/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert" not in html(response)
