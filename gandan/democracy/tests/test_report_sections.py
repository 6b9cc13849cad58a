"""Dialogues and grassroots democracy in the periodic mass-mobilisation report (gandan.kit.reports): the officer who
writes the month's report finds the dialogues held, the commitments falling due and the disclosures posted late,
counted from the records — each figure moves when a record of its kind is added in the period."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.accounts.scope import subtree_paths
from gandan.democracy.services.disclosures import disclosure_create
from gandan.dialogues.tests.factories import held_with_commitment
from gandan.kit.reports import report_sections

pytestmark = pytest.mark.django_db


def figures(commune, start, end) -> dict[str, dict[str, object]]:
    sections = report_sections(
        unit_path=commune.path, paths=subtree_paths(commune.path), start=start, end=end
    )
    return {s.key: {f.key: f.value for f in s.figures} for s in sections}


def test_a_late_disclosure_and_one_on_time_each_count_where_the_report_says(home_commune, commune_leader):
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=60), today
    before = figures(home_commune, start, end)["democracy.democracy"]

    disclosure_create(
        unit=home_commune,
        item=2,
        title="Dự toán ngân sách xã (đúng hạn)",
        decided_on=today - dt.timedelta(days=20),
        channels=["office_board", "portal"],
        start=today - dt.timedelta(days=19),
        by=commune_leader,
    )
    disclosure_create(
        unit=home_commune,
        item=5,
        title="Các khoản đóng góp của Nhân dân (niêm yết muộn)",
        decided_on=today - dt.timedelta(days=40),
        channels=["office_board"],
        start=today - dt.timedelta(days=20),
        by=commune_leader,
    )
    after = figures(home_commune, start, end)["democracy.democracy"]

    assert after["disclosures"] == before["disclosures"] + 2
    assert after["disclosed_late"] == before["disclosed_late"] + 1


def test_a_dialogue_held_in_the_period_and_its_answered_question_are_counted(home_commune):
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=30), today
    before = figures(home_commune, start, end)["dialogues.dialogues"]

    held_with_commitment(
        home_commune
    )  # held ten days ago, one question answered with a commitment due next month
    after = figures(home_commune, start, end)["dialogues.dialogues"]
    next_month = figures(home_commune, today + dt.timedelta(days=1), today + dt.timedelta(days=40))

    assert after["held"] == before["held"] + 1
    assert after["answered"] == before["answered"] + 1
    assert after["commitments_due"] == before["commitments_due"]  # due next month, not in this period
    assert next_month["dialogues.dialogues"]["commitments_due"] >= 1
