"""Household votes through their services: the form a matter allows, the notice, the count against every household
of the village (78 of 85 present is not 2/3 of 120), slips and online ballots refused outside the window, twice, or
for a household not of the village — with a Vietnamese message and nothing saved — and the community decision's
clocks of 5 working days with their late marks."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gandan.audit.models import Event
from gandan.democracy.models import Ballot, BallotCode, Household, Vote
from gandan.democracy.selectors.votes import live_tally
from gandan.democracy.services.ballots import ballot_cast_online, codes_issue, slip_enter
from gandan.democracy.services.households import household_leave
from gandan.democracy.services.vote_results import vote_answer, vote_count, vote_send
from gandan.democracy.services.votes import vote_cancel, vote_open, vote_update
from gandan.democracy.tests.votes_support import (
    BOARD,
    LEADER,
    OFFICER,
    OTHER_OFFICER,
    at,
    new_village,
    opened,
    prepared,
    register,
    user,
)
from gandan.democracy.vote_texts import vote_result
from gandan.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return user(OFFICER)


@pytest.fixture
def village(home_commune):
    found = new_village(home_commune, "Thôn Đồng Bầu")
    register(found, 120)
    return found


def _count(vote, officer, **figures):
    return vote_count(
        vote=vote,
        counting_board=BOARD,
        witness_1="Phan Văn Một",
        witness_2="Vũ Thị Hai",
        by=officer,
        **figures,
    )


# --- Preparing and opening -----------------------------------------------------------------------------------------


def test_a_meeting_where_78_of_85_agree_fails_against_120_households(village, officer):
    vote = opened(village, officer)
    vote = _count(vote, officer, present=85, yes=78, no=5, blank=2)
    assert (vote.status, vote.households, vote.needed, vote.passed) == ("counted", 120, 80, False)
    assert vote.send_by is None  # nothing to send for recognition
    assert vote_result(vote) == (
        "Không thông qua: 78/85 hộ dự họp đồng ý nhưng chưa đạt 2/3 tổng số hộ của thôn (cần 80/120)."
    )
    event = Event.objects.filter(action="democracy.vote_count").latest("id")
    assert event.details["passed"] is False and event.details["needed"] == 80


def test_80_of_85_pass_and_the_decision_must_go_out_within_5_working_days(village, officer):
    vote = _count(opened(village, officer), officer, present=85, yes=80, no=3, blank=2)
    assert vote.passed is True
    assert vote.send_by is not None and vote.send_by >= timezone.localdate() + dt.timedelta(days=5)
    assert vote_result(vote).startswith("Thông qua: 80/85 hộ dự họp đồng ý")


def test_online_is_refused_for_a_contribution_and_nothing_is_saved(village, officer):
    before = Vote.objects.count()
    with pytest.raises(DomainError) as refused:
        prepared(village, officer, matter=1, form="online")
    assert "chỉ dùng cho các việc tự quản khác" in refused.value.errors["form"][0]
    assert Vote.objects.count() == before


def test_online_for_other_matters_needs_more_than_half_opted_in(home_commune, officer):
    half = new_village(home_commune, "Thôn Nửa Số Hộ")
    register(half, 10, opted_in=5)
    with pytest.raises(DomainError) as refused:
        prepared(half, officer, matter=6, form="online")
    assert "5/10" in refused.value.errors["form"][0] or "5 trên 10" in refused.value.errors["form"][0]
    more = new_village(home_commune, "Thôn Quá Nửa")
    register(more, 10, opted_in=6)
    assert prepared(more, officer, matter=6, form="online").form == "online"


def test_a_covenant_goes_to_a_meeting_before_a_household_ballot(village, officer):
    with pytest.raises(DomainError) as refused:
        prepared(village, officer, matter=3, form="ballot")
    assert "form" in refused.value.errors
    meeting = opened(village, officer, matter=3, title="Hương ước thôn Đồng Bầu")
    _count(meeting, officer, present=50, yes=48, no=2, blank=0)  # 50 of 120: no quorum
    assert prepared(village, officer, matter=3, form="ballot").form == "ballot"


def test_a_notice_less_than_two_days_before_is_refused(village, officer):
    with pytest.raises(DomainError) as refused:
        prepared(village, officer, notice_on=timezone.localdate())
    assert "ít nhất 2 ngày" in refused.value.errors["notice_on"][0]


def test_a_vote_opens_only_with_its_notice_recorded(village, officer):
    vote = prepared(village, officer, notice_on=None)
    with pytest.raises(DomainError) as refused:
        vote_open(vote=vote, by=officer)
    assert "notice_on" in refused.value.errors
    assert Vote.objects.get(pk=vote.pk).status == "draft"


def test_a_village_without_register_cannot_vote(home_commune, officer):
    empty = new_village(home_commune, "Thôn Chưa Có Sổ")
    with pytest.raises(DomainError) as refused:
        prepared(empty, officer)
    assert "village" in refused.value.errors


def test_bad_input_is_reported_field_by_field(village, officer):
    with pytest.raises(DomainError) as refused:
        prepared(
            village,
            officer,
            title="",
            question="",
            opens_at=at(hours=2),
            closes_at=at(hours=1),
            counting_board="An\nBình",
        )
    assert {"title", "question", "closes_at", "counting_board"} <= set(refused.value.errors)


def test_another_communes_officer_cannot_prepare_change_or_count(village, officer):
    other = user(OTHER_OFFICER)
    with pytest.raises(DomainError):
        prepared(village, other)
    vote = opened(village, officer)
    with pytest.raises(NotAllowed):
        vote_update(
            vote=vote,
            by=other,
            **{k: getattr(vote, k) for k in ("matter", "form", "title", "question", "opens_at", "closes_at")},
        )
    with pytest.raises(NotAllowed):
        _count(vote, other, present=1, yes=1, no=0, blank=0)
    with pytest.raises(NotAllowed):
        vote_cancel(vote=vote, reason="Nhầm", by=user("motcua.tamson"))


def test_impossible_figures_are_refused(village, officer):
    vote = opened(village, officer)
    with pytest.raises(DomainError) as refused:
        _count(vote, officer, present=130, yes=20, no=0, blank=0)
    assert "present" in refused.value.errors
    with pytest.raises(DomainError) as refused:
        _count(vote, officer, present=10, yes=9, no=2, blank=0)
    assert "yes" in refused.value.errors
    assert Vote.objects.get(pk=vote.pk).status == "open"


# --- Household ballot (slips) --------------------------------------------------------------------------------------


def test_slips_one_per_household_of_the_village_inside_the_window(home_commune, village, officer):
    vote = opened(village, officer, form="ballot", matter=2)
    first, second = village_households(village)[:2]
    slip_enter(vote=vote, household=first, choice="yes", by=officer)
    with pytest.raises(DomainError) as twice:
        slip_enter(vote=vote, household=first, choice="no", by=officer)
    assert "đã biểu quyết" in twice.value.errors["household"][0]
    elsewhere = new_village(home_commune, "Thôn Bên Cạnh")
    stranger = register(elsewhere, 1)[0]
    with pytest.raises(DomainError) as foreign:
        slip_enter(vote=vote, household=stranger, choice="yes", by=officer)
    assert "không có trong sổ" in foreign.value.errors["household"][0]
    household_leave(household=second, on=timezone.localdate(), by=officer)
    second.refresh_from_db()
    with pytest.raises(DomainError) as gone:
        slip_enter(vote=vote, household=second, choice="yes", by=officer)
    assert "đã chuyển đi" in gone.value.errors["household"][0]
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.get(vote=vote).choice == "yes"


def village_households(village):
    return list(Household.objects.filter(village=village).order_by("pk"))


def test_a_slip_before_the_opening_is_refused(village, officer):
    vote = opened(village, officer, form="ballot", matter=2, opens_at=at(hours=3), closes_at=at(days=2))
    with pytest.raises(DomainError) as early:
        slip_enter(vote=vote, household=village_households(village)[0], choice="yes", by=officer)
    assert "Biểu quyết chưa bắt đầu" in early.value.message
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_household_ballot_is_counted_from_its_slips(village, officer):
    vote = opened(village, officer, form="ballot", matter=2)
    for household in village_households(village)[:81]:
        slip_enter(vote=vote, household=household, choice="yes", by=officer)
    tally = live_tally(vote)
    assert (tally.present, tally.yes, tally.needed, tally.passed) == (81, 81, 80, True)
    vote = _count(vote, officer)
    assert (vote.present, vote.yes, vote.passed) == (81, 81, True)


# --- Online ballots ------------------------------------------------------------------------------------------------


@pytest.fixture
def online(home_commune, officer):
    found = new_village(home_commune, "Thôn Trực Tuyến")
    register(found, 10, opted_in=7)
    vote = opened(found, officer, matter=6, form="online", closes_at=at(days=2))
    return vote, {c.household.code: c.code for c in codes_issue(vote=vote, by=officer)}


def test_a_household_votes_online_once_with_its_code(online):
    vote, codes = online
    ballot = ballot_cast_online(vote=vote, code=codes["1"].lower(), choice="yes", client="10.0.0.1")
    assert (ballot.household.code, ballot.channel) == ("1", "online")
    with pytest.raises(DomainError) as twice:
        ballot_cast_online(vote=vote, code=codes["1"], choice="no", client="10.0.0.1")
    assert twice.value.code == "ballot_exists" and "đã biểu quyết" in twice.value.message
    assert Ballot.objects.get(vote=vote).choice == "yes"
    assert BallotCode.objects.get(vote=vote, household=ballot.household).used_at is not None


def test_only_a_digest_of_each_code_is_stored(online):
    vote, codes = online
    stored = set(BallotCode.objects.filter(vote=vote).values_list("digest", flat=True))
    assert len(stored) == 10
    assert not any(code.replace("-", "") in digest for code in codes.values() for digest in stored)


def test_a_wrong_code_saves_nothing_and_too_many_are_refused(online, settings):
    vote, _codes = online
    settings.GANDAN_LOOKUP_FAILURES = 3
    for _n in range(3):
        with pytest.raises(DomainError) as wrong:
            ballot_cast_online(vote=vote, code="AAAAA-BBBBB", choice="yes", client="10.0.0.9")
        assert wrong.value.code == "ballot_code_wrong"
    with pytest.raises(DomainError) as blocked:
        ballot_cast_online(vote=vote, code="AAAAA-BBBBB", choice="yes", client="10.0.0.9")
    assert blocked.value.code == "too_many_attempts"
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_ballot_after_the_closing_is_refused(online):
    vote, codes = online
    with time_machine.travel(at(days=3), tick=False), pytest.raises(DomainError) as late:
        ballot_cast_online(vote=vote, code=codes["2"], choice="yes", client="10.0.0.1")
    assert "Biểu quyết đã kết thúc lúc" in late.value.message
    assert not Ballot.objects.filter(vote=vote).exists()


def test_a_reprinted_code_replaces_the_old_one(online, officer):
    vote, codes = online
    household = BallotCode.objects.get(vote=vote, household__code="3").household
    fresh = codes_issue(vote=vote, household=household, by=officer)[0].code
    with pytest.raises(DomainError):
        ballot_cast_online(vote=vote, code=codes["3"], choice="yes", client="10.0.0.2")
    assert ballot_cast_online(vote=vote, code=fresh, choice="yes", client="10.0.0.2").household == household


def test_an_online_vote_is_counted_after_its_closing_against_all_households(online, officer):
    vote, codes = online
    for code in list(codes.values())[:6]:
        ballot_cast_online(vote=vote, code=code, choice="yes", client="10.0.0.3")
    with pytest.raises(DomainError):
        _count(vote, officer)  # still open
    with time_machine.travel(at(days=3), tick=False):
        vote = _count(vote, officer)
    assert (vote.households, vote.present, vote.yes, vote.needed, vote.passed) == (10, 6, 6, 6, True)


# --- The community decision's journey ------------------------------------------------------------------------------


def test_the_decision_is_sent_and_recognised_with_late_marks(village, officer):
    vote = _count(opened(village, officer), officer, present=100, yes=90, no=10, blank=0)
    late_day = vote.send_by + dt.timedelta(days=1)
    with time_machine.travel(timezone.make_aware(dt.datetime.combine(late_day, dt.time(10))), tick=False):
        vote = vote_send(vote=vote, on=late_day, by=officer)
        assert vote.status == "sent" and vote.answer_by > late_day
        with pytest.raises(NotAllowed):
            vote_answer(vote=vote, recognise=True, on=late_day, by=officer)  # mass-mobilisation officer
        with pytest.raises(DomainError) as no_reason:
            vote_answer(vote=vote, recognise=False, on=late_day, by=user(LEADER))
        assert "reason" in no_reason.value.errors
        vote = vote_answer(
            vote=vote, recognise=False, on=late_day, reason="Mức đóng góp vượt quy định", by=user(LEADER)
        )
    assert (vote.status, vote.refusal_reason) == ("refused", "Mức đóng góp vượt quy định")
    sent = Event.objects.filter(action="democracy.vote_send").latest("id")
    assert sent.details["late"] is True


def test_a_failed_vote_is_not_sent(village, officer):
    vote = _count(opened(village, officer), officer, present=85, yes=78, no=5, blank=2)
    with pytest.raises(DomainError) as refused:
        vote_send(vote=vote, on=timezone.localdate(), by=officer)
    assert Vote.objects.get(pk=vote.pk).status == "counted"
    assert refused.value.code == "vote_send_invalid"


def test_a_cancelled_vote_takes_no_more_ballots(online, officer):
    vote, codes = online
    vote_cancel(vote=vote, reason="Thôn đổi ngày tổ chức", by=officer)
    with pytest.raises(DomainError):
        ballot_cast_online(
            vote=Vote.objects.get(pk=vote.pk), code=codes["1"], choice="yes", client="10.0.0.4"
        )
    assert not Ballot.objects.filter(vote=vote).exists()
