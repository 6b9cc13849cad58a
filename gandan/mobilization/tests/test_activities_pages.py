"""The activities' staff pages: the list kept to the officer's commune with its filters and search without
diacritics, the one form that records any kind (errors in Vietnamese next to the fields, nothing saved), the page
of an activity and its correction, the Excel export (a mediation case without its content), and the opinion board's
link back to a team's note for those who may open it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gandan.mobilization.models import Activity
from gandan.mobilization.module import signal_source_links
from gandan.mobilization.selectors.activities import ActivityFilter, activity_list
from gandan.mobilization.services.activities import NOTE_SOURCE
from gandan.mobilization.tests.support_activities import (
    campaign,
    days_ago,
    mediation,
    meeting,
    note,
    officer,
    other_officer,
    other_team,
    teams,
)
from gandan.opinion.models import Signal
from gandan.opinion.tests.factories import make_issue
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
__all__ = ["officer", "other_officer", "other_team", "teams"]  # fixtures

PRIVATE_NAME = "Đỗ Thị Nhung"


def html(response) -> str:
    return response.content.decode()


def day(value) -> str:
    return value.strftime("%d/%m/%Y")


@pytest.fixture
def season(officer, teams):
    """One activity of each kind in xã Sông Lô."""
    return {
        "meeting": meeting(officer, teams[0]),
        "campaign": campaign(officer, [teams[1].village, teams[2].village], title="Phân loại rác tại nguồn"),
        "mediation": mediation(officer, teams[1], content=f"Bà {PRIVATE_NAME} xây tường lấn lối đi chung."),
        "note": note(officer, teams[2]),
    }


# --- The list -----------------------------------------------------------------------------------------------------


def test_the_list_shows_the_communes_activities_and_a_mediation_without_its_content(officer, season):
    page = html(client_for(officer).get(reverse("mobilization:activities")))
    assert "Phân loại rác tại nguồn" in page and "Tranh chấp lối đi chung" in page
    assert PRIVATE_NAME not in page
    assert reverse("mobilization:activity", args=[season["note"].pk]) in page


def test_another_communes_officer_sees_none_and_gets_404(other_officer, season):
    client = client_for(other_officer)
    page = html(client.get(reverse("mobilization:activities")))
    assert "Phân loại rác tại nguồn" not in page
    for activity in season.values():
        assert client.get(reverse("mobilization:activity", args=[activity.pk])).status_code == 404
        assert client.get(reverse("mobilization:activity_edit", args=[activity.pk])).status_code == 404


def test_search_needs_no_diacritics_and_a_mediation_is_not_found_by_a_name_in_it(officer, season):
    def found(q: str) -> set[int]:
        return set(activity_list(officer, ActivityFilter(q=q)).values_list("pk", flat=True))

    assert season["campaign"].pk in found("phan loai rac")
    assert season["note"].pk in found("TAU HUT CAT")
    assert season["mediation"].pk in found("loi di chung")
    assert season["mediation"].pk not in found("do thi nhung")
    page = html(client_for(officer).get(reverse("mobilization:activities"), {"q": "phan loai rac"}))
    assert "Phân loại rác tại nguồn" in page and "Tranh chấp lối đi chung" not in page


def test_the_filters_by_kind_team_village_and_dates(officer, teams, season):
    def listed(**filters) -> set[int]:
        return set(activity_list(officer, ActivityFilter(**filters)).values_list("pk", flat=True))

    mine = {a.pk for a in season.values()}
    assert listed(kind="campaign") & mine == {season["campaign"].pk}
    assert listed(team=teams[1]) & mine == {season["mediation"].pk}
    # A village: its team's activities and the campaigns naming it.
    assert listed(village=teams[2].village) & mine == {season["campaign"].pk, season["note"].pk}
    assert listed(date_from=days_ago(4), date_to=days_ago(0)) & mine == {
        season["meeting"].pk,
        season["note"].pk,
    }
    response = client_for(officer).get(
        reverse("mobilization:activities"), {"kind": "mediation", "date_from": day(days_ago(30))}
    )
    assert "Tranh chấp lối đi chung" in html(response) and "Phân loại rác" not in html(response)


def test_the_list_counts_every_kind_and_says_what_to_do_when_empty(officer, other_officer, season):
    page = html(client_for(officer).get(reverse("mobilization:activities"), {"kind": "note"}))
    assert "kind=campaign" in page and 'aria-current="page"' in page
    empty = html(client_for(other_officer).get(reverse("mobilization:activities"), {"q": "qxzv khong thay"}))
    assert "hoa giai" in empty  # the empty state's advice: search without diacritics


def test_a_wrong_filter_shows_the_list_unfiltered_with_the_error(officer, season):
    response = client_for(officer).get(reverse("mobilization:activities"), {"date_from": "31/02/2026"})
    page = html(response)
    assert response.status_code == 200 and 'class="error"' in page
    assert "Phân loại rác tại nguồn" in page and "Tranh chấp lối đi chung" in page


def test_the_list_needs_login_and_the_role(client, desk_officer):
    assert client.get(reverse("mobilization:activities")).status_code == 302
    assert client_for(desk_officer).get(reverse("mobilization:activities")).status_code == 403
    assert client_for(desk_officer).get(reverse("mobilization:activity_new")).status_code == 403


# --- Recording, reading, correcting -------------------------------------------------------------------------------


def test_the_form_shows_every_problem_in_vietnamese_and_saves_nothing(officer):
    before = Activity.objects.count()
    response = client_for(officer).post(
        reverse("mobilization:activity_new"), {"kind": "meeting", "held_on": day(days_ago(0))}
    )
    assert response.status_code == 422
    page = html(response)
    assert "Chọn tổ dân vận" in page and "biên bản" in page and "số người dự" in page
    assert Activity.objects.count() == before


def test_a_year_typed_as_0001_or_9999_is_refused_on_the_form(officer, teams):
    client = client_for(officer)
    for typed in ("01/01/0001", "01/01/9999", "01/01/1999"):
        response = client.post(
            reverse("mobilization:activity_new"),
            {"kind": "note", "held_on": typed, "team": teams[0].pk, "content": "Bà con hỏi về giá phân bón."},
        )
        assert response.status_code == 422, typed
    assert not Activity.objects.filter(team=teams[0], content="Bà con hỏi về giá phân bón.").exists()


def test_recording_a_campaign_from_the_form(officer, teams):
    client = client_for(officer)
    response = client.post(
        reverse("mobilization:activity_new"),
        {
            "kind": "campaign",
            "held_on": day(days_ago(2)),
            "title": "Hiến đất làm đường liên thôn",
            "villages": [teams[0].village.pk, teams[1].village.pk],
            "people_reached": "350",
            "attendees": "12",  # typed before the kind changed: not a campaign's
            "outcome": "18 hộ hiến đất.",
        },
    )
    created = Activity.objects.get(title="Hiến đất làm đường liên thôn")
    assert response.status_code == 302 and response["Location"] == reverse(
        "mobilization:activity", args=[created.pk]
    )
    assert created.people_reached == 350 and created.attendees is None
    assert set(created.villages.all()) == {teams[0].village, teams[1].village}
    page = html(client.get(response["Location"]))
    assert "Hiến đất làm đường liên thôn" in page and "350" in page


def test_the_detail_shows_a_mediation_case_with_a_warning(officer, season):
    page = html(client_for(officer).get(reverse("mobilization:activity", args=[season["mediation"].pk])))
    assert PRIVATE_NAME in page and "msg-warning" in page


def test_correcting_an_activity_from_the_form(officer, teams, season):
    client = client_for(officer)
    url = reverse("mobilization:activity_edit", args=[season["meeting"].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "held_on": day(days_ago(6)),
            "team": teams[0].pk,
            "content": "Biên bản đã sửa: thống nhất lịch ra quân vệ sinh.",
            "attendees": "11",
            "kind": "campaign",  # the kind cannot change
        },
    )
    assert response.status_code == 302
    season["meeting"].refresh_from_db()
    assert season["meeting"].kind == "meeting" and season["meeting"].attendees == 11
    refused = client.post(
        url, {"held_on": day(days_ago(6)), "team": teams[0].pk, "content": "", "attendees": ""}
    )
    assert refused.status_code == 422
    season["meeting"].refresh_from_db()
    assert season["meeting"].attendees == 11


# --- The export ---------------------------------------------------------------------------------------------------


def test_the_export_has_the_filtered_rows_and_no_mediation_content(officer, season):
    response = client_for(officer).get(
        reverse("mobilization:activities_export"), {"date_from": day(days_ago(30))}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    text = "\n".join(cells)
    assert "DANH SÁCH HOẠT ĐỘNG CÔNG TÁC DÂN VẬN" in text
    assert (
        "Phân loại rác tại nguồn" in text and "Tranh chấp lối đi chung" in text and "Hòa giải thành" in text
    )
    assert PRIVATE_NAME not in text
    assert f"Từ ngày {day(days_ago(30))}" in text


def test_the_export_refuses_a_wrong_filter(officer):
    response = client_for(officer).get(reverse("mobilization:activities_export"), {"date_from": "99/99/2026"})
    assert response.status_code == 400


# --- The opinion board ---------------------------------------------------------------------------------------------


def test_the_opinion_board_links_a_note_back_for_who_may_open_it(
    officer, commune_leader, desk_officer, season
):
    heard = season["note"]
    signal = Signal.objects.get(source_kind=NOTE_SOURCE, source_id=str(heard.pk))
    issue = make_issue(officer.unit, "Sạt lở bờ sông do hút cát", [])
    Signal.objects.filter(pk=signal.pk).update(issue=issue, processed=True)
    page = html(client_for(commune_leader).get(reverse("opinion:issue", args=[issue.pk])))
    link = reverse("mobilization:activity", args=[heard.pk])
    assert f'href="{link}"' in page
    assert "tổ dân vận" in page  # the source in words
    assert signal_source_links(desk_officer, NOTE_SOURCE, [str(heard.pk)]) == {}
    assert signal_source_links(commune_leader, NOTE_SOURCE, [str(heard.pk), "x", "99999999999"]) == {
        str(heard.pk): link
    }
    assert signal_source_links(commune_leader, "petition", [str(heard.pk)]) == {}


def test_the_board_gives_no_link_to_an_officer_outside_the_commune(other_officer, season):
    assert signal_source_links(other_officer, NOTE_SOURCE, [str(season["note"].pk)]) == {}


def test_sorting_by_people_puts_activities_without_a_figure_last(officer, season):
    ours = {a.pk for a in season.values()}
    rows = [a.pk for a in activity_list(officer, ActivityFilter(order="-people")) if a.pk in ours]
    assert rows[:2] == [season["campaign"].pk, season["meeting"].pk]
    assert set(rows[2:]) == {season["note"].pk, season["mediation"].pk}
