"""The demo's household registers and votes: in each demo commune the first two villages (in name order) get a register
of 60 to 120 households with plausible Vietnamese representatives (gandan.core.sample_names), imported from a
spreadsheet as an officer would (one audit event per commune); more than half of the second village's households
agreed to vote online.

Each commune then holds a village meeting on a road contribution (Art. 15 item 1, at least 2/3 of all households),
three weeks ago, through the services at the moments they happened (gandan.kit.history.clock_at): in xã Sông Lô it
fails the 2/3 of all households although most of those present agreed; elsewhere it passes and its community
decision is sent to the commune (in xã Tam Sơn the commune recognised it). The second village of xã Sông Lô has an
online vote open on another matter (item 6), with its ballot codes printed and a few households having voted.

Reproducible (a fixed seed per commune) and idempotent: a commune whose villages have any household is left alone."""

import datetime as dt
import io
from random import Random

from django.utils import timezone
from openpyxl import Workbook

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.core.sample_names import FAMILY, GIVEN, MIDDLE
from gandan.democracy.models import Household
from gandan.democracy.services.ballots import ballot_cast_online, codes_issue
from gandan.democracy.services.households_import import COLUMNS, households_import
from gandan.democracy.services.vote_results import vote_answer, vote_count, vote_send
from gandan.democracy.services.votes import vote_create, vote_open
from gandan.kit.history import clock_at
from gandan.units.models import GRASSROOTS_KINDS, Unit

SEED = 2026
DEMO_COMMUNES = ("08848", "08824", "08782", "08773")
HAMLETS = ["Xóm Trên", "Xóm Giữa", "Xóm Dưới", "Xóm Đình", "Xóm Chùa", "Xóm Bãi"]
BOARD = 3
ROAD_TITLE = "Đóng góp làm đường bê tông liên xóm"
ROAD_QUESTION = (
    "Mỗi hộ đóng góp 600.000 đồng và 2 ngày công để bê tông hóa 1,2 km đường liên xóm; Nhà nước hỗ trợ xi măng "
    "theo chương trình xây dựng nông thôn mới. Hộ nghèo, hộ cận nghèo được miễn tiền đóng góp."
)


def _user(commune: Unit, role: Role) -> User | None:
    return User.objects.filter(unit=commune, is_active=True, roles__role=role).order_by("pk").first()


def _names(rng: Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        middle = rng.choice(MIDDLE)
        name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
        if name not in names:
            names.append(name)
    return names


def _register(rng: Random, villages: list[Unit], today: dt.date) -> bytes:
    """The spreadsheet of the two villages' households (the second village: most agreed to vote online)."""
    book = Workbook()
    sheet = book.active
    sheet.append([title for title, _aliases in COLUMNS.values()])
    for position, village in enumerate(villages):
        size = rng.randint(60, 120)
        share = 0.62 if position == 1 else 0.15
        for number, name in enumerate(_names(rng, size), start=1):
            agreed = rng.random() < share
            day = today - dt.timedelta(days=rng.randint(40, 300))
            sheet.append(
                [
                    village.name,
                    str(number),
                    name,
                    f"{rng.choice(HAMLETS)}, {village.name}",
                    "Có" if agreed else "",
                    day.strftime("%d/%m/%Y") if agreed else "",
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _road_vote(
    commune: Unit, village: Unit, officer: User, leader: User | None, rng: Random, today: dt.date
) -> None:
    """The meeting on the road contribution, three weeks ago, counted at its end; then its decision's journey."""
    day = today - dt.timedelta(days=21)
    households = Household.objects.filter(village=village, left_on__isnull=True).count()
    board = "\n".join(_names(Random(f"{SEED}-board-{commune.code}"), BOARD))
    with clock_at(_at(day - dt.timedelta(days=5), 9)):
        vote = vote_create(
            village=village,
            matter=1,
            form="meeting",
            title=ROAD_TITLE,
            question=ROAD_QUESTION,
            notice_on=day - dt.timedelta(days=4),
            opens_at=_at(day, 19),
            closes_at=_at(day, 21),
            counting_board=board,
            village_head=_names(Random(f"{SEED}-head-{commune.code}"), 1)[0],
            front_head=_names(Random(f"{SEED}-front-{commune.code}"), 1)[0],
            by=officer,
        )
        vote = vote_open(vote=vote, by=officer)
    present = round(households * 0.71)
    needed = -(-2 * households // 3)
    # xã Sông Lô: most of those present agree, yet short of 2/3 of ALL households (the lesson of the module).
    yes = needed - 2 if commune.code == "08848" else min(present, needed + rng.randint(1, 4))
    no = min(present - yes, rng.randint(1, 5))
    witnesses = _names(Random(f"{SEED}-witness-{commune.code}"), 2)
    with clock_at(_at(day, 21)):
        vote = vote_count(
            vote=vote,
            counting_board=board,
            witness_1=witnesses[0],
            witness_2=witnesses[1],
            present=present,
            yes=yes,
            no=no,
            blank=present - yes - no,
            by=officer,
        )
    if not vote.passed:
        return
    sent = day + dt.timedelta(days=3)
    with clock_at(_at(sent, 10)):
        vote = vote_send(vote=vote, on=sent, by=officer)
    if commune.code == "08824" and leader is not None:
        answered = sent + dt.timedelta(days=4)
        with clock_at(_at(answered, 15)):
            vote_answer(vote=vote, recognise=True, on=answered, by=leader)


def _online_vote(village: Unit, officer: User, rng: Random, today: dt.date) -> None:
    """An open online vote on another matter, its codes printed, a few households having voted."""
    opens = _at(today - dt.timedelta(days=1), 7)
    with clock_at(_at(today - dt.timedelta(days=4), 9)):
        vote = vote_create(
            village=village,
            matter=6,
            form="online",
            title="Chọn ngày tổ chức Ngày hội Đại đoàn kết toàn dân tộc của thôn",
            question="Tổ chức Ngày hội Đại đoàn kết vào Chủ nhật đầu tiên sau khi có kết quả biểu quyết, tại nhà văn hóa thôn.",
            notice_on=today - dt.timedelta(days=4),
            opens_at=opens,
            closes_at=_at(today + dt.timedelta(days=6), 20),
            counting_board="\n".join(_names(Random(f"{SEED}-online-{village.pk}"), BOARD)),
            by=officer,
        )
        vote = vote_open(vote=vote, by=officer)
        codes = codes_issue(vote=vote, by=officer)
    with clock_at(opens + dt.timedelta(hours=3)):
        for issued in codes[: rng.randint(8, 14)]:
            choice = "yes" if rng.random() < 0.8 else rng.choice(["no", "blank"])
            ballot_cast_online(vote=vote, code=issued.code, choice=choice, client="127.0.0.1")


def seed_votes(*, communes: list[Unit] | None = None, today: dt.date | None = None) -> int:
    """The demo registers and votes of `communes` (default: the four demo communes); returns the households added."""
    today = today or timezone.localdate()
    if communes is None:
        communes = list(Unit.objects.filter(code__in=DEMO_COMMUNES, valid_to__isnull=True))
    added = 0
    for commune in sorted(communes, key=lambda c: c.code):
        villages = list(
            Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
                "name_search", "pk"
            )[:2]
        )
        officer = _user(commune, Role.MOBILIZATION_OFFICER) or _user(commune, Role.DESK_OFFICER)
        if len(villages) < 2 or officer is None or Household.objects.filter(village__in=villages).exists():
            continue
        rng = Random(f"{SEED}-{commune.code}")
        with clock_at(_at(today - dt.timedelta(days=60), 8)):
            report = households_import(
                commune=commune, upload=_register(rng, villages, today - dt.timedelta(days=60)), by=officer
            )
        if not report.saved:
            raise RuntimeError(f"the demo register of {commune.name} was refused: {report.errors[:3]}")
        added += report.added
        _road_vote(commune, villages[0], officer, _user(commune, Role.UNIT_LEADER), rng, today)
        if commune.code == "08848":
            _online_vote(villages[1], officer, rng, today)
    return added
