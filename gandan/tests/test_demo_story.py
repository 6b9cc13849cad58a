"""The demo tells a year that makes sense: every state is there, and nothing a newcomer would find absurd (a result
returned with no return date, a rating of a dossier never returned, a result waiting for weeks, a reception day in
the past neither held nor called off). These run on the demo every test session loads (`conftest.py`, size
"small", which keeps every state)."""

import datetime as dt

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from gandan.demo import demo_users
from gandan.dossiers.models import Apology, Dossier, HandOff, Rating, Status, Step
from gandan.petitions.models import Kind, Petition
from gandan.petitions.models import Status as PStatus
from gandan.portal.widgets import staff_home_widgets
from gandan.reception.models import ReceptionDay, ReceptionRecord
from gandan.workcalendar.selectors import work_calendar

pytestmark = pytest.mark.django_db

RESULT_WAITS_AT_MOST = 10  # days a finished result may wait for its citizen


_DEMO_DAY: list[dt.date] = []


@pytest.fixture(autouse=True)
def _the_demo_s_day(demo_loaded_at):
    """The demo's year is told up to the day it was loaded: that day is "today" for these tests, not the clock's (a
    run crossing midnight after the demo loaded would find that day's reception, not yet held, in the past)."""
    _DEMO_DAY[:] = [timezone.localdate(demo_loaded_at)]


def _today() -> dt.date:
    return _DEMO_DAY[0]


# --- Dossiers ---------------------------------------------------------------------------------------------------


def test_every_state_of_a_dossier_is_in_the_demo():
    present = set(Dossier.objects.values_list("status", flat=True))

    assert present == set(Status.values), {Status(s).label for s in set(Status.values) - present}


def test_the_demo_dossiers_spread_over_twelve_months():
    months = {(d.year, d.month) for d in Dossier.objects.dates("submitted_at", "month")}

    assert len(months) >= 12


def test_no_returned_dossier_lacks_its_return_and_nothing_else_has_one():
    assert not Dossier.objects.filter(status=Status.RETURNED, returned_at__isnull=True).exists()
    assert not Dossier.objects.exclude(status=Status.RETURNED).filter(returned_at__isnull=False).exists()
    returned = Dossier.objects.filter(status=Status.RETURNED)
    assert returned.filter(steps__action="return_result").distinct().count() == returned.count()


def test_ratings_only_on_returned_dossiers_mostly_good_some_poor_with_words():
    ratings = Rating.objects.select_related("dossier")

    assert ratings.exists()
    assert all(r.dossier.status == Status.RETURNED and r.at >= r.dossier.returned_at for r in ratings)
    poor = ratings.filter(overall__lte=2)
    assert 0 < poor.count() < ratings.count() / 2
    assert all(r.comment for r in poor)


def test_a_result_waits_for_its_citizen_only_a_few_days_and_never_past_its_appointment():
    waiting = Dossier.objects.filter(status=Status.PROCESSED)
    today = _today()

    assert waiting.exists()
    for dossier in waiting:
        assert (today - timezone.localdate(dossier.finished_at)).days <= RESULT_WAITS_AT_MOST, dossier.code
        assert dossier.current_appointment >= today, dossier.code


def test_finished_dossiers_are_closed_and_open_ones_unfinished():
    ended = [Status.PROCESSED, Status.RETURNED, Status.REFUSED, Status.WITHDRAWN, Status.STOPPED]

    assert not Dossier.objects.filter(status__in=ended, finished_at__isnull=True).exists()
    assert not Dossier.objects.exclude(status__in=ended).filter(finished_at__isnull=False).exists()


def test_appointments_fall_on_working_days_and_every_timeline_ends_in_the_dossiers_state():
    calendar = work_calendar()
    for dossier in Dossier.objects.filter(appointment__isnull=False):
        assert calendar.is_working_day(dossier.appointment), dossier.code
        assert calendar.is_working_day(dossier.current_appointment), dossier.code
    for dossier in Dossier.objects.prefetch_related("steps"):
        moves = [s for s in dossier.steps.all() if s.action != "rate"]
        assert [s.at for s in moves] == sorted(s.at for s in moves), dossier.code
        assert moves[-1].to_status == dossier.status, dossier.code


def test_dossiers_in_hand_were_handed_over_to_their_handler():
    held = Dossier.objects.filter(handler__isnull=False)
    handed = HandOff.objects.filter(dossier=F("dossier"), to_user=F("dossier__handler")).values("dossier")

    assert held.exists()
    assert held.exclude(pk__in=handed).count() == 0
    assert HandOff.objects.filter(to_user__username__startswith="chutich.").exists()  # signed by the chairman


def test_late_results_came_with_a_form_04_apology_and_a_new_appointment():
    apologised = Dossier.objects.filter(apologies__isnull=False).distinct()

    assert apologised.filter(status=Status.RETURNED).exists()
    for apology in Apology.objects.select_related("dossier"):
        assert apology.new_appointment > apology.previous_appointment
        assert timezone.localdate(apology.at) > apology.previous_appointment  # only once it was late
    # A result finished after its appointment (papers awaited aside) always came with the apology.
    for dossier in Dossier.objects.filter(status=Status.RETURNED, supplement_count=0).prefetch_related(
        "apologies"
    ):
        if timezone.localdate(dossier.finished_at) > dossier.appointment:
            assert dossier.apologies.all(), dossier.code


def test_the_procedures_a_commune_does_most_dominate():
    top = (
        Dossier.objects.values("procedure__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("procedure__code", flat=True)[:4]
    )
    common = {"2.000815", "1.001193", "2.000884", "1.010041", "1.000656", "1.000894"}

    assert len(set(top) & common) >= 3, list(top)


def test_each_step_is_in_the_audit_trail():
    from gandan.audit.models import Event

    steps = Step.objects.exclude(action="rate").count()
    events = Event.objects.filter(action__startswith="dossiers.").exclude(action="dossiers.rate").count()

    assert events >= steps


# --- Petitions --------------------------------------------------------------------------------------------------


def test_every_kind_and_way_of_a_petition_is_in_the_demo():
    kinds = set(Petition.objects.values_list("kind", flat=True))
    statuses = set(Petition.objects.values_list("status", flat=True))

    assert {Kind.COMPLAINT, Kind.DENUNCIATION, Kind.RECOMMENDATION, Kind.REFLECTION} <= kinds
    assert {
        PStatus.RECEIVED,
        PStatus.ACCEPTED,
        PStatus.RESOLVED,
        PStatus.NOT_ACCEPTED,
        PStatus.GUIDED,
        PStatus.FORWARDED,
        PStatus.FILED,
        PStatus.WITHDRAWN,
    } <= statuses
    accepted = Petition.objects.filter(status=PStatus.ACCEPTED)
    assert accepted.filter(assignee__isnull=True).exists()  # waiting for the chairman
    assert accepted.filter(assignee__isnull=False).exists()  # with a handler
    assert accepted.filter(statutory_due__lt=_today()).exists()  # overdue


def test_denunciations_keep_their_authors_identity_apart():
    for petition in Petition.objects.filter(kind=Kind.DENUNCIATION):
        assert petition.protected and not petition.petitioners.exists()
        assert petition.identity.persons


def test_resolved_petitions_have_a_result_and_open_ones_a_statutory_deadline():
    resolved = Petition.objects.filter(status=PStatus.RESOLVED)

    assert resolved.exists()
    assert not resolved.filter(Q(resolution="") | Q(resolved_on__isnull=True)).exists()
    assert not Petition.objects.filter(
        status__in=[PStatus.RECEIVED, PStatus.ACCEPTED], statutory_due=None
    ).exists()
    # Overdue is the exception, not the rule.
    open_ones = Petition.objects.filter(status=PStatus.ACCEPTED)
    assert open_ones.filter(statutory_due__lt=_today()).count() <= open_ones.count() / 2 + 4
    assert not resolved.filter(resolved_on__gt=F("statutory_due")).exists()


# --- Reception --------------------------------------------------------------------------------------------------


def test_every_past_reception_day_was_held_or_called_off_with_its_reason():
    past = ReceptionDay.objects.filter(day__lt=_today())

    assert past.filter(held=True).exists()
    assert past.exclude(cancelled_reason="").exists()
    assert not past.filter(held=False, cancelled_reason="").exists()
    assert ReceptionDay.objects.filter(day__gt=_today(), held=False, cancelled_reason="").exists()  # to come


def test_reception_books_fill_only_held_days_and_recorded_statements_became_petitions():
    records = ReceptionRecord.objects.select_related("reception_day", "petition")

    assert records.exists()
    assert all(r.reception_day is None or r.reception_day.held for r in records)
    recorded = records.filter(outcome=ReceptionRecord.Outcome.RECORDED)
    assert recorded.exists()
    assert all(r.petition is not None and r.petition.channel == "reception" for r in recorded)
    assert (
        not records.exclude(outcome=ReceptionRecord.Outcome.RECORDED).filter(petition__isnull=False).exists()
    )


# --- People -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", [u.username for u in demo_users()])
def test_each_demo_user_finds_work_on_his_home(username):
    from gandan.accounts.models import User

    user = User.objects.select_related("unit").get(username=username)
    counts = [w["value"] for w in staff_home_widgets(user) if isinstance(w.get("value"), int)]

    assert sum(counts) > 0, (username, staff_home_widgets(user))


def test_a_newcomers_inbox_shows_only_recent_work(demo_loaded_at):
    """The trial's desk officer had 227 unread items, most about dossiers returned months ago."""
    from gandan.demo import INBOX_RECENT_DAYS
    from gandan.notify.models import InboxItem

    old = demo_loaded_at - dt.timedelta(days=INBOX_RECENT_DAYS)
    assert InboxItem.objects.exists()
    assert not InboxItem.objects.filter(read_at__isnull=True, created_at__lt=old).exists()
    returned = Dossier.objects.filter(status=Status.RETURNED).values_list("pk", flat=True)
    stale = InboxItem.objects.filter(
        read_at__isnull=True,
        kind="result_ready",
        object_type="dossiers.dossier",
        object_id__in=[str(pk) for pk in returned],
    )
    assert not stale.exists()
