"""The dashboard's stored figures equal those counted by hand on a commune of the test's own (no demo record), over
March and April 2026: dossiers with chosen receipt and completion times, petitions with chosen outcomes, reception
days held or not. Then the pages: scope, sorting, drill-down, charts with their tables, the Excel export."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from gandan.accounts.rules import Role
from gandan.dashboard import hooks
from gandan.dashboard.models import MonthlyFigure
from gandan.dashboard.services import figures_refresh
from gandan.dossiers import services as dossiers
from gandan.dossiers.models import Dossier, Rating
from gandan.dossiers.tests.factories import local, make_commune, make_procedure, make_staff, received
from gandan.petitions.models import Clock, Petition
from gandan.petitions.services import petition_receive
from gandan.reception.dashboard_figures import required_days
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

NOW = local(2026, 4, 15, 10)  # "today" of every test: April is the running month
MARCH, APRIL = dt.date(2026, 3, 1), dt.date(2026, 4, 1)


def _petition(unit, desk, at: dt.datetime) -> Petition:
    with time_machine.travel(at, tick=False):
        return petition_receive(
            unit=unit,
            channel="direct",
            parts=[
                {"kind": "recommendation", "subject": "Đường thôn xuống cấp", "content": "Đề nghị sửa đường."}
            ],
            persons=[{"name": "Trần Văn Nam", "address": "Thôn Một", "phone": "0912000111"}],
            by=desk,
        )[0]


@pytest.fixture
def commune(db):
    """Xã Thử Nghiệm, its desk, handler and leaders, and its March and April 2026."""
    unit = make_commune()
    desk = make_staff(unit, "motcua.thunghiem", Role.DESK_OFFICER)
    handler = make_staff(unit, "xuly.thunghiem", Role.CASE_HANDLER)
    chairman = make_staff(unit, "chutich.thunghiem", Role.UNIT_LEADER)
    secretary = make_staff(unit, "bithu.thunghiem", Role.PARTY_SECRETARY)
    procedure = make_procedure(days=3)

    def dossier(at, finished=None):
        with time_machine.travel(at, tick=False):
            d = received(procedure, unit, desk)
            d = dossiers.dossier_transfer(dossier=d, by=desk, to_user=handler)
        if finished is not None:
            with time_machine.travel(finished, tick=False):
                if finished > d.stat_due_at:
                    dossiers.dossier_apologize(
                        dossier=d, by=handler, reason="Chậm", new_appointment=finished.date()
                    )
                dossiers.dossier_complete(dossier=d, by=handler)
        return d

    on_time = dossier(local(2026, 3, 2, 9), finished=local(2026, 3, 3, 10))  # on time, finished in March
    dossier(local(2026, 3, 2, 9), finished=local(2026, 3, 20, 10))  # late, finished in March
    dossier(local(2026, 3, 25, 9))  # open: late at March's end, and still late in April
    dossier(local(2026, 4, 13, 9))  # open, not yet due: on time in April
    Rating.objects.create(
        dossier=on_time, at=local(2026, 3, 4, 9), answers={}, overall=1, unit_path=unit.path
    )

    resolved = _petition(unit, desk, local(2026, 3, 3, 9))
    resolved_late = _petition(unit, desk, local(2026, 3, 5, 9))
    overdue = _petition(unit, desk, local(2026, 4, 1, 9))
    Petition.objects.filter(pk=resolved.pk).update(status="resolved", resolved_on=dt.date(2026, 3, 20))
    Petition.objects.filter(pk=resolved_late.pk).update(status="resolved", resolved_on=dt.date(2026, 3, 25))
    Clock.objects.filter(petition__in=[resolved, resolved_late]).update(stopped_on=dt.date(2026, 3, 20))
    Clock.objects.filter(petition=resolved_late).update(late=True)
    Clock.objects.filter(petition=overdue).update(started_on=dt.date(2026, 4, 1), due=dt.date(2026, 4, 10))

    def day(leader, kind, on, **flags):
        ReceptionDay.objects.create(
            unit=unit, unit_path=unit.path, leader=leader, leader_kind=kind, day=on, place="UBND xã", **flags
        )

    for on in (dt.date(2026, 3, 5), dt.date(2026, 3, 12), dt.date(2026, 3, 19)):
        day(chairman, LeaderKind.COMMUNE_CHAIRMAN, on, held=True)
    day(chairman, LeaderKind.COMMUNE_CHAIRMAN, dt.date(2026, 3, 26), cancelled_reason="Họp đột xuất")
    day(chairman, LeaderKind.COMMUNE_CHAIRMAN, dt.date(2026, 3, 27), held=True, ad_hoc=True)
    day(secretary, LeaderKind.COMMUNE_PARTY_SECRETARY, dt.date(2026, 3, 10), held=True)
    return unit


def _stored(unit, month) -> dict[str, tuple[int, int]]:
    return {
        key: (n, d)
        for key, n, d in MonthlyFigure.objects.filter(commune_path=unit.path, month=month).values_list(
            "key", "numerator", "denominator"
        )
    }


def test_the_stored_figures_are_those_counted_by_hand(commune):
    with time_machine.travel(NOW, tick=False):
        figures_refresh(months=2, paths=[commune.path])
    march, april = _stored(commune, MARCH), _stored(commune, APRIL)
    # March: three dossiers received and handled, one on time; one dissatisfied rating: 5.4 = 100 − 66.7 − 33.3.
    assert march["dossiers.received"] == (3, 0)
    assert march["dossiers.on_time"] == (1, 3)
    assert march["dossiers.late"] == (2, 0)
    assert march["dossiers.satisfaction"] == (0, 3)
    # April: the one still open from March (late) and April's (on time); the finished ones are March's only.
    assert april["dossiers.received"] == (1, 0)
    assert april["dossiers.on_time"] == (1, 2)
    assert april["dossiers.late"] == (1, 0)
    assert april["dossiers.satisfaction"] == (1, 2)
    # Petitions: two received and resolved in March, one late; April's is past its deadline of 10/04.
    assert march["petitions.received"] == (2, 0)
    assert march["petitions.on_time"] == (1, 2)
    assert march["petitions.overdue"] == (0, 0)
    assert april["petitions.received"] == (1, 0)
    assert april["petitions.overdue"] == (1, 0)
    # Reception: 3 Thursdays held (the cancelled and the ad-hoc day do not count) + the secretary's one, against
    # March's five weeks (Mondays 2, 9, 16, 23, 30) and the secretary's two days.
    assert required_days(MARCH) == 7
    assert march["reception.days_held"] == (4, 7)
    indicators = {i.key: i for i in hooks.indicators()}
    assert hooks.value_of(indicators["dossiers.satisfaction"], -1, 3) == 0.0  # never below zero


def test_refreshing_twice_stores_the_same_figures_once(commune):
    with time_machine.travel(NOW, tick=False):
        first = figures_refresh(months=2, paths=[commune.path])
        before = _stored(commune, MARCH)
        second = figures_refresh(months=2, paths=[commune.path])
    assert first == second
    assert _stored(commune, MARCH) == before
    assert MonthlyFigure.objects.filter(commune_path=commune.path).count() == first


def test_a_former_communes_records_count_under_its_successor(commune, sysadmin):
    from gandan.units.models import UnitSuccession

    successor = make_commune(code="99902", name="Xã Kế Tục")
    UnitSuccession.objects.create(former=commune, successor=successor, confirmed=True, effective=APRIL)
    with time_machine.travel(NOW, tick=False):
        figures_refresh(months=2, paths=[successor.path])
    assert _stored(successor, MARCH)["dossiers.received"] == (3, 0)


# --- The pages ------------------------------------------------------------------------------------------------


@pytest.fixture
def refreshed(commune):
    # The test's commune over the whole year the pages show; the demo's communes keep the figures the demo stored
    # (recounting a year of the whole demo took ~20 s per test and showed nothing more).
    with time_machine.travel(NOW, tick=False):
        figures_refresh(months=12, paths=[commune.path])
    return commune


def _get(client, url, **params):
    with time_machine.travel(NOW, tick=True):
        return client.get(url, params)


def test_the_province_sees_every_commune_and_each_commune_page(refreshed, province_supervisor, home_commune):
    client = client_for(province_supervisor)
    page = _get(client, reverse("dashboard:home"), month="2026-03")
    assert page.status_code == 200
    names = [c.name for c in page.context["board"].communes]
    assert refreshed.name in names and home_commune.name in names
    assert "Số liệu cập nhật lúc" in page.content.decode()
    one = _get(client, reverse("dashboard:commune", args=[refreshed.pk]), month="2026-03")
    assert one.status_code == 200
    assert one.context["board"].totals["dossiers.on_time"].text == "33,3 %"


def test_another_communes_leader_gets_404_on_a_commune_page(refreshed, other_commune_leader, home_commune):
    client = client_for(other_commune_leader)
    assert _get(client, reverse("dashboard:commune", args=[home_commune.pk])).status_code == 404
    assert _get(client, reverse("dashboard:commune", args=[refreshed.pk])).status_code == 404
    own = _get(client, reverse("dashboard:home"))
    assert [c.name for c in own.context["board"].communes] == [other_commune_leader.unit.name]


def test_the_communes_sort_by_any_column(refreshed, province_supervisor):
    client = client_for(province_supervisor)
    board = _get(client, reverse("dashboard:home"), month="2026-03", sort="-dossiers.received").context[
        "board"
    ]
    values = [
        c.cells["dossiers.received"].numerator for c in board.communes if "dossiers.received" in c.cells
    ]
    assert values == sorted(values, reverse=True)
    board = _get(client, reverse("dashboard:home"), month="2026-03", sort="name").context["board"]
    assert [c.name for c in board.communes] == sorted(c.name for c in board.communes)


def test_a_figure_opens_the_records_it_counts(refreshed, province_supervisor):
    client = client_for(province_supervisor)
    board = _get(client, reverse("dashboard:home"), month="2026-03").context["board"]
    row = next(c for c in board.communes if c.path == refreshed.path)
    counted = (
        ("dossiers.received", 3),
        ("dossiers.late", 2),
        ("petitions.received", 2),
        ("petitions.on_time", 1),  # the one resolved on time, not both resolved
    )
    for key, expected in counted:
        listed = _get(client, row.cells[key].url)
        assert listed.status_code == 200
        assert listed.context["page_obj"].paginator.count == expected, key


def test_each_chart_is_an_image_with_its_table(refreshed, province_supervisor):
    page = _get(client_for(province_supervisor), reverse("dashboard:home"))
    html = page.content.decode()
    assert html.count('role="img"') == len(page.context["charts"]) > 0
    assert html.count("<caption>") >= len(page.context["charts"])
    assert "<script" not in html.split("<main", 1)[-1]
    # Each chart's twelve monthly figures are folded under it ("Số liệu từng tháng"), so that the board reads at a
    # glance instead of running to twelve table rows per chart.
    sections = html.split('<section class="card dashboard-chart">')[1:]
    assert len(sections) == len(page.context["charts"])
    for section in sections:
        folded = section.split('<details class="chart-figures">', 1)
        assert len(folded) == 2 and "<table" not in folded[0] and "<table" in folded[1]


def test_the_excel_export_reads_back_with_the_pages_figures(refreshed, province_supervisor):
    client = client_for(province_supervisor)
    board = _get(client, reverse("dashboard:home"), month="2026-03").context["board"]
    response = _get(client, reverse("dashboard:excel"), month="2026-03")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    heads = list(rows[1])
    found = next(r for r in rows if r[0] == refreshed.name)
    for indicator in board.indicators:
        cell = next(c for c in board.communes if c.path == refreshed.path).cells[indicator.key]
        shown = found[heads.index(str(indicator.label))]
        if indicator.unit == "percent":
            assert shown == (None if cell.value is None else round(cell.value, 1))
        elif indicator.unit == "ratio":
            assert shown == cell.text
        else:
            assert shown == cell.numerator
    months = [r[0] for r in list(book.worksheets[1].iter_rows(values_only=True))[1:]]
    assert len(months) == 12 and months[-1] == "04/2026"


def test_the_pdf_export_prints(refreshed, province_supervisor):
    response = _get(client_for(province_supervisor), reverse("dashboard:pdf"), month="2026-03")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_stale_page_asks_for_one_refresh(commune, commune_leader):
    """The pages read at NOW (`_get`); figures computed minutes before are fresh, an hour before stale."""
    from django_tasks_db.models import DBTaskResult

    asked = DBTaskResult.objects.filter(task_path__endswith="dashboard_refresh_task")
    client = client_for(commune_leader)
    MonthlyFigure.objects.update(computed_at=NOW - dt.timedelta(minutes=5))
    _get(client, reverse("dashboard:home"))
    assert asked.count() == 0
    MonthlyFigure.objects.update(computed_at=NOW - dt.timedelta(hours=1))
    _get(client, reverse("dashboard:home"))
    _get(client, reverse("dashboard:home"))
    assert asked.count() == 1
    assert Dossier.objects.exists()  # the page counted nothing itself


def test_the_public_page_shows_the_communes_rates_month_by_month(refreshed, client, settings):
    settings.GANDAN_PORTAL_UNIT = refreshed.code
    page = _get(client, reverse("dashboard_public:transparency"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "33,3 %" in html and 'role="img"' in html
    assert "Trần Văn Nam" not in html


def test_a_stale_public_page_asks_the_worker_too(refreshed, client, settings):
    """Citizens may read the transparency page while no officer opens the dashboard: old figures get recounted."""
    from django_tasks_db.models import DBTaskResult

    settings.GANDAN_PORTAL_UNIT = refreshed.code
    asked = DBTaskResult.objects.filter(task_path__endswith="dashboard_refresh_task")
    MonthlyFigure.objects.update(computed_at=NOW - dt.timedelta(minutes=5))
    _get(client, reverse("dashboard_public:transparency"))
    assert asked.count() == 0
    MonthlyFigure.objects.update(computed_at=NOW - dt.timedelta(days=2))
    _get(client, reverse("dashboard_public:transparency"))
    _get(client, reverse("dashboard_public:transparency"))
    assert asked.count() == 1
