"""The demo's village covenants (DEMO-AREA.md): in each of the four demo communes, the first village's covenant in
force (drafted, voted by its households, sent and recognised by the chairman earlier in the year) and the second
village's covenant in the recognition step (adopted last week, its dossier sent two days ago: the chairman's answer
is due within 5 working days).

Through the services, with the clock set to the day of each step: the village's officer (`danvan.<commune>`) drafts
and records, the chairman (`chutich.<commune>`) recognises. Idempotent: a commune that already has a covenant is
left alone."""

import datetime as dt

from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.democracy.models import Covenant
from gandan.democracy.services import covenants as services
from gandan.kit.history import clock_at
from gandan.units.models import GRASSROOTS_KINDS, Unit

DEMO_CODES = ("08848", "08824", "08782", "08773")


def covenant_text(village: str) -> str:
    return (
        f"HƯƠNG ƯỚC {village.upper()}\n\n"
        "Chương I. NHỮNG QUY ĐỊNH CHUNG\n"
        f"Điều 1. Hương ước này quy định những việc cộng đồng dân cư {village} cùng thực hiện để giữ gìn an ninh "
        "trật tự, vệ sinh môi trường và thuần phong mỹ tục, phù hợp với pháp luật.\n"
        "Điều 2. Mọi người dân sinh sống trên địa bàn thôn có trách nhiệm thực hiện hương ước.\n\n"
        "Chương II. NHỮNG QUY ĐỊNH CỤ THỂ\n"
        "Điều 3. Giữ gìn đường làng, ngõ xóm xanh, sạch, đẹp; mỗi hộ tự quét dọn đoạn đường trước nhà vào sáng Chủ "
        "nhật hằng tuần; không đổ rác, xả nước thải ra đường và mương tưới.\n"
        "Điều 4. Việc cưới, việc tang tổ chức trang trọng, tiết kiệm; không sử dụng loa công suất lớn sau 22 giờ.\n"
        "Điều 5. Các hộ hòa thuận, giúp đỡ nhau trong sản xuất và khi gặp khó khăn; mâu thuẫn được tổ hòa giải của "
        "thôn hòa giải trước.\n"
        "Điều 6. Tham gia đầy đủ các buổi họp của cộng đồng dân cư; đóng góp các khoản do hội nghị thôn biểu quyết.\n\n"
        "Chương III. KHEN THƯỞNG VÀ XỬ LÝ VI PHẠM\n"
        "Điều 7. Hộ gia đình, cá nhân thực hiện tốt hương ước được thôn biểu dương tại hội nghị cuối năm.\n"
        "Điều 8. Người vi phạm bị nhắc nhở, phê bình tại cuộc họp thôn; hương ước không thay thế việc xử lý vi phạm "
        "theo quy định của pháp luật.\n\n"
        "Chương IV. TỔ CHỨC THỰC HIỆN\n"
        "Điều 9. Trưởng thôn, Ban công tác Mặt trận thôn tổ chức thực hiện; việc sửa đổi hương ước do hội nghị thôn "
        "biểu quyết và được Chủ tịch UBND xã công nhận."
    )


def _user(commune: Unit, role: Role) -> User | None:
    return User.objects.filter(unit=commune, is_active=True, roles__role=role).order_by("username").first()


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _weekday(day: dt.date, shift: int) -> dt.date:
    """`day` moved by `shift` days, then back to a weekday (never before `day` when `shift` is positive)."""
    found = day + dt.timedelta(days=shift)
    while found.weekday() >= 5:
        found -= dt.timedelta(days=1)
    return found


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _adopted(village: Unit, by: User, *, drafted: dt.date, voted: dt.date, households: int) -> Covenant:
    with clock_at(_at(drafted)):
        covenant = services.covenant_create(
            village=village,
            title=f"Hương ước {_lower_first(village.name)}",
            text=covenant_text(_lower_first(village.name)),
            by=by,
        )
        services.covenant_to_vote(covenant=covenant, by=by)
    present = households * 3 // 4
    with clock_at(_at(voted, 20)):
        services.covenant_adoption_record(
            covenant=covenant,
            households=households,
            present=present,
            yes=present - 4,
            voted_on=voted,
            by=by,
        )
    return covenant


def seed_covenants(*, communes: list[Unit] | None = None, today: dt.date | None = None) -> int:
    """For each demo commune without a covenant: one in force in its first village, one sent for recognition in its
    second. Returns how many covenants were made."""
    if communes is None:
        communes = list(Unit.objects.filter(code__in=DEMO_CODES, valid_to__isnull=True).order_by("code"))
    today = today or timezone.localdate()
    made = 0
    for commune in communes:
        officer = _user(commune, Role.MOBILIZATION_OFFICER)
        chairman = _user(commune, Role.UNIT_LEADER)
        villages = list(
            Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
                "name_search"
            )
        )
        if officer is None or chairman is None or len(villages) < 2:
            continue
        if Covenant.objects.filter(commune_path=commune.path).exists():
            continue
        voted = _weekday(today, -200)
        standing = _adopted(
            villages[0], officer, drafted=voted - dt.timedelta(days=40), voted=voted, households=180
        )
        sent = _weekday(voted, 3)
        with clock_at(_at(sent)):
            services.covenant_submit(covenant=standing, submitted_on=sent, by=officer)
        recognised = _weekday(sent, 4)
        with clock_at(_at(recognised, 15)):
            services.covenant_recognise(
                covenant=standing,
                decision_ref=f"{40 + made}/QĐ-UBND",
                recognised_on=recognised,
                by=chairman,
            )
        voted = _weekday(today, -7)
        waiting = _adopted(
            villages[1], officer, drafted=voted - dt.timedelta(days=30), voted=voted, households=140
        )
        sent = _weekday(today, -2)
        with clock_at(_at(sent)):
            services.covenant_submit(covenant=waiting, submitted_on=sent, by=officer)
        made += 2
    return made
