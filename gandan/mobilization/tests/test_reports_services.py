"""The report's life through its services: a period that cannot be is refused in Vietnamese with every problem at
once and nothing saved; one report per unit and period; the officer writes and submits, the leader approves (the
figures freeze) or returns it with a reason; nobody reports for, or touches the report of, another commune."""

import datetime as dt

import pytest
import time_machine
from django.utils.translation import override

from gandan.audit.models import Event
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.mobilization.models import Activity, Report
from gandan.mobilization.services import reports as services
from gandan.mobilization.tests import reports_support as w

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_network")]

FULL = {
    "opinion": "Nhân dân phấn khởi.",
    "highlights": "Ra mắt mô hình.",
    "shortcomings": "Còn chậm.",
    "next": "Tiếp tục.",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(w.NOW, tick=False):
        yield


@pytest.fixture
def world():
    return w.build()


def _month(world, **kwargs):
    args = {"unit": world.commune, "period_kind": "month", "year": 2026, "number": 11, "by": world.officer}
    return services.report_create(**{**args, **kwargs})


def _value(report, section: str, key: str):
    found = {f["key"]: f["value"] for s in report.figures if s["key"] == section for f in s["figures"]}
    return found[key]


def _refused(**kwargs) -> dict[str, list[str]]:
    with override("vi"), pytest.raises(DomainError) as refused:
        services.report_create(**kwargs)
    return refused.value.errors


def test_an_ad_hoc_period_that_ends_before_it_starts_is_refused_in_vietnamese(world):
    errors = _refused(
        unit=world.commune, period_kind="adhoc", start=w.day(11, 20), end=w.day(11, 3), by=world.officer
    )
    assert errors == {
        "end": ["Kỳ báo cáo kết thúc trước khi bắt đầu: ngày cuối phải cùng hoặc sau ngày đầu."]
    }
    assert not Report.objects.filter(unit=world.commune).exists()


def test_year_zero_and_month_thirteen_are_both_refused_at_once(world):
    errors = _refused(unit=world.commune, period_kind="month", year=0, number=13, by=world.officer)
    assert set(errors) == {"year", "number"}
    assert errors["year"] == ["Nhập năm từ 2000 đến 2100."]


@pytest.mark.parametrize(
    "kind, args, field",
    [
        ("quarter", {"year": 2026, "number": 5}, "number"),
        ("adhoc", {"start": None, "end": None}, "start"),
        ("adhoc", {"start": dt.date(2024, 1, 1), "end": dt.date(2026, 11, 30)}, "end"),
        ("year", {"year": 2027}, "year"),  # not begun yet
        ("fortnight", {"year": 2026}, "period_kind"),
    ],
)
def test_other_periods_that_cannot_be_are_refused_on_their_field(world, kind, args, field):
    errors = _refused(unit=world.commune, period_kind=kind, by=world.officer, **args)
    assert field in errors


def test_a_second_report_for_the_same_period_points_to_the_first(world):
    first = _month(world)
    with override("vi"), pytest.raises(services.ReportExists) as refused:
        _month(world)
    assert refused.value.report == first
    assert "tháng 11 năm 2026" in str(refused.value.message)
    assert Report.objects.filter(unit=world.commune).count() == 1
    assert _month(world, period_kind="quarter", number=4).pk != first.pk  # another period is another report


def test_the_officer_cannot_report_for_another_commune(world, home_commune):
    errors = _refused(unit=home_commune, period_kind="month", year=2026, number=11, by=world.officer)
    assert "unit" in errors


def test_a_draft_is_recomputed_with_todays_data(world):
    report = _month(world)
    assert _value(report, "mobilization.network", "meetings") == 2
    Activity.objects.create(
        unit=world.commune,
        unit_path=world.commune.path,
        kind="meeting",
        held_on=w.day(11, 29),
        title="Họp bổ sung",
        created_by=world.officer,
    )
    report = services.report_refresh(report=report, by=world.officer)
    assert _value(report, "mobilization.network", "meetings") == 3


def test_submitting_needs_every_part_written(world):
    report = _month(world)
    services.report_write(report=report, narrative={"opinion": "  Nhân dân đồng tình.  "}, by=world.officer)
    with pytest.raises(DomainError) as refused:
        services.report_submit(report=report, by=world.officer)
    assert set(refused.value.errors) == {"highlights", "shortcomings", "next"}
    report.refresh_from_db()
    assert report.state == "draft" and report.narrative["opinion"] == "Nhân dân đồng tình."


def test_an_unknown_part_or_a_text_too_long_is_refused(world):
    report = _month(world)
    with pytest.raises(DomainError) as refused:
        services.report_write(
            report=report, narrative={"gossip": "x", "next": "y" * 20_001}, by=world.officer
        )
    assert set(refused.value.errors) == {"__all__", "next"}


def test_approval_freezes_the_figures(world):
    report = _month(world)
    services.report_write(report=report, narrative=FULL, number="12-BC/UBND", by=world.officer)
    services.report_submit(report=report, by=world.officer)
    with pytest.raises(NotAllowed):
        services.report_approve(report=report, by=world.officer)  # the officer does not approve
    report = services.report_approve(report=report, by=world.secretary)
    assert (report.state, report.approved_by) == ("approved", world.secretary)
    frozen = report.figures
    Activity.objects.create(
        unit=world.commune,
        unit_path=world.commune.path,
        kind="meeting",
        held_on=w.day(11, 29),
        title="Họp bổ sung",
        created_by=world.officer,
    )
    with pytest.raises(Conflict):
        services.report_refresh(report=report, by=world.officer)
    with pytest.raises(Conflict):
        services.report_write(report=report, narrative={"next": "Sửa"}, by=world.officer)
    with pytest.raises(Conflict):
        services.report_return(report=report, by=world.secretary, reason="Sửa lại")
    report.refresh_from_db()
    assert report.figures == frozen and _value(report, "mobilization.network", "meetings") == 2
    assert list(
        Event.objects.filter(object_type="mobilization.report", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "mobilization.report_create",
        "mobilization.report_write",
        "mobilization.report_submit",
        "mobilization.report_approve",
    ]


def test_the_leader_returns_a_report_with_a_reason_and_it_is_a_draft_again(world):
    report = _month(world)
    services.report_write(report=report, narrative=FULL, by=world.officer)
    services.report_submit(report=report, by=world.officer)
    with pytest.raises(DomainError) as refused:
        services.report_return(report=report, by=world.chairman, reason="  ")
    assert "reason" in refused.value.errors
    report = services.report_return(report=report, by=world.chairman, reason="Bổ sung số liệu hòa giải.")
    assert report.state == "draft"
    event = Event.objects.get(object_type="mobilization.report", action="mobilization.report_return")
    assert event.details == {"reason": "Bổ sung số liệu hòa giải."}


def test_a_leader_of_another_commune_cannot_approve(world, other_commune_leader):
    report = _month(world)
    services.report_write(report=report, narrative=FULL, by=world.officer)
    services.report_submit(report=report, by=world.officer)
    with pytest.raises(NotAllowed):
        services.report_approve(report=report, by=other_commune_leader)
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_province_report_consolidates_its_communes(world, province_supervisor):
    from gandan.accounts.rules import Role
    from gandan.accounts.services import user_create

    officer = user_create(
        username="danvan.tinh",
        password=w.PASSWORD,
        full_name="Cán bộ dân vận tỉnh",
        unit=province_supervisor.unit,
        roles=[Role.MOBILIZATION_OFFICER],
    )
    report = services.report_create(
        unit=province_supervisor.unit, period_kind="month", year=2026, number=11, by=officer
    )
    meetings = next(f for s in report.figures for f in s["figures"] if f["key"] == "meetings")
    communes = {c["path"]: c["value"] for c in meetings["communes"]}
    assert communes[world.commune.path] == 2
    assert meetings["value"] == sum(v for v in communes.values() if v)
    assert len(communes) > 100  # every commune of Phú Thọ has its row
