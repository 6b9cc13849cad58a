"""The demo's public disclosures: in each demo commune, what a commune office really posts in a year — the budget
estimate now on the boards (item 2), last year's settlement whose 30 days have ended (item 2), the list of poor
households supported with housing, on the boards and on the loudspeakers (item 7), the list of administrative
procedures posted permanently since the commune was formed on 01/07/2025 (item 13), a contribution plan decided two
weeks ago and still not posted (late, item 5), and the call-up list decided yesterday (to disclose, item 9).

Each is recorded through the services by the commune's chairman at the moment it happened
(gandan.kit.history.clock_at), so the compliance view, the timelines and the audit trail read as a real year. With
`documents`, the budget estimate gets its spreadsheet (a file under MEDIA_ROOT).

Idempotent: a disclosure whose title is already recorded in its commune is left alone."""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.vntext import normalize
from gandan.democracy.models import Disclosure
from gandan.democracy.services.disclosures import disclosure_create
from gandan.kit.history import clock_at
from gandan.units.models import Unit

DEMO_COMMUNE_CODES = (
    "08848",
    "08824",
    "08782",
    "08773",
)  # Sông Lô, Tam Sơn, Hải Lựu, Yên Lãng (DEMO-AREA.md)
BOARDS = ("office_board", "village_houses", "portal")
FORMED = dt.date(2025, 7, 1)  # the two-level local government: the demo communes were formed that day


@dataclass(frozen=True)
class Story:
    item: int
    title: str  # "{year}": this year; "{next}": the year the December decisions are for; "{prev}": before the decision
    summary: str
    decision: str
    decided_ago: int  # days before today (-1: the day the commune was formed)
    posted_after: int | None  # days after the decision the posting started; None: not posted yet
    channels: tuple[str, ...] = BOARDS
    loudspeaker_days: int | None = None
    documents: bool = False


STORIES: tuple[Story, ...] = (
    Story(
        item=2,
        title="Dự toán thu, chi ngân sách xã năm {next}",
        summary="Tổng thu ngân sách xã 14,2 tỷ đồng; tổng chi 14,2 tỷ đồng, trong đó chi đầu tư phát triển 3,6 tỷ "
        "đồng (đường giao thông nông thôn, nhà văn hóa thôn), chi thường xuyên 10,1 tỷ đồng, dự phòng 0,5 tỷ đồng.",
        decision="25/NQ-HĐND",
        decided_ago=16,
        posted_after=2,
        channels=(*BOARDS, "village_heads"),
        documents=True,
    ),
    Story(
        item=2,
        title="Quyết toán ngân sách xã năm {prev}",
        summary="Tổng thu ngân sách xã năm trước đạt 103% dự toán; tổng chi đạt 97% dự toán. Kết dư chuyển sang "
        "năm sau 420 triệu đồng.",
        decision="18/NQ-HĐND",
        decided_ago=150,
        posted_after=3,
    ),
    Story(
        item=7,
        title="Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ sửa chữa, xây mới nhà ở năm {year}",
        summary="12 hộ được hỗ trợ, mỗi hộ xây mới 60 triệu đồng, sửa chữa 30 triệu đồng, theo tiêu chí và kết quả "
        "bình xét tại các thôn. Ý kiến phản ánh gửi về UBND xã hoặc trưởng thôn trong thời gian niêm yết.",
        decision="112/QĐ-UBND",
        decided_ago=6,
        posted_after=2,
        channels=(*BOARDS, "loudspeaker", "village_heads"),
        loudspeaker_days=3,
    ),
    Story(
        item=13,
        title="Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND xã",
        summary="Các thủ tục hành chính tiếp nhận tại Trung tâm Phục vụ hành chính công xã: thành phần hồ sơ, thời "
        "hạn giải quyết, phí, lệ phí. Niêm yết thường xuyên, cập nhật khi có thay đổi.",
        decision="01/QĐ-UBND",
        decided_ago=-1,  # decided the day the commune was formed (see `_decided_on`)
        posted_after=1,
        channels=("office_board", "portal"),
    ),
    Story(
        item=5,
        title="Kế hoạch vận động Nhân dân đóng góp xây dựng nhà văn hóa thôn",
        summary="Mức vận động tự nguyện 300.000 đồng/hộ; hộ nghèo, gia đình chính sách được miễn. Kinh phí do Ban "
        "phát triển thôn quản lý, công khai thu chi hằng tháng.",
        decision="98/KH-UBND",
        decided_ago=14,
        posted_after=None,
    ),
    Story(
        item=9,
        title="Danh sách công dân trong độ tuổi gọi nhập ngũ năm {next}",
        summary="Danh sách công dân đủ điều kiện gọi nhập ngũ và thực hiện nghĩa vụ tham gia Công an nhân dân; "
        "các trường hợp tạm hoãn, miễn theo quy định.",
        decision="15/QĐ-HĐNVQS",
        decided_ago=1,
        posted_after=None,
        channels=(*BOARDS, "loudspeaker"),
    ),
)


def _decided_on(story: Story, today: dt.date) -> dt.date:
    return FORMED if story.decided_ago < 0 else today - dt.timedelta(days=story.decided_ago)


def _title(story: Story, today: dt.date, decided: dt.date) -> str:
    following = (today + dt.timedelta(days=45)).year  # next year's budget and call-up are decided in December
    return normalize(story.title.format(year=today.year, next=following, prev=decided.year - 1))


def _moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _estimate_sheet() -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in (
        ("Nội dung", "Dự toán (triệu đồng)"),
        ("Tổng thu ngân sách xã", 14200),
        ("Chi đầu tư phát triển", 3600),
        ("Chi thường xuyên", 10100),
        ("Dự phòng ngân sách", 500),
    ):
        sheet.append(line)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("du-toan-ngan-sach-xa.xlsx", out.getvalue())


def _chairman(commune: Unit) -> User | None:
    return User.objects.filter(unit=commune, is_active=True, username__startswith="chutich.").first()


def seed_disclosures(
    *, communes: list[Unit] | None = None, today: dt.date | None = None, documents: bool = False
) -> int:
    """The demo's disclosures in `communes` (the four demo communes by default); returns how many were recorded."""
    today = today or timezone.localdate()
    if communes is None:
        communes = list(Unit.objects.filter(code__in=DEMO_COMMUNE_CODES, valid_to__isnull=True))
    created = 0
    for commune in sorted(communes, key=lambda u: u.code):
        chairman = _chairman(commune)
        if chairman is None:
            continue
        existing = set(Disclosure.objects.filter(unit=commune).values_list("title", flat=True))
        for story in STORIES:
            decided = _decided_on(story, today)
            title = _title(story, today, decided)
            if title in existing:
                continue
            start = None if story.posted_after is None else decided + dt.timedelta(days=story.posted_after)
            recorded_on = start or decided + dt.timedelta(days=1)
            with clock_at(_moment(min(recorded_on, today))):
                disclosure_create(
                    unit=commune,
                    item=story.item,
                    title=title,
                    summary=story.summary,
                    decision_ref=story.decision,
                    decided_on=decided,
                    channels=list(story.channels),
                    start=start,
                    loudspeaker_days=story.loudspeaker_days,
                    documents=[_estimate_sheet()] if documents and story.documents else [],
                    by=chairman,
                )
            created += 1
    return created


# --- A commune's years of disclosures, for the benchmark ------------------------------------------------------------

BULK_TITLES = (
    (1, "Kế hoạch phát triển kinh tế - xã hội"),
    (2, "Dự toán thu, chi ngân sách xã"),
    (2, "Tình hình thực hiện ngân sách xã quý"),
    (3, "Phương án bồi thường, hỗ trợ giải phóng mặt bằng tuyến đường liên thôn"),
    (4, "Quy chế thực hiện dân chủ ở cơ sở"),
    (5, "Kế hoạch vận động đóng góp xây dựng nhà văn hóa thôn"),
    (6, "Kế hoạch mua sắm tài sản công"),
    (7, "Danh sách hộ được hỗ trợ nhà ở"),
    (8, "Danh sách hộ được hỗ trợ khắc phục thiệt hại do bão"),
    (9, "Danh sách công dân gọi nhập ngũ"),
    (10, "Kết luận thanh tra việc quản lý đất công"),
    (11, "Kế hoạch lấy ý kiến Nhân dân về quy hoạch chợ"),
    (12, "Mức thu phí, lệ phí tại chợ xã"),
    (13, "Danh mục thủ tục hành chính cấp xã"),
    (14, "Thông báo kết quả bình xét gia đình văn hóa"),
)


def seed_many_disclosures(
    *, commune: Unit, count: int, today: dt.date, by: User, days: int = 3650, seed: int = 2027, progress=None
) -> int:
    """`count` disclosures of `commune`, their decisions spread evenly over the last `days` days, as the services
    would have left them (deadline on the working calendar, the legal minimum posting, 3 days on the loudspeakers for
    items 7–12), written in bulk: about 30 a day over ten years, so some eight hundred are on the boards today. A
    permanent item (4, 13) is withdrawn when the next one of its kind is posted ("replaced"), as an official does; one
    in a hundred is withdrawn for a mistake. Not indexed for search (the benchmark reads the list without a query)."""
    import random

    from gandan.core.democracy import disclosure as rules
    from gandan.core.vntext import search_key
    from gandan.workcalendar.selectors import work_calendar

    rng = random.Random(seed)
    calendar = work_calendar()
    by_item = {r.item: r for r in rules.RULES if r.valid_to is None}
    batch: list[Disclosure] = []
    written = 0
    for n in range(count):
        item, words = BULK_TITLES[n % len(BULK_TITLES)]
        rule = by_item[item]
        decided = today - dt.timedelta(days=days - 1 - (n * days) // count)
        posted = decided + dt.timedelta(days=rng.randint(1, 8))
        start = posted if posted <= today else None
        title = f"{words} số {n + 1}"
        withdrawn = rng.random() < 0.01 or (rule.permanent and n + len(BULK_TITLES) < count)
        batch.append(
            Disclosure(
                unit=commune,
                unit_path=commune.path,
                item=item,
                title=title,
                title_search=search_key(title)[:800],
                summary="Nội dung chi tiết niêm yết tại trụ sở UBND xã và nhà văn hóa các thôn.",
                decision_ref=f"{n % 300 + 1}/QĐ-UBND",
                decided_on=decided,
                deadline=rules.disclose_by(decided, rule, calendar=calendar),
                start=start,
                end=rules.default_end(start, rule) if start else None,
                permanent=rule.permanent,
                channels=[*BOARDS, "loudspeaker"] if rule.loudspeaker_days else list(BOARDS),
                loudspeaker_days=rule.loudspeaker_days,
                legal_basis=rule.legal_basis,
                withdrawn_on=start + dt.timedelta(days=1) if withdrawn and start else None,
                withdraw_reason="Thay thế bằng văn bản mới" if withdrawn and start else "",
                created_by=by,
            )
        )
        if len(batch) >= 2000:
            Disclosure.objects.bulk_create(batch)
            written += len(batch)
            if progress is not None:
                progress(len(batch))
            batch = []
    if batch:
        Disclosure.objects.bulk_create(batch)
        written += len(batch)
        if progress is not None:
            progress(len(batch))
    from django.db import connection

    with (
        connection.cursor() as cursor
    ):  # fresh statistics for the query planner, as the other seeds leave them
        cursor.execute("ANALYZE democracy_disclosure")
    return written
