"""Recording and correcting the mobilisation activities: what each kind needs (every problem at once, in Vietnamese,
nothing saved), dates that cannot be, teams and villages of another commune, the note that becomes an opinion
signal in its team's village (and follows the note when it is corrected), and the report's counts."""

import datetime as dt
import unicodedata

import pytest
from django.utils import translation

from gandan.audit.models import Event
from gandan.errors import DomainError, NotAllowed
from gandan.mobilization.models import Activity
from gandan.mobilization.selectors.activities import activity_counts
from gandan.mobilization.services.activities import NOTE_SOURCE, activity_record, activity_update
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
    villages_of,
)
from gandan.opinion.models import Signal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]
__all__ = ["officer", "other_officer", "other_team", "teams"]  # fixtures


def refused(call) -> dict[str, list[str]]:
    """The fields a service refused, with their messages in Vietnamese; asserts nothing was saved."""
    before = (Activity.objects.count(), Event.objects.count(), Signal.objects.count())
    with translation.override("vi"), pytest.raises(DomainError) as caught:
        call()
    assert (Activity.objects.count(), Event.objects.count(), Signal.objects.count()) == before
    return caught.value.errors


def test_a_meeting_needs_its_team_minutes_and_attendance_all_said_at_once(officer):
    errors = refused(
        lambda: activity_record(commune=officer.unit, kind="meeting", held_on=days_ago(1), by=officer)
    )
    assert set(errors) == {"team", "content", "attendees"}
    assert "biên bản" in errors["content"][0].lower()


def test_a_campaign_needs_its_topic_villages_and_people_reached(officer, teams):
    errors = refused(
        lambda: activity_record(
            commune=officer.unit, kind="campaign", held_on=days_ago(1), team=teams[0], by=officer
        )
    )
    assert set(errors) == {"title", "villages", "people_reached"}


def test_a_mediation_needs_a_team_or_village_a_title_the_case_and_a_result(officer):
    errors = refused(
        lambda: activity_record(commune=officer.unit, kind="mediation", held_on=days_ago(1), by=officer)
    )
    assert set(errors) == {"team", "title", "content", "mediation_result"}


def test_a_mediation_may_name_only_its_village(officer, home_commune):
    village = villages_of(home_commune)[4]
    case = mediation(officer, None, villages=[village])
    assert case.team is None and list(case.villages.all()) == [village]
    assert case.unit_path == home_commune.path


def test_a_note_needs_its_team_and_what_people_say(officer):
    errors = refused(
        lambda: activity_record(commune=officer.unit, kind="note", held_on=days_ago(1), by=officer)
    )
    assert set(errors) == {"team", "content"}


def test_an_unknown_kind_is_refused(officer, teams):
    assert set(refused(lambda: meeting(officer, teams[0], kind="party"))) == {"kind"}


@pytest.mark.parametrize(
    "held_on, words",
    [
        (dt.date(1, 1, 1), "01/01/2000"),  # someone typed the year as 0001
        (dt.date(1999, 12, 31), "01/01/2000"),
        (dt.date(9999, 1, 1), "sau hôm nay"),
        (None, "dd/mm/yyyy"),
    ],
)
def test_a_date_before_2000_or_after_today_is_refused(officer, teams, held_on, words):
    errors = refused(lambda: meeting(officer, teams[0], held_on=held_on))
    assert list(errors) == ["held_on"]
    assert words in errors["held_on"][0]


def test_tomorrow_is_refused_and_today_is_fine(officer, teams):
    assert "held_on" in refused(lambda: meeting(officer, teams[0], held_on=days_ago(-1)))
    assert meeting(officer, teams[0], held_on=days_ago(0)).pk


def test_a_team_or_village_of_another_commune_is_refused(officer, other_team, other_commune):
    errors = refused(lambda: note(officer, other_team))
    assert "team" in errors and "Sông Lô" in errors["team"][0]
    errors = refused(lambda: campaign(officer, villages_of(other_commune)[:2]))
    assert list(errors) == ["villages"]


def test_only_the_officers_own_commune_and_role(officer, other_officer, desk_officer, teams):
    with pytest.raises(NotAllowed):
        meeting(desk_officer, teams[0], commune=officer.unit)
    with pytest.raises(DomainError) as caught:
        meeting(other_officer, teams[0], commune=officer.unit)
    assert caught.value.code == "unit_out_of_scope"
    assert not Activity.objects.filter(team=teams[0]).exists()


def test_texts_are_bounded(officer, teams):
    errors = refused(lambda: campaign(officer, [teams[0].village], title="Đ" * 301, outcome="x" * 5001))
    assert set(errors) == {"title", "outcome"}


def test_numbers_are_bounded(officer, teams):
    assert set(refused(lambda: meeting(officer, teams[0], attendees=0))) == {"attendees"}
    assert set(refused(lambda: campaign(officer, [teams[0].village], people_reached=10**9))) == {
        "people_reached"
    }


def test_a_dissolved_teams_later_activity_is_refused(officer, teams):
    team = teams[0]
    team.dissolved_on = days_ago(20)
    team.save(update_fields=["dissolved_on"])
    assert "team" in refused(lambda: meeting(officer, team, held_on=days_ago(2)))
    assert meeting(officer, team, held_on=days_ago(25)).pk


def test_a_meeting_is_saved_with_its_team_village_a_title_and_an_audit_event(officer, teams):
    decomposed = unicodedata.normalize("NFD", "Quán triệt nghị quyết; bà con đồng tình.")
    held = meeting(officer, teams[0], content=decomposed, people_reached=300, mediation_result="success")

    held.refresh_from_db()
    assert held.content == unicodedata.normalize("NFC", decomposed)
    assert held.title.startswith("Sinh hoạt định kỳ tổ dân vận tháng")
    assert held.unit_path == teams[0].village.path
    assert list(held.villages.all()) == [teams[0].village]
    # What a meeting does not have is not kept, whatever the form sent.
    assert held.people_reached is None and held.mediation_result == ""
    event = Event.objects.get(action="mobilization.activity_record", object_id=str(held.pk))
    assert event.details["kind"] == "meeting" and "content" not in event.details


def test_a_note_is_an_opinion_signal_placed_in_the_teams_village(officer, teams):
    heard = note(officer, teams[0])
    signal = Signal.objects.get(source_kind=NOTE_SOURCE, source_id=str(heard.pk))
    assert signal.unit == teams[0].village
    assert signal.commune_path == officer.unit.path
    assert "tàu hút cát" in signal.text
    assert signal.at.date() <= heard.held_on + dt.timedelta(days=1)
    assert heard.title.startswith("Bà con phản ánh tàu hút cát")


def test_correcting_a_note_updates_its_signal_and_never_adds_one(officer, teams):
    heard = note(officer, teams[0])
    activity_update(
        activity=heard,
        held_on=heard.held_on,
        team=teams[1],
        content="Bà con thôn bên cạnh cũng lo sạt lở bờ sông.",
        by=officer,
    )
    signals = Signal.objects.filter(source_kind=NOTE_SOURCE, source_id=str(heard.pk))
    assert signals.count() == 1
    assert signals[0].unit == teams[1].village and "thôn bên cạnh" in signals[0].text
    event = Event.objects.get(action="mobilization.activity_update", object_id=str(heard.pk))
    assert set(event.details["fields"]) >= {"team", "content"}


def test_a_mediation_case_is_no_signal(officer, teams):
    case = mediation(officer, teams[0])
    assert not Signal.objects.filter(source_id=str(case.pk), source_kind__startswith="mobilization").exists()


def test_a_correction_follows_the_same_rules_and_saves_nothing_when_refused(officer, teams):
    done = campaign(officer, [teams[0].village])
    errors = refused(
        lambda: activity_update(
            activity=done, held_on=days_ago(-3), title="", people_reached=None, by=officer
        )
    )
    assert set(errors) == {"held_on", "title", "villages", "people_reached"}
    done.refresh_from_db()
    assert done.title == "Vận động phân loại rác thải tại nguồn" and done.people_reached == 420


def test_the_counts_the_report_uses(officer, teams, home_commune):
    from gandan.accounts.scope import subtree_paths

    paths = subtree_paths(home_commune.path)
    start, end = days_ago(30), days_ago(0)
    before = activity_counts(paths, start, end)
    meeting(officer, teams[0], attendees=9)
    meeting(officer, teams[1], attendees=7)
    campaign(officer, [t.village for t in teams], people_reached=420)
    campaign(officer, [teams[0].village], people_reached=80)
    campaign(officer, [teams[0].village], people_reached=999, held_on=days_ago(60))  # before the period
    mediation(officer, teams[0], mediation_result="success")
    mediation(officer, teams[1], mediation_result="failed")
    note(officer, teams[2])

    after = activity_counts(paths, start, end)
    assert after.meetings - before.meetings == 2
    assert after.attendees - before.attendees == 16
    assert after.campaigns - before.campaigns == 2
    assert after.people_reached - before.people_reached == 500
    assert (
        after.mediations - before.mediations,
        after.mediation_reconciled - before.mediation_reconciled,
    ) == (2, 1)
    assert after.notes - before.notes == 1
    assert activity_counts([p for p in paths if p != teams[0].village.path], start, end).meetings == (
        after.meetings - 1
    )
