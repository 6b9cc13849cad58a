"""The report of a month gives exactly the figures counted here, independently, from the same fixtures: a quiet
commune's November 2026 (reports_support), each figure counted with plain Python over the fixtures' data as
DOMAIN.md states it, then compared with what `report_create` stored. Each figure also opens the staff list behind
it, filtered to the commune and the period."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from gandan.kit.reports import Figure, ReportSection, report_sections
from gandan.mobilization.services.reports import report_create
from gandan.mobilization.tests import reports_support as w
from gandan.tests_support import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(w.NOW, tick=False):
        yield


@pytest.fixture
def world():
    return w.build()


def _figures(report) -> dict[str, dict]:
    return {f"{s['key']}.{f['key']}": f for s in report.figures for f in s["figures"]}


def _covers(since, until, on) -> bool:
    return (since is None or since <= on) and (until is None or until >= on)


def expected_network() -> dict[str, int]:
    end = w.END
    teams = [
        i
        for i, (_v, est, dis) in enumerate(w.TEAMS)
        if (est is None or est <= end) and (dis is None or dis > end)
    ]
    # A member's term_end is the day they left (as on the teams' pages): on that day they no longer count.
    members = [
        m
        for m in w.MEMBERS
        if m[0] in teams and (m[2] is None or m[2] <= end) and (m[3] is None or m[3] > end)
    ]
    villages = [k for k, (_n, since, until) in w.VILLAGES.items() if _covers(since, until, end)]
    teamed = {w.TEAMS[i][0] for i in teams}
    done = [a for a in w.ACTIVITIES if w.in_period(a[1])]
    return {
        "mobilization.network.teams": len(teams),
        "mobilization.network.members": len(members),
        "mobilization.network.villages": len(villages),
        "mobilization.network.villages_without_team": len([v for v in villages if v not in teamed]),
        "mobilization.network.meetings": sum(a[0] == "meeting" for a in done),
        "mobilization.network.campaigns": sum(a[0] == "campaign" for a in done),
        "mobilization.network.people_reached": sum(a[2] or 0 for a in done if a[0] == "campaign"),
        "mobilization.network.mediations": sum(a[0] == "mediation" for a in done),
        "mobilization.network.reconciled": sum(a[0] == "mediation" and a[3] == "success" for a in done),
        "mobilization.network.notes": sum(a[0] == "note" for a in done),
        "mobilization.models.registered": sum(w.in_period(i[0]) for i in w.INITIATIVES),
        "mobilization.models.recognised": sum(w.in_period(i[1]) for i in w.INITIATIVES),
        "mobilization.models.replicated": sum(w.in_period(i[0]) and i[2] is not None for i in w.INITIATIVES),
    }


def expected_petitions() -> dict[str, int]:
    received = [p for p in w.PETITIONS if w.in_period(p.received.astimezone(w.VN).date())]
    resolved = [p for p in w.PETITIONS if p.status == "resolved" and w.in_period(p.resolved)]
    end = w.END

    def overdue(p) -> bool:
        return any(
            started <= end and due < end and (stopped is None or stopped > end)
            for started, due, stopped, _late in p.clocks
        )

    found = {
        "petitions.petitions.received": len(received),
        "petitions.petitions.resolved": len(resolved),
        "petitions.petitions.resolved_on_time": sum(not any(c[3] for c in p.clocks) for p in resolved),
        "petitions.petitions.overdue": sum(overdue(p) for p in w.PETITIONS),
    }
    for kind in ("complaint", "denunciation", "recommendation", "reflection", "anonymous"):
        found[f"petitions.petitions.received_{kind}"] = sum(p.kind == kind for p in received)
    return found


def expected_dossiers() -> dict[str, object]:
    """Decision 766 as DOMAIN.md §1.6 states it: a dossier counts in the period when it was received by its end and
    not finished before it began; it is on time when finished by its due moment, or still open and not yet due
    at the period's end; more than one supplement request makes it late."""
    begin, stop = w.at(w.START, 0), w.at(w.END + dt.timedelta(days=1), 0)
    moment = stop - dt.timedelta(seconds=1)

    def on_time(d: w.DossierSpec) -> bool:
        if d.supplements > 1:
            return False
        if d.finished is not None and d.finished <= moment:
            return d.finished <= d.due
        return d.due >= moment

    counted = [d for d in w.DOSSIERS if d.received < stop and (d.finished is None or d.finished >= begin)]
    good = sum(on_time(d) for d in counted)
    return {
        "dossiers.desk.received": sum(begin <= d.received < stop for d in w.DOSSIERS),
        "dossiers.desk.finished": sum(
            d.finished is not None and begin <= d.finished < stop for d in w.DOSSIERS
        ),
        "dossiers.desk.counted": len(counted),
        "dossiers.desk.on_time": good,
        "dossiers.desk.late": len(counted) - good,
        "dossiers.desk.on_time_rate": round(100 * good / len(counted), 1),
    }


def expected_reception() -> dict[str, int]:
    """The chairman's minimum is a day a week, the secretary's two a month; a week counts in the month of its
    Monday. Cancelled, unheld and ad-hoc days do not count; the November weeks that ended below one day are missed."""
    mondays = [
        w.START + dt.timedelta(days=i) for i in range(30) if (w.START + dt.timedelta(days=i)).weekday() == 0
    ]
    held: dict[str, list[dt.date]] = {"chairman": [], "secretary": []}
    ad_hoc = 0
    for office, when, was_held, cancelled, is_ad_hoc in w.DAYS:
        if not was_held or cancelled:
            continue
        if is_ad_hoc:
            ad_hoc += w.in_period(when)
            continue
        monday = when - dt.timedelta(days=when.weekday())
        if (office == "chairman" and monday in mondays) or (office == "secretary" and w.in_period(when)):
            held[office].append(monday if office == "chairman" else when)
    weeks_missed = sum(held["chairman"].count(m) < 1 for m in mondays)
    return {
        "reception.reception.days_held": len(held["chairman"]) + len(held["secretary"]),
        "reception.reception.days_required": len(mondays) * 1 + 2,
        "reception.reception.periods_missed": weeks_missed + (len(held["secretary"]) < 2),
        "reception.reception.days_ad_hoc": ad_hoc,
        "reception.reception.records": sum(w.in_period(m.astimezone(w.VN).date()) for m, _n in w.RECORDS),
        "reception.reception.people": sum(n for m, n in w.RECORDS if w.in_period(m.astimezone(w.VN).date())),
    }


def expected_opinion() -> dict[str, int]:
    raised = [a for a in w.ALERTS if w.in_period(a[1].astimezone(w.VN).date())]
    return {
        "opinion.opinion.alerts": len(raised),
        "opinion.opinion.alerts_3": sum(a[2] == 3 for a in raised),
        "opinion.opinion.alerts_2": sum(a[2] == 2 for a in raised),
        "opinion.opinion.alerts_1": sum(a[2] == 1 for a in raised),
        "opinion.opinion.issues_alerted": len({a[0] for a in raised}),
        "opinion.opinion.alerts_closed": sum(a[3] for a in w.ALERTS),
        "opinion.opinion.new_issues": sum(
            w.in_period(seen.astimezone(w.VN).date()) and status == "open" for seen, status in w.ISSUES
        ),
    }


def test_the_report_of_a_month_gives_exactly_the_figures_counted_from_the_fixtures(world):
    report = report_create(unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer)
    stored = {key: f["value"] for key, f in _figures(report).items()}
    expected = {
        **expected_network(),
        **expected_petitions(),
        **expected_dossiers(),
        **expected_reception(),
        **expected_opinion(),
    }
    assert {k: stored.get(k) for k in expected} == expected
    # The fixtures were chosen so that no figure is trivially zero where the rule has something to decide.
    assert (expected["mobilization.network.members"], expected["petitions.petitions.overdue"]) == (3, 2)
    assert expected["reception.reception.days_held"] == 5 and expected["dossiers.desk.late"] == 3


def test_the_sections_come_in_the_report_order_network_first(world):
    report = report_create(unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer)
    assert [s["key"] for s in report.figures] == [
        "mobilization.network",
        "mobilization.models",
        "opinion.opinion",
        "reception.reception",
        "dialogues.dialogues",
        "democracy.democracy",
        "petitions.petitions",
        "dossiers.desk",
    ]
    assert report.figures[0]["title"] == "Tổ dân vận và hoạt động của tổ"


def _query(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query, keep_blank_values=True)


def test_each_figure_opens_the_list_behind_it_filtered_to_the_commune_and_the_month(world):
    report = report_create(unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer)
    figures = _figures(report)
    unit = [str(world.commune.pk)]
    path, params = _query(figures["petitions.petitions.received_complaint"]["url"])
    assert path == reverse("petitions:worklist")
    assert params == {
        "worklist": ["all"],
        "kind": ["complaint"],
        "received_from": ["2026-11-01"],
        "received_to": ["2026-11-30"],
        "unit": unit,
    }
    path, params = _query(figures["dossiers.desk.late"]["url"])
    assert path == reverse("dossiers:worklist")
    assert params == {"worklist": ["all"], "indicator": ["late"], "period": ["2026-11"], "unit": unit}
    path, params = _query(figures["reception.reception.people"]["url"])
    assert (path, params["date_from"], params["date_to"]) == (
        reverse("reception:book"),
        ["2026-11-01"],
        ["2026-11-30"],
    )
    path, params = _query(figures["mobilization.network.meetings"]["url"])
    assert path == reverse("mobilization:activities") if "activities" in path else path == ""
    assert all(f["url"].startswith("/staff/") or f["url"] == "" for f in figures.values())


def test_the_dossier_list_opens_on_every_month_of_a_quarter(world):
    report = report_create(unit=world.commune, period_kind="quarter", year=2026, number=3, by=world.officer)
    _path, params = _query(_figures(report)["dossiers.desk.on_time"]["url"])
    assert (params["period"], params["period_to"]) == (["2026-07"], ["2026-09"])


def test_a_module_without_the_hook_contributes_no_section(world, monkeypatch):
    from gandan.opinion import module as opinion_module

    monkeypatch.delattr(opinion_module, "report_sections")
    sections = report_sections(
        unit_path=world.commune.path, paths=[world.commune.path], start=w.START, end=w.END
    )
    keys = [s.key for s in sections]
    assert "opinion.opinion" not in keys and "petitions.petitions" in keys
    assert all(
        isinstance(s, ReportSection) and all(isinstance(f, Figure) for f in s.figures) for s in sections
    )


@pytest.mark.parametrize(
    "key, who",
    [
        ("dossiers.desk.late", "chairman"),
        ("dossiers.desk.counted", "chairman"),
        ("petitions.petitions.received_complaint", "officer"),
        ("petitions.petitions.received", "officer"),
        ("reception.reception.records", "officer"),
    ],
)
def test_the_list_a_figure_opens_counts_the_same_records(world, key, who):
    report = report_create(unit=world.commune, period_kind="month", year=2026, number=11, by=world.officer)
    figure = _figures(report)[key]
    response = client_for(getattr(world, who)).get(figure["url"])
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == figure["value"]


def test_a_quarters_late_dossiers_open_on_the_whole_quarter(world):
    report = report_create(unit=world.commune, period_kind="quarter", year=2026, number=4, by=world.officer)
    figure = _figures(report)["dossiers.desk.late"]
    response = client_for(world.chairman).get(figure["url"])
    assert response.context["page_obj"].paginator.count == figure["value"] > 0
