"""Processing recorded signals into issues and alerts (opinion/services/processing.py), on the database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gandan.opinion.models import (
    Alert,
    AlertEvent,
    EngineState,
    Issue,
    IssueStatus,
    Signal,
    TermStat,
    TopicDay,
)
from gandan.opinion.services import signal_record
from gandan.opinion.services.processing import process_pending
from gandan.opinion.services.refresh import issue_refresh
from gandan.opinion.tests.engine_cases import CULVERT, PIG_FARM
from gandan.units.models import Unit

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = dt.datetime(2026, 10, 5, 8, tzinfo=VN)


@pytest.fixture
def villages(home_commune):
    return {v.name: v for v in Unit.objects.filter(parent=home_commune)}


def record(i, text, unit, at, people=1):
    return signal_record(text=text, unit=unit, source_kind="test", source_id=i, at=at, people=people)


def test_signals_about_one_culvert_from_two_villages_become_one_issue_of_the_commune(home_commune, villages):
    for i, (_g, _v, text) in enumerate(CULVERT):
        record(i, text, villages["Thôn Bãi Sậy" if i % 2 else "Thôn Bến Đò"], T0 + dt.timedelta(days=i))

    assert process_pending() == len(CULVERT)

    issue = Issue.objects.get(signals__source_id="0")
    assert issue.unit == home_commune and issue.unit_path == home_commune.path
    assert issue.signal_count == Signal.objects.filter(issue=issue).count() >= 5
    assert set(issue.places) == {str(villages["Thôn Bãi Sậy"].pk), str(villages["Thôn Bến Đò"].pk)}
    assert issue.first_seen == T0 and issue.topic.code == "roads"
    assert "cống" in issue.title.lower() or "cong" in issue.title.lower()
    assert not Signal.objects.filter(source_kind="test", processed=False).exists()


def test_processing_twice_changes_nothing(villages):
    record(1, CULVERT[0][2], villages["Thôn Bến Đò"], T0)
    process_pending()
    before = list(Issue.objects.values_list("pk", "signal_count"))

    assert process_pending() == 0
    assert list(Issue.objects.values_list("pk", "signal_count")) == before


def test_signals_are_processed_in_time_order_whatever_order_they_were_recorded_in(villages):
    texts = [t for _g, _v, t in CULVERT]
    for i in reversed(range(8)):  # recorded newest first, as an import of old letters may be
        record(i, texts[i % len(texts)], villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=2 * i))

    process_pending(chunk=3)

    alert = Alert.objects.get()
    issue = alert.issue
    assert alert.raised_at == issue.alert_raised_at
    # The alert is raised at the time of a signal of the burst, never at the time of processing.
    assert alert.raised_at in {T0 + dt.timedelta(hours=2 * i) for i in range(8)}
    assert alert.raised_at < T0 + dt.timedelta(hours=16)
    assert AlertEvent.objects.filter(alert=alert, action="raised").count() == 1
    assert alert.unit_path == issue.unit_path


def test_a_burst_in_chunks_gives_the_same_issues_as_at_once(villages):
    texts = [t for _g, _v, t in CULVERT + PIG_FARM]
    for i, text in enumerate(texts):
        record(i, text, villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=i))
    process_pending(chunk=2)
    by_chunks = sorted(
        sorted(Signal.objects.filter(issue=i).values_list("source_id", flat=True))
        for i in Issue.objects.all()
    )

    Signal.objects.update(processed=False, issue=None)
    Issue.objects.all().delete()
    TermStat.objects.all().delete()
    EngineState.objects.all().delete()
    process_pending()
    at_once = sorted(
        sorted(Signal.objects.filter(issue=i).values_list("source_id", flat=True))
        for i in Issue.objects.all()
    )

    assert by_chunks == at_once


def test_term_frequencies_and_topic_days_are_kept_for_the_next_signals(home_commune, villages):
    record(1, "Trạm bơm thôn Bến Đò hỏng", villages["Thôn Bến Đò"], T0)
    record(2, "Trạm bơm Bến Đò vẫn hỏng", villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=1))
    process_pending()

    assert TermStat.objects.get(term="bom").df == 2
    # A later run counts on from what is stored, its chunks writing each changed frequency (once a window).
    record(3, "Trạm bơm hỏng, lúa khô", villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=2))
    record(4, "Lúa khô vì trạm bơm", villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=3))
    process_pending(chunk=1)
    assert TermStat.objects.get(term="bom").df == 4
    assert TermStat.objects.get(term="lua").df == 2
    day = TopicDay.objects.get(unit_path=home_commune.path, day=T0.date())
    assert (day.topic.code, day.count) == ("irrigation", 4)
    assert EngineState.objects.get().signals_seen >= 4


def test_a_merged_issue_takes_no_new_signal(villages):
    record(1, CULVERT[0][2], villages["Thôn Bến Đò"], T0)
    process_pending()
    merged = Issue.objects.get()
    target = Issue.objects.create(
        unit=merged.unit, unit_path=merged.unit_path, title="Cống", first_seen=T0, last_seen=T0
    )
    Signal.objects.filter(issue=merged).update(issue=target)
    merged.status, merged.merged_into = IssueStatus.MERGED, target
    merged.save()
    issue_refresh(target)

    record(2, CULVERT[0][2], villages["Thôn Bến Đò"], T0 + dt.timedelta(hours=1))
    process_pending()

    assert Signal.objects.get(source_id="2").issue != merged


def test_a_crowd_petition_raises_a_warning_with_its_signers(villages):
    record(1, "Hàng chục hộ dân ký đơn phản đối trại lợn xả thải", villages["Thôn Lũng Hạ"], T0, people=37)
    process_pending()

    alert = Alert.objects.get()
    assert alert.level == 2
    assert {"code": "crowd", "people": 37} in alert.reasons


def test_refreshing_an_issue_recounts_it_from_its_signals(villages):
    for i, (_g, _v, text) in enumerate(PIG_FARM[:3]):
        record(i, text, villages["Thôn Tân Phong"], T0 + dt.timedelta(days=i))
    process_pending()
    issue = Issue.objects.get(signals__source_id="0")
    Signal.objects.filter(issue=issue).exclude(source_id="0").update(issue=None)

    issue_refresh(issue)

    assert (issue.signal_count, issue.first_seen, issue.last_seen) == (1, T0, T0)


POLE = "Một cột điện bị xe đâm nghiêng trước nhà {} ở thôn Bãi Sậy, nhờ điện lực dựng lại."


def test_a_households_own_issue_is_remembered_between_runs_and_after_a_refresh(villages):
    bai_say = villages["Thôn Bãi Sậy"]
    record(1, POLE.format("Lê Thanh Quý"), bai_say, T0)
    record(
        2,
        "Cột điện trước nhà Lê Thanh Quý bị xe đâm nghiêng, chưa ai dựng lại.",
        bai_say,
        T0 + dt.timedelta(hours=2),
    )
    process_pending()
    quy = Issue.objects.get(signals__source_id="1")
    assert quy.memory["about"] == ["quy"] and quy.memory["about_n"] == 2
    # A later run loads the issue from the database: another household's pole, in the same words, is its own issue.
    record(3, POLE.format("Phan Văn Sơn"), bai_say, T0 + dt.timedelta(days=1))
    process_pending()
    assert Signal.objects.get(source_id="3").issue_id != quy.pk

    Issue.objects.filter(pk=quy.pk).update(memory={})
    quy.refresh_from_db()
    issue_refresh(quy)
    assert quy.memory["about"] == ["quy"] and quy.memory["about_n"] == 2


# One matter: first typed without diacritics, then shouted, then written out — in that order, the best-matching
# first. The issue's title is the written-out one.
TAM_DA_WATER = [
    "Nuoc may thon Bai Say bi cat tu hom qua khong bao truoc, nuoc may mat ca ngay",
    "NƯỚC MÁY THÔN BÃI SẬY BỊ CẮT TỪ HÔM QUA KHÔNG BÁO TRƯỚC!!",
    "Nước máy ở thôn Bãi Sậy bị cắt từ hôm qua mà không có thông báo.",
]


def test_an_issue_is_titled_from_a_signal_written_with_its_diacritics_when_it_has_one(villages):
    for i, text in enumerate(TAM_DA_WATER):
        record(i, text, villages["Thôn Bãi Sậy"], T0 + dt.timedelta(hours=i))
    process_pending()
    issue = Issue.objects.get(signals__source_id="0")
    assert issue.signal_count == 3
    assert issue.title == "Nước máy ở thôn Bãi Sậy bị cắt từ hôm qua mà không có thông báo"

    # Recounted after an official's split or merge: the same choice.
    issue.title = "?"
    issue.save(update_fields=["title"])
    issue_refresh(issue)
    assert issue.title == "Nước máy ở thôn Bãi Sậy bị cắt từ hôm qua mà không có thông báo"


def test_an_issue_told_only_without_diacritics_is_still_titled_by_what_it_says(villages):
    record(1, TAM_DA_WATER[0], villages["Thôn Bãi Sậy"], T0)
    process_pending()
    assert Issue.objects.get(signals__source_id="1").title.startswith("Nuoc may thon Bai Say bi cat")


def test_an_issue_the_engine_gathers_into_another_in_a_later_run_is_stored_as_merged(villages, monkeypatch):
    """The younger issue was saved by an earlier run; the engine, loading it, gathers it into the older one as that
    one grows. It must be written as merged and its signals moved — before, only the survivor was written (the
    gathered issue was not marked changed), and the board kept it open beside its survivor."""
    import functools

    from gandan.opinion.engine import Params
    from gandan.opinion.services import processing
    from gandan.opinion.tests.test_engine_grouping import A, B

    monkeypatch.setattr(
        processing,
        "Params",
        functools.partial(
            Params, join_threshold=0.9, merge_threshold=1.0, fragment_threshold=0.3, fragment_min=2
        ),
    )
    village = villages["Thôn Tân Phong"]
    record(1, A, village, T0)
    record(2, A, village, T0 + dt.timedelta(hours=1))
    record(3, B, village, T0 + dt.timedelta(hours=2))
    process_pending()
    older, younger = Issue.objects.get(signals__source_id="1"), Issue.objects.get(signals__source_id="3")
    assert older != younger and younger.status == "open"

    record(4, A, village, T0 + dt.timedelta(hours=3))
    process_pending()
    younger.refresh_from_db()
    assert younger.status == "merged" and younger.merged_into_id == older.pk
    assert Signal.objects.get(source_id="3").issue_id == older.pk
    assert Issue.objects.get(pk=older.pk).signal_count == 4
