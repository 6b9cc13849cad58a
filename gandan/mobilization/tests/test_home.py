"""The staff home shows the mass-mobilisation work waiting: the thin spots of the network, the models waiting for a
review or a recognition, and the reports to approve (leaders) or to finish (the officer)."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.mobilization.reports import NARRATIVE
from gandan.mobilization.models import Initiative, Report
from gandan.mobilization.selectors.teams import coverage
from gandan.mobilization.services.reports import report_create, report_submit, report_write
from gandan.portal.widgets import staff_home_sections

pytestmark = pytest.mark.django_db


def section(user):
    found = {s.key: s for s in staff_home_sections(user)}
    return found.get("mobilization.work")


def counts(user) -> dict[str, object]:
    return {str(c.label): c.value for c in section(user).counts}


def test_the_officer_sees_the_gaps_of_his_network_and_the_models_waiting():
    officer = User.objects.get(username="danvan.songlo")
    totals = coverage(officer).totals
    shown = counts(officer)
    assert shown["Thôn chưa có tổ"] == totals.without_team > 0
    assert shown["Tổ thiếu vai trò chủ chốt"] == totals.teams_missing_roles > 0
    implementing = Initiative.objects.filter(
        unit_path__startswith=officer.unit.path, status="implementing"
    ).count()
    assert shown["Mô hình chờ bình xét"] == implementing


def test_the_secretary_sees_a_submitted_report_to_approve_and_the_desk_officer_sees_nothing():
    officer = User.objects.get(username="danvan.songlo")
    secretary = User.objects.get(username="bithu.songlo")
    today = timezone.localdate()
    report = report_create(
        unit=officer.unit, period_kind="adhoc", start=today - dt.timedelta(days=20), end=today, by=officer
    )
    assert counts(officer)["Báo cáo đang soạn"] >= 1
    report_write(report=report, narrative={key: "Nội dung đã viết." for key, _h in NARRATIVE}, by=officer)
    report_submit(report=report, by=officer)
    waiting = section(secretary)
    assert (
        dict((str(c.label), c.value) for c in waiting.counts)["Báo cáo chờ duyệt"]
        == Report.objects.filter(unit_path__startswith=secretary.unit.path, state="submitted").count()
    )
    assert any(row.url.endswith(f"/reports/{report.pk}/") for row in waiting.rows)
    assert section(User.objects.get(username="motcua.songlo")) is None
