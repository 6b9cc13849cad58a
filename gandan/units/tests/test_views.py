"""The unit pages under /staff/units/: list, search, detail, add a unit below, edit."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.audit.models import Event
from gandan.core.vntext import fold
from gandan.errors import DomainError
from gandan.tests_support import client_for
from gandan.units.models import Unit, UnitKind
from gandan.units.services import unit_create, unit_update

pytestmark = pytest.mark.django_db

LIST = "/staff/units/"
ROW_NAME = re.compile(r'<td><a href="/staff/units/\d+/">([^<]+)</a></td>')


def row_names(response) -> list[str]:
    return ROW_NAME.findall(response.content.decode())


def field_errors(response, field: str) -> list[str]:
    """The error messages shown right below `field` on a form page."""
    html = response.content.decode()
    block = re.search(rf'<div class="field has-error">\s*<label for="id_{field}">.*?</div>', html, re.S)
    return re.findall(r'<p class="error" role="alert">([^<]*)</p>', block.group(0)) if block else []


def form_alert(response) -> str:
    match = re.search(r'<div class="msg msg-error" role="alert">(.*?)</div>', response.content.decode(), re.S)
    return match.group(1) if match else ""


def vietnamese(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def unit_form(unit: Unit | None = None, **changes) -> dict:
    data = {"name": "", "kind": UnitKind.VILLAGE, "code": "", "valid_from": "", "valid_to": "", "note": ""}
    if unit is not None:
        data.update(
            name=unit.name, kind=unit.kind, code=unit.code, note=unit.note,
            valid_from=unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "",
            valid_to=unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "",
        )  # fmt: skip
        if unit.is_remote:
            data["is_remote"] = "on"
    data.update(changes)
    return data


# --- The list ---------------------------------------------------------------------------------------------------


def test_the_list_shows_the_officers_commune_and_its_villages(commune_leader):
    response = client_for(commune_leader).get(LIST)

    assert response.status_code == 200
    names = row_names(response)
    assert names[0] == "Xã Sông Lô"
    assert len(names) == 8
    assert "Thôn Bến Đò" in names


@pytest.mark.parametrize(
    ("user", "query", "expected"),
    [
        pytest.param("province_supervisor", "q=song+lo", "Xã Sông Lô", id="song-lo"),
        pytest.param("other_commune_leader", "q=hoa", "Thôn Bình Hòa", id="hoa"),
        pytest.param("province_supervisor", "q=lang+cong&former=on", "Xã Lãng Công", id="lang-cong-former"),
    ],
)
def test_searching_without_diacritics_finds_the_unit(request, user, query, expected):
    response = client_for(request.getfixturevalue(user)).get(f"{LIST}?{query}")

    assert expected in row_names(response)


def test_former_units_are_listed_only_when_asked_for(province_supervisor):
    client = client_for(province_supervisor)

    assert "Xã Lãng Công" not in row_names(client.get(f"{LIST}?q=lang+cong"))
    with_former = client.get(f"{LIST}?q=lang+cong&former=on")
    assert "Xã Lãng Công" in row_names(with_former)
    assert "30/06/2025" in with_former.content.decode()  # shown as ended, with its date


def test_a_former_unit_found_in_the_list_opens(province_supervisor):
    lang_cong = Unit.objects.get(name="Xã Lãng Công")

    response = client_for(province_supervisor).get(f"/staff/units/{lang_cong.pk}/")

    assert response.status_code == 200
    assert "30/06/2025" in response.content.decode()


def test_the_kind_filter_keeps_only_villages(commune_leader):
    names = row_names(client_for(commune_leader).get(f"{LIST}?kind=village"))

    assert len(names) == 7
    assert "Xã Sông Lô" not in names


def test_sorting_by_name_z_to_a(commune_leader):
    names = row_names(client_for(commune_leader).get(f"{LIST}?order=-name"))

    assert names[0] == "Xã Sông Lô"
    assert names[1:] == sorted(names[1:], key=fold, reverse=True)


def test_the_province_list_is_paginated_and_page_two_keeps_the_filters(province_supervisor):
    client = client_for(province_supervisor)

    first = client.get(f"{LIST}?kind=commune")
    second = client.get(f"{LIST}?kind=commune&page=2")

    assert len(row_names(first)) == 50
    assert 'href="?kind=commune&amp;page=2"' in first.content.decode()
    assert second.status_code == 200
    assert row_names(second) and not set(row_names(second)) & set(row_names(first))


def test_a_page_number_past_the_end_shows_the_last_page(commune_leader):
    response = client_for(commune_leader).get(f"{LIST}?page=99")

    assert response.status_code == 200
    assert len(row_names(response)) == 8


def test_a_search_with_no_match_shows_the_empty_state_with_a_hint(commune_leader):
    response = client_for(commune_leader).get(f"{LIST}?q=khong+co+thon+nay")

    assert response.status_code == 200
    assert row_names(response) == []
    hint = vietnamese("No unit matches. Try fewer words, or search without diacritics (e.g. “lang cong”).")
    assert '<p class="empty">' in response.content.decode()
    assert hint in response.content.decode()


def test_the_list_costs_the_same_queries_for_one_row_as_for_fifty(province_supervisor):
    client = client_for(province_supervisor)
    client.get(LIST)  # warm the session

    def queries(query: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = len(row_names(client.get(f"{LIST}?{query}")))
        return rows, len(captured)

    one_row, fifty_rows = queries("q=song+lo"), queries("q=xa&kind=commune")
    assert (one_row[0], fifty_rows[0]) == (1, 50)
    # A common word may cost the search one capped count of the list to choose its plan (gandan.search), never a
    # query per row.
    plain = queries("kind=commune")
    assert plain[0] == 50
    # The search costs a fixed few queries, never one per row: its kind, a capped count of matches and one of the
    # list (to choose its plan); on PostgreSQL a query of several words also asks the planner's estimate of each
    # word ("song lo": two).
    plan = 3 if connection.vendor == "sqlite" else 2 + 1 + 2
    assert plain[1] <= fifty_rows[1] <= plain[1] + plan
    assert plain[1] <= one_row[1] <= plain[1] + plan


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_list_refuses_writes(commune_leader, method):
    assert getattr(client_for(commune_leader), method)(LIST).status_code == 405


@pytest.mark.parametrize("suffix", ["", "edit/", "add/"])
def test_unit_pages_refuse_unsupported_methods(commune_leader, home_commune, suffix):
    response = client_for(commune_leader).delete(f"/staff/units/{home_commune.pk}/{suffix}")

    assert response.status_code == 405


def test_posting_to_the_detail_page_is_refused(commune_leader, home_commune):
    assert client_for(commune_leader).post(f"/staff/units/{home_commune.pk}/").status_code == 405


# --- Detail -----------------------------------------------------------------------------------------------------


def test_the_detail_page_shows_villages_and_the_former_units(commune_leader, home_commune):
    response = client_for(commune_leader).get(f"/staff/units/{home_commune.pk}/")

    html = response.content.decode()
    assert "Thôn Bến Đò" in html and "Xã Tứ Yên" in html and "Xã Yên Thạch" in html
    assert f'href="/staff/units/{home_commune.pk}/edit/"' in html


def test_the_detail_page_marks_an_unconfirmed_merger(province_supervisor):
    son_dong = Unit.objects.get(code="08866", valid_to__isnull=True)

    response = client_for(province_supervisor).get(f"/staff/units/{son_dong.pk}/")

    assert "Xã Cao Phong" in response.content.decode()
    assert 'class="pill pill-warn"' in response.content.decode()


def test_the_detail_page_offers_no_edit_link_to_a_desk_officer(desk_officer, home_commune):
    response = client_for(desk_officer).get(f"/staff/units/{home_commune.pk}/")

    assert response.status_code == 200
    assert "/edit/" not in response.content.decode()


# --- Adding a unit below ----------------------------------------------------------------------------------------


def test_a_leader_adds_a_village_under_the_commune(commune_leader, home_commune):
    response = client_for(commune_leader).post(
        f"/staff/units/{home_commune.pk}/add/", unit_form(name="Thôn Đồng Xuân", valid_from="01/07/2025")
    )

    village = Unit.objects.get(name="Thôn Đồng Xuân")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/units/{village.pk}/"
    assert village.parent == home_commune and village.kind == UnitKind.VILLAGE
    assert village.valid_from.isoformat() == "2025-07-01"
    event = Event.objects.get(action="units.unit_create", object_id=str(village.pk))
    assert event.actor == commune_leader


def test_the_add_form_proposes_a_village(commune_leader, home_commune):
    response = client_for(commune_leader).get(f"/staff/units/{home_commune.pk}/add/")

    assert response.status_code == 200
    assert '<option value="village" selected>' in response.content.decode()


def test_a_village_under_a_province_is_refused_with_the_reason_on_the_form(sysadmin):
    province = Unit.objects.get(path="25")
    with override("vi"), pytest.raises(DomainError) as refused:
        unit_create(kind=UnitKind.VILLAGE, name="Thôn Lạc", parent=province)

    response = client_for(sysadmin).post(f"/staff/units/{province.pk}/add/", unit_form(name="Thôn Lạc"))

    assert response.status_code == 200
    assert escape(str(refused.value.message)) in form_alert(response)
    assert not Unit.objects.filter(name="Thôn Lạc").exists()
    assert 'value="Thôn Lạc"' in response.content.decode()  # what was typed is kept


def test_the_refusal_reads_in_english_for_an_english_browser(sysadmin):
    province = Unit.objects.get(path="25")
    client = client_for(sysadmin)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    response = client.post(f"/staff/units/{province.pk}/add/", unit_form(name="Thôn Lạc"))

    assert "A Village must belong to one of:" in form_alert(response)


def test_a_name_is_required(commune_leader, home_commune):
    response = client_for(commune_leader).post(f"/staff/units/{home_commune.pk}/add/", unit_form(name=""))

    assert response.status_code == 200
    assert field_errors(response, "name") == [vietnamese("This field is required.")]


@pytest.mark.parametrize("user", ["desk_officer", "case_handler", "party_secretary", "province_supervisor"])
def test_only_leaders_and_the_administrator_may_add_or_edit(request, home_commune, user):
    client = client_for(request.getfixturevalue(user))

    assert client.get(f"/staff/units/{home_commune.pk}/add/").status_code == 403
    assert client.post(f"/staff/units/{home_commune.pk}/add/", unit_form(name="Thôn Lén")).status_code == 403
    assert client.get(f"/staff/units/{home_commune.pk}/edit/").status_code == 403
    assert (
        client.post(f"/staff/units/{home_commune.pk}/edit/", unit_form(home_commune, name="Đổi")).status_code
        == 403
    )
    assert not Unit.objects.filter(name__in=["Thôn Lén", "Đổi"]).exists()


def test_the_403_page_is_the_sites_own(desk_officer, home_commune):
    response = client_for(desk_officer).get(f"/staff/units/{home_commune.pk}/edit/")

    assert "403.html" in [t.name for t in response.templates]
    assert vietnamese("Not allowed") in response.content.decode()


# --- Editing ----------------------------------------------------------------------------------------------------


def test_editing_the_code_keeps_the_villages_where_they_are(sysadmin, home_commune):
    response = client_for(sysadmin).post(
        f"/staff/units/{home_commune.pk}/edit/", unit_form(home_commune, code="08849")
    )

    assert response.status_code == 302
    assert response["Location"] == f"/staff/units/{home_commune.pk}/"
    assert Unit.objects.get(name="Thôn Bến Đò").parent == home_commune
    assert (
        Unit.objects.get(name="Thôn Bến Đò").path == "25.08848.thon-ben-do"
    )  # the key does not follow the code
    event = Event.objects.get(action="units.unit_update", object_id=str(home_commune.pk))
    assert event.actor == sysadmin
    assert event.details["changes"]["code"] == ["08848", "08849"]


def test_the_edit_form_is_filled_with_the_units_values(commune_leader, home_commune):
    response = client_for(commune_leader).get(f"/staff/units/{home_commune.pk}/edit/")

    html = response.content.decode()
    assert 'value="Xã Sông Lô"' in html and 'value="08848"' in html and 'value="01/07/2025"' in html


def test_an_end_of_validity_before_its_start_is_shown_next_to_the_end_date(commune_leader, home_commune):
    with override("vi"), pytest.raises(DomainError) as refused:
        unit_update(
            unit=Unit(name="x", kind=UnitKind.VILLAGE, parent=home_commune), name="x", kind=UnitKind.VILLAGE,
            code="", valid_from=home_commune.valid_from, valid_to=home_commune.valid_from.replace(day=1, month=1),
            is_remote=False, note="", by=None,
        )  # fmt: skip

    response = client_for(commune_leader).post(
        f"/staff/units/{home_commune.pk}/edit/", unit_form(home_commune, valid_to="01/01/2025")
    )

    assert response.status_code == 200
    assert field_errors(response, "valid_to") == [escape(str(refused.value.message))]
    home_commune.refresh_from_db()
    assert home_commune.valid_to is None


def test_an_impossible_date_is_shown_next_to_its_field(commune_leader, home_commune):
    response = client_for(commune_leader).post(
        f"/staff/units/{home_commune.pk}/edit/", unit_form(home_commune, valid_from="31/02/2025")
    )

    assert response.status_code == 200
    # It says why: February 2025 has 28 days.
    assert field_errors(response, "valid_from") == [
        vietnamese(
            "“%(value)s”: month %(month)s/%(year)s has days 01 to %(days)s. Write the date as dd/mm/yyyy, e.g. "
            "09/01/2026."
        )
        % {"value": "31/02/2025", "month": "02", "year": 2025, "days": 28}
    ]


def test_a_leader_can_edit_a_village_of_the_commune(commune_leader):
    village = Unit.objects.get(name="Thôn Bến Đò")

    response = client_for(commune_leader).post(
        f"/staff/units/{village.pk}/edit/", unit_form(village, name="Thôn Bến Đò Mới", is_remote="on")
    )

    assert response.status_code == 302
    village.refresh_from_db()
    assert (village.name, village.is_remote) == ("Thôn Bến Đò Mới", True)
    assert village.path == "25.08848.thon-ben-do"  # no code: the path stays


# --- Merging ----------------------------------------------------------------------------------------------------


def merge_form(into: Unit, **changes) -> dict:
    return {
        "into": into.pk,
        "effective": "01/01/2027",
        "legal_basis": "Nghị quyết thử nghiệm",
        "carry_children": "on",
        "confirm": "on",
        **changes,
    }


def test_the_merge_page_offers_only_units_of_the_same_level(sysadmin, other_commune, home_commune):
    page = client_for(sysadmin).get(f"/staff/units/{other_commune.pk}/merge/")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{home_commune.pk}"' in html
    assert f'value="{other_commune.pk}"' not in html  # not into itself
    assert 'value="{}"'.format(Unit.objects.get(path="25").pk) not in html  # not into the province


def test_a_merge_without_the_confirmation_changes_nothing_and_says_why(sysadmin, other_commune, home_commune):
    response = client_for(sysadmin).post(
        f"/staff/units/{other_commune.pk}/merge/", merge_form(home_commune, confirm="")
    )

    assert response.status_code == 200
    assert field_errors(response, "confirm") == [vietnamese("Tick the box to confirm the merger.")]
    assert Unit.objects.get(pk=other_commune.pk).valid_to is None


def test_a_merge_on_the_page_ends_the_unit_and_leads_to_the_unit_it_joined(
    sysadmin, other_commune, home_commune
):
    response = client_for(sysadmin).post(f"/staff/units/{other_commune.pk}/merge/", merge_form(home_commune))

    assert response.status_code == 302
    assert response["Location"] == f"/staff/units/{home_commune.pk}/"
    assert str(Unit.objects.get(pk=other_commune.pk).valid_to) == "2026-12-31"
    event = Event.objects.get(action="units.unit_merge", object_id=str(home_commune.pk))
    assert event.actor == sysadmin and event.details["effective"] == "2027-01-01"


def test_only_unit_editors_may_merge_and_only_in_their_area(desk_officer, other_commune_leader, home_commune):
    assert client_for(desk_officer).get(f"/staff/units/{home_commune.pk}/merge/").status_code == 403
    assert client_for(other_commune_leader).get(f"/staff/units/{home_commune.pk}/merge/").status_code in (
        403,
        404,
    )
