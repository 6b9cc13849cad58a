"""The demo's consultations (DEMO-AREA.md): in each of the four demo communes, a draft open for comments today — the
commune's socio-economic plan for next year, by section — with opinions from several channels (community meetings,
slips, the suggestion box, the hotline, the village's social-network group, the portal), some already considered;
and an earlier consultation whose summary, explanation and answers are published.

Everything goes through the services as the commune's mass-mobilisation officer (`danvan.<commune>`), the earlier
consultation with the clock set to the days it happened. Idempotent: a commune that already has a consultation is
left alone."""

import datetime as dt
import random

from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.democracy.models import Consultation
from gandan.democracy.services import consultations as services
from gandan.democracy.services.consultations import SectionText
from gandan.kit.history import clock_at
from gandan.units.models import GRASSROOTS_KINDS, Unit

DEMO_CODES = ("08848", "08824", "08782", "08773")
SEED = 2026

PLAN_SECTIONS = [
    (
        "Đánh giá tình hình năm nay",
        "Tổng giá trị sản xuất tăng khoảng 7,5%; hoàn thành cứng hóa 4,2 km đường giao thông nông thôn; tỷ lệ hộ "
        "nghèo giảm còn 2,1%. Một số tuyến đường nội đồng xuống cấp, thu hút đầu tư vào cụm công nghiệp còn chậm.",
    ),
    (
        "Mục tiêu năm tới",
        "Tốc độ tăng giá trị sản xuất 8%; thu nhập bình quân đạt 62 triệu đồng/người/năm; 100% thôn đạt chuẩn nông "
        "thôn mới kiểu mẫu về cảnh quan; tỷ lệ tham gia bảo hiểm y tế trên 95%.",
    ),
    (
        "Các công trình đầu tư",
        "Nâng cấp đường liên thôn Bến Đò - Đồng Cả (2,8 km); xây dựng nhà văn hóa hai thôn; kè chống sạt lở bờ sông "
        "Lô đoạn qua xã; lắp đặt 120 đèn chiếu sáng công cộng. Nhân dân đóng góp theo phương án được các thôn biểu "
        "quyết.",
    ),
    (
        "Giải pháp thực hiện",
        "Đẩy mạnh chuyển đổi cơ cấu cây trồng sang bưởi, chè chất lượng cao; hỗ trợ hợp tác xã tiêu thụ nông sản; "
        "cải cách thủ tục hành chính, giải quyết hồ sơ đúng hạn; phát huy vai trò giám sát của nhân dân.",
    ),
]

OPINIONS = [
    (
        "meeting",
        "Đề nghị ưu tiên làm đường liên thôn trước mùa mưa, đoạn qua xóm Trong thường xuyên ngập.",
        3,
    ),
    ("slip", "Mức đóng góp làm đường nên chia theo nhân khẩu, hộ nghèo và hộ cận nghèo được miễn.", 3),
    ("portal", "Đồng ý với mục tiêu của dự thảo; đề nghị công khai tiến độ từng công trình hằng quý.", None),
    ("box", "Đèn chiếu sáng nên lắp trước ở đường ra bến đò và cổng trường học.", 3),
    ("hotline", "Cần có kế hoạch nạo vét mương tưới tiêu nội đồng, nhiều đoạn bị bồi lấp.", 4),
    ("social", "Nhà văn hóa thôn xuống cấp, đề nghị đưa vào danh mục sửa chữa năm tới.", 3),
    (
        "front",
        "Hội Nông dân đề nghị bổ sung hỗ trợ giống bưởi cho các hộ chuyển đổi từ đất lúa kém hiệu quả.",
        4,
    ),
    ("portal", "Mong xã hỗ trợ thanh niên học nghề, làm việc tại cụm công nghiệp gần nhà.", 2),
]

PUBLISHED = [
    (
        "policy",
        "Dự thảo phương án hỗ trợ giải phóng mặt bằng mở rộng đường trục xã",
        [
            ("Phạm vi", "Tuyến đường trục xã dài 3,1 km, mở rộng mặt đường từ 3,5 m lên 5,5 m."),
            (
                "Mức hỗ trợ",
                "Hỗ trợ tháo dỡ tường rào, cổng ngõ theo đơn giá của tỉnh; cây trồng theo thực tế.",
            ),
        ],
    ),
    (
        "regulation",
        "Dự thảo Quy chế thực hiện dân chủ ở cơ sở của xã",
        [
            (
                "Công khai thông tin",
                "Các nội dung công khai, hình thức và thời hạn công khai theo Luật số 10/2022/QH15.",
            ),
            (
                "Tiếp nhận ý kiến",
                "Hòm thư góp ý đặt tại trụ sở UBND xã và nhà văn hóa các thôn; đường dây nóng của xã.",
            ),
        ],
    ),
]
ANSWERS = {
    "accepted": "Tiếp thu, đã chỉnh sửa dự thảo.",
    "partly": "Tiếp thu một phần; phần còn lại sẽ xem xét khi có nguồn vốn.",
    "not_accepted": "Không tiếp thu vì trái với quy định về định mức hỗ trợ của tỉnh.",
}


def _officer(commune: Unit) -> User | None:
    return (
        User.objects.filter(unit=commune, is_active=True, roles__role=Role.MOBILIZATION_OFFICER)
        .order_by("username")
        .first()
    )


def _villages(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
            "name_search"
        )
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _open_plan(commune: Unit, by: User, today: dt.date, rng: random.Random) -> int:
    opens = today - dt.timedelta(days=7)
    with clock_at(min(_at(opens, 8), timezone.now())):
        consultation = services.consultation_create(
            commune=commune,
            subject=Consultation.Subject.SOCIO_ECONOMIC,
            title=f"Dự thảo Kế hoạch phát triển kinh tế - xã hội {commune.name} năm {today.year + 1}",
            introduction=(
                "Ủy ban nhân dân xã lấy ý kiến nhân dân về dự thảo kế hoạch trước khi trình Hội đồng nhân dân xã. "
                "Bà con góp ý tại hội nghị ở thôn, qua phiếu, hòm thư góp ý, đường dây nóng hoặc trên Cổng thông tin."
            ),
            opens=opens,
            closes=today + dt.timedelta(days=14),
            sections=[SectionText(h, t) for h, t in PLAN_SECTIONS],
            by=by,
        )
        services.consultation_open(consultation=consultation, by=by)
    sections = list(consultation.sections.order_by("number"))
    villages = _villages(commune)
    count = 0
    for offset, (channel, text, number) in enumerate(OPINIONS[: rng.randint(6, len(OPINIONS))]):
        day = opens + dt.timedelta(days=min(offset, 6))
        section = sections[number - 1] if number else None
        village = rng.choice(villages) if villages and channel != "portal" else None
        with clock_at(min(_at(day, 15), timezone.now())):
            if channel == "portal":
                comment = services.comment_submit(consultation=consultation, text=text, section=section)
            else:
                comment = services.comment_enter(
                    consultation=consultation,
                    channel=channel,
                    text=text,
                    section=section,
                    village=village,
                    by=by,
                )
            if offset < 3:  # the first ones were considered as they came
                disposition = ("accepted", "partly", "not_accepted")[offset]
                services.comment_consider(
                    comment=comment, disposition=disposition, response=ANSWERS[disposition], by=by
                )
        count += 1
    return count + 1


def _published(commune: Unit, by: User, today: dt.date, rng: random.Random) -> int:
    subject, title, sections = rng.choice(PUBLISHED)
    opens, closes = today - dt.timedelta(days=75), today - dt.timedelta(days=45)
    with clock_at(_at(opens, 8)):
        consultation = services.consultation_create(
            commune=commune,
            subject=subject,
            title=title,
            opens=opens,
            closes=closes,
            sections=[SectionText(h, t) for h, t in sections],
            by=by,
        )
        services.consultation_open(consultation=consultation, by=by)
    villages = _villages(commune)
    gathered = [o for o in OPINIONS if o[0] != "portal"][:4]
    for offset, (channel, text, _number) in enumerate(gathered):
        with clock_at(_at(opens + dt.timedelta(days=3 * offset + 1), 16)):
            comment = services.comment_enter(
                consultation=consultation,
                channel=channel,
                text=text,
                village=villages[offset % len(villages)] if villages else None,
                by=by,
            )
        with clock_at(_at(closes + dt.timedelta(days=3), 10)):
            disposition = ("accepted", "partly", "accepted", "not_accepted")[offset]
            services.comment_consider(
                comment=comment, disposition=disposition, response=ANSWERS[disposition], by=by
            )
    with clock_at(_at(closes + dt.timedelta(days=5), 14)):
        services.consultation_summarise(
            consultation=consultation,
            summary=(
                "Đã nhận 4 ý kiến qua hội nghị ở thôn, phiếu lấy ý kiến, hòm thư góp ý và đường dây nóng. Đa số ý kiến "
                "đồng tình với dự thảo; một số ý kiến đề nghị điều chỉnh mức đóng góp và thứ tự ưu tiên công trình."
            ),
            explanation=(
                "UBND xã tiếp thu các ý kiến về thứ tự ưu tiên và miễn đóng góp cho hộ nghèo; không tiếp thu đề nghị "
                "vượt định mức hỗ trợ của tỉnh. Dự thảo đã được chỉnh sửa trước khi ban hành."
            ),
            by=by,
        )
        services.consultation_publish(consultation=consultation, by=by)
    return 1


def seed_consultations(*, communes: list[Unit] | None = None, today: dt.date | None = None) -> int:
    """For each demo commune without a consultation: one open today with opinions from several channels, and one
    whose summary is published. Returns how many consultations and opinions were recorded."""
    if communes is None:
        communes = list(Unit.objects.filter(code__in=DEMO_CODES, valid_to__isnull=True).order_by("code"))
    today = today or timezone.localdate()
    made = 0
    for commune in communes:
        officer = _officer(commune)
        if officer is None or Consultation.objects.filter(unit=commune).exists():
            continue
        rng = random.Random(f"{SEED}-consultations-{commune.code}")
        made += _published(commune, officer, today, rng)
        made += _open_plan(commune, officer, today, rng)
    return made
