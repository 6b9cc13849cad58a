"""People's supervision through its services: the inspection board and the investment boards are set up for their
commune, the eligibility rule keeps commune and village staff off the inspection board with a message naming why,
a board short of its minimum says what it lacks, findings wait for the government's answer and are followed to
done or cancelled, overdue ones are counted; every refusal names its field and saves nothing; an officer of another
commune cannot touch the boards."""

import datetime as dt

import pytest

from gandan.audit.models import Event
from gandan.core.mobilization.teams import TeamRole
from gandan.democracy.models import Board, BoardMember, Finding
from gandan.democracy.selectors.supervision import (
    FINDING_SOURCE,
    FindingFilter,
    board_gaps,
    board_members,
    commune_villages,
    finding_list,
    overdue_count,
)
from gandan.democracy.services.supervision import (
    board_create,
    board_dissolve,
    member_add,
    member_leave,
)
from gandan.democracy.services.supervision_findings import (
    finding_answer,
    finding_create,
    finding_move,
)
from gandan.democracy.tests.supervision_support import (  # noqa: F401  (no_boards is a fixture)
    MEMBER_NAMES,
    finding,
    inspection_board,
    no_boards,
    road_board,
    today,
    user,
)
from gandan.errors import DomainError, NotAllowed
from gandan.mobilization.models import Member as TeamMember
from gandan.opinion.models import Signal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("no_boards"),
    pytest.mark.usefixtures("fresh_democracy"),
]


def _officer():
    return user("danvan.songlo")


# --- Boards ----------------------------------------------------------------------------------------------------------


def test_the_inspection_board_is_set_up_for_the_commune_with_the_laws_name(home_commune):
    board = inspection_board(home_commune, _officer())
    assert board.name == "Ban Thanh tra nhân dân xã Sông Lô"
    assert (board.unit, board.unit_path, board.project) == (home_commune, home_commune.path, "")
    assert Event.objects.filter(action="democracy.board_create", object_id=str(board.pk)).exists()


def test_a_second_inspection_board_in_office_is_refused_and_nothing_saved(home_commune):
    first = inspection_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        board_create(commune=home_commune, kind="inspection", term_start=today(), by=_officer())
    assert first.name in refused.value.message
    assert Board.objects.filter(unit=home_commune).count() == 1
    board_dissolve(
        board=first, on=today(), by=_officer()
    )  # once dissolved, the next term's board may be set up
    assert board_create(commune=home_commune, kind="inspection", term_start=today(), by=_officer()).pk


def test_an_investment_board_is_named_after_its_project_and_needs_one(home_commune):
    board = road_board(home_commune, _officer())
    assert board.name == "Ban Giám sát đầu tư của cộng đồng — Bê tông hóa đường liên thôn Bến Đò – Bãi Sậy"
    with pytest.raises(DomainError) as refused:
        board_create(commune=home_commune, kind="investment", project="  ", term_start=today(), by=_officer())
    assert set(refused.value.errors) == {"project"}


def test_a_board_ending_before_it_starts_is_refused_naming_both_days(home_commune):
    with pytest.raises(DomainError) as refused:
        board_create(
            commune=home_commune,
            kind="investment",
            project="Nhà văn hóa thôn Bãi Sậy",
            term_start=dt.date(2026, 3, 1),
            term_end=dt.date(2026, 2, 1),
            by=_officer(),
        )
    assert (
        refused.value.errors["term_end"]
        == ["Dự án kết thúc (01/02/2026) trước ngày Ban bắt đầu (01/03/2026)."]
        or "01/02/2026" in refused.value.errors["term_end"][0]
    )
    assert not Board.objects.exists()


def test_a_board_is_set_up_only_in_the_officers_commune_and_by_a_manager(home_commune, other_commune):
    with pytest.raises(NotAllowed):
        board_create(commune=other_commune, kind="inspection", term_start=today(), by=_officer())
    with pytest.raises(NotAllowed):
        board_create(commune=home_commune, kind="inspection", term_start=today(), by=user("thanhtra.songlo"))
    assert not Board.objects.exists()


def test_dissolving_a_board_ends_its_members_terms_the_same_day(home_commune):
    board = inspection_board(home_commune, _officer(), members=3)
    board_dissolve(board=board, on=today(), by=_officer())
    current, former = board_members(board, today=today())
    assert (len(current), len(former)) == (0, 3)
    assert set(BoardMember.objects.filter(board=board).values_list("left_on", flat=True)) == {today()}
    with pytest.raises(DomainError):
        member_add(
            board=board, full_name=MEMBER_NAMES[5], village=commune_villages(home_commune)[0], by=_officer()
        )


# --- Members and eligibility --------------------------------------------------------------------------------------


def _add(board, name, *, village=None, **more):
    village = village or commune_villages(board.unit)[0]
    return member_add(board=board, full_name=name, village=village, by=_officer(), **more)


def test_a_commune_officer_is_refused_whatever_the_diacritics(home_commune):
    board = inspection_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        _add(board, "nguyen thi  HOA")  # the desk officer Nguyễn Thị Hoa of xã Sông Lô
    message = refused.value.errors["full_name"][0]
    assert message.startswith("Nguyễn Thị Hoa là cán bộ của xã Sông Lô (Cán bộ một cửa)")
    assert not BoardMember.objects.filter(board=board).exists()


def test_a_namesake_of_another_communes_officer_may_sit(home_commune):
    board = inspection_board(home_commune, _officer())
    member = _add(board, "Vũ Thị Mai")  # an officer of xã Tam Sơn, not of Sông Lô
    assert member.full_name == "Vũ Thị Mai"


def test_a_village_head_of_a_mobilisation_team_is_refused(home_commune):
    head = (
        TeamMember.objects.filter(
            team__commune_path=home_commune.path, team__dissolved_on__isnull=True, term_end__isnull=True
        )
        .filter(roles__icontains=f'"{TeamRole.VILLAGE_HEAD}"')
        .select_related("team__village")
        .first()
    )
    assert head is not None, "the demo gives xã Sông Lô village heads in its teams"
    board = inspection_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        _add(board, head.full_name.upper())
    message = refused.value.errors["full_name"][0]
    village = head.team.village.name
    assert f"đang là trưởng thôn của {village[:1].lower()}{village[1:]}" in message
    assert not BoardMember.objects.exists()


@pytest.mark.parametrize(
    "declared, resident, field",
    [(True, True, "declared_staff"), (False, False, "resident")],
)
def test_declared_staff_or_a_non_resident_is_refused(home_commune, declared, resident, field):
    board = inspection_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        _add(board, MEMBER_NAMES[0], declared_staff=declared, resident=resident)
    assert set(refused.value.errors) == {field}
    assert not BoardMember.objects.exists()


def test_the_investment_board_takes_the_fronts_officer(home_commune):
    # The law's eligibility rule is the inspection board's: an investment board has the Front's representative.
    board = road_board(home_commune, _officer())
    member = member_add(board=board, full_name="Đỗ Thị Lan", represents="Ủy ban MTTQ xã", by=_officer())
    assert member.village is None and member.represents == "Ủy ban MTTQ xã"


def test_an_inspection_member_comes_from_a_village_of_the_commune(home_commune, other_commune):
    board = inspection_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        member_add(board=board, full_name=MEMBER_NAMES[0], village=None, by=_officer())
    assert set(refused.value.errors) == {"village"}
    with pytest.raises(DomainError) as refused:
        _add(board, MEMBER_NAMES[0], village=commune_villages(other_commune)[0])
    assert set(refused.value.errors) == {"village"}


def test_a_person_sits_once_and_a_board_has_one_head(home_commune):
    board = inspection_board(home_commune, _officer())
    _add(board, MEMBER_NAMES[0], post="head")
    with pytest.raises(DomainError) as twice:
        _add(board, MEMBER_NAMES[0].lower())
    assert set(twice.value.errors) == {"full_name"}
    with pytest.raises(DomainError) as second_head:
        _add(board, MEMBER_NAMES[1], post="head")
    assert MEMBER_NAMES[0] in second_head.value.errors["post"][0]
    assert BoardMember.objects.filter(board=board).count() == 1


def test_a_board_short_of_members_says_how_many_and_which_villages(home_commune):
    villages = list(commune_villages(home_commune))
    assert len(villages) >= 5
    board = inspection_board(home_commune, _officer(), members=3)
    current, _former = board_members(board, today=today())
    gaps = board_gaps(board, current)
    assert (gaps.minimum, gaps.members, gaps.short_by) == (
        max(5, len(villages)),
        3,
        max(5, len(villages)) - 3,
    )
    assert gaps.villages_missing == tuple(v.name for v in villages[3:])
    road = road_board(home_commune, _officer())
    assert board_gaps(road, []).short_by == 5 and board_gaps(road, []).villages_missing == ()


def test_a_member_leaves_and_no_longer_counts(home_commune):
    board = inspection_board(home_commune, _officer(), members=2)
    member = board.members.order_by("pk").first()
    member_leave(member=member, on=today(), by=_officer())
    current, former = board_members(board, today=today())
    assert [m.pk for m in former] == [member.pk] and len(current) == 1
    with pytest.raises(DomainError):
        member_leave(member=member, on=today(), by=_officer())


def test_another_communes_officer_cannot_add_a_member(home_commune):
    board = inspection_board(home_commune, _officer())
    with pytest.raises(NotAllowed):
        member_add(
            board=board,
            full_name=MEMBER_NAMES[0],
            village=commune_villages(home_commune)[0],
            by=user("danvan.tamson"),
        )
    assert not BoardMember.objects.exists()


# --- Findings ----------------------------------------------------------------------------------------------------


def test_a_finding_waits_for_the_answer_and_is_heard_on_the_opinion_board(home_commune):
    made = finding(road_board(home_commune, _officer()), _officer())
    assert (made.state, made.unit_path) == ("open", home_commune.path)
    signal = Signal.objects.get(source_kind=FINDING_SOURCE, source_id=str(made.pk))
    assert "14 cm" in signal.text and signal.unit_path == home_commune.path
    assert Event.objects.filter(action="democracy.finding_create", object_id=str(made.pk)).exists()


def test_a_finding_with_missing_text_or_its_answer_due_before_it_saves_nothing(home_commune):
    board = road_board(home_commune, _officer())
    with pytest.raises(DomainError) as refused:
        finding_create(
            board=board,
            title="",
            finding=" ",
            recommendation="Đề nghị làm lại.",
            addressed_to="",
            found_on=today() - dt.timedelta(days=3),
            answer_due=today() - dt.timedelta(days=5),
            by=_officer(),
        )
    assert set(refused.value.errors) == {"title", "finding", "addressed_to", "answer_due"}
    assert not Finding.objects.exists()
    assert not Signal.objects.filter(source_kind=FINDING_SOURCE).exists()


def test_a_finding_from_before_the_board_or_in_the_future_is_refused(home_commune):
    board = road_board(home_commune, _officer())
    for ago in (500, -3):
        with pytest.raises(DomainError) as refused:
            finding(board, _officer(), ago=ago, due_in=30)
        assert "found_on" in refused.value.errors
    assert not Finding.objects.exists()


def test_the_answer_closes_the_finding_once(home_commune):
    made = finding(road_board(home_commune, _officer()), _officer())
    done = finding_answer(
        finding=made, answer="Đã yêu cầu nhà thầu làm lại 120 m.", answered_on=today(), by=_officer()
    )
    assert (done.state, done.answered_on) == ("done", today())
    with pytest.raises(DomainError):
        finding_answer(finding=done, answer="Lần hai", answered_on=today(), by=_officer())
    event = Event.objects.get(action="democracy.finding_answer", object_id=str(made.pk))
    assert event.details["late"] is False


def test_an_answer_before_the_finding_or_without_text_is_refused(home_commune):
    made = finding(road_board(home_commune, _officer()), _officer())
    with pytest.raises(DomainError) as refused:
        finding_answer(
            finding=made, answer="", answered_on=made.found_on - dt.timedelta(days=1), by=_officer()
        )
    assert set(refused.value.errors) == {"answer", "answered_on"}
    made.refresh_from_db()
    assert (made.state, made.answer) == ("open", "")


def test_moves_in_progress_cancel_with_a_reason_and_reopen(home_commune):
    board = road_board(home_commune, _officer())
    made = finding(board, _officer())
    assert finding_move(finding=made, to="in_progress", by=_officer()).state == "in_progress"
    with pytest.raises(DomainError) as no_reason:
        finding_move(finding=made, to="cancelled", by=_officer())
    assert set(no_reason.value.errors) == {"reason"}
    cancelled = finding_move(finding=made, to="cancelled", reason="Ban đã rút kiến nghị", by=_officer())
    assert cancelled.state == "cancelled"
    with pytest.raises(DomainError):
        finding_answer(finding=cancelled, answer="Muộn", answered_on=today(), by=_officer())
    with pytest.raises(DomainError):
        finding_move(finding=cancelled, to="in_progress", reason="Mở lại", by=_officer())
    other = finding(board, _officer(), title="Rãnh thoát nước chưa làm")
    finding_answer(finding=other, answer="Đã làm rãnh.", answered_on=today(), by=_officer())
    with pytest.raises(DomainError):
        finding_move(finding=other, to="in_progress", by=_officer())  # reopening needs a reason
    assert (
        finding_move(finding=other, to="in_progress", reason="Rãnh vẫn ngập", by=_officer()).state
        == "in_progress"
    )


def test_overdue_means_waiting_past_the_answer_due(home_commune):
    board = road_board(home_commune, _officer())
    late = finding(board, _officer(), title="Chưa công khai dự toán", due_in=-1)
    finding(board, _officer(), title="Thiếu biển báo công trường", due_in=5)
    answered = finding(board, _officer(), title="Vật liệu không rõ nguồn gốc", due_in=-3)
    finding_answer(finding=answered, answer="Đã bổ sung hồ sơ vật liệu.", answered_on=today(), by=_officer())
    officer = _officer()
    assert overdue_count(officer) == 1
    assert [f.pk for f in finding_list(officer, FindingFilter(overdue=True))] == [late.pk]
    assert overdue_count(user("danvan.tamson")) == 0
    # waiting ones first, the answer due soonest on top; answered after
    assert [f.title for f in finding_list(officer)] == [
        "Chưa công khai dự toán",
        "Thiếu biển báo công trường",
        "Vật liệu không rõ nguồn gốc",
    ]


def test_another_communes_officer_cannot_record_or_answer_a_finding(home_commune):
    board = road_board(home_commune, _officer())
    with pytest.raises(NotAllowed):
        finding(board, user("danvan.tamson"))
    made = finding(board, _officer())
    with pytest.raises(NotAllowed):
        finding_answer(finding=made, answer="x", answered_on=today(), by=user("chutich.tamson"))
    assert Finding.objects.count() == 1
