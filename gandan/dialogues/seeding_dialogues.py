"""The demo's dialogues (DEMO-AREA.md): in each of the four demo communes, the year's dialogue with the people, held
some ten weeks ago with the Fatherland Front — questions sent on the portal, written down at citizen reception, brought
by village heads and asked in the room, grouped by theme and answered, one set aside; the commitments its answers made,
one done with its evidence, one under way, one overdue, one not started, and one made directly by the chair — and a
thematic dialogue three weeks ahead that is taking questions.

Everything goes through the services, each step at the moment it happened (gandan.kit.history.clock_at), as the
commune's officers: the chairman (`chutich.<commune>`) holds and answers, the mass-mobilisation officer (`danvan.…`)
organises, the case handler (`xuly.…`) answers the questions assigned to him and reports on his commitments.
Idempotent: a commune that already has a dialogue is left alone; one without its officers or villages is skipped."""

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from gandan.accounts.models import User
from gandan.dialogues.models import Dialogue, Question
from gandan.dialogues.services.commitments import (
    CommitmentFacts,
    commitment_create,
    commitment_done,
    commitment_progress,
)
from gandan.dialogues.services.dialogues import (
    DialogueFacts,
    dialogue_close,
    dialogue_hold,
    dialogue_schedule,
)
from gandan.dialogues.services.questions import (
    Asker,
    question_answer,
    question_enter,
    question_group,
    question_set_aside,
    question_submit,
)
from gandan.kit.history import clock_at
from gandan.units.models import GRASSROOTS_KINDS, Unit

DEMO_COMMUNES = {"08848": "songlo", "08824": "tamson", "08782": "hailuu", "08773": "yenlang"}
HELD_DAYS_AGO = 75
UPCOMING_IN_DAYS = 18

TRAFFIC, LAND, WATER, ENVIRONMENT, SOCIAL = (
    "Giao thông",
    "Đất đai",
    "Thủy lợi",
    "Môi trường",
    "Chính sách xã hội",
)
ASKERS = [
    "Nguyễn Văn Thuận",
    "Trần Thị Lý",
    "Lê Văn Cường",
    "Phạm Thị Hạnh",
    "Hoàng Văn Chiến",
    "Đỗ Thị Nhung",
]


def _bare(village) -> str:
    """A village's name without its kind, as a sentence that says "thôn" itself uses it ("thôn Lũng Hạ", never
    "thôn Thôn Lũng Hạ")."""
    return re.sub(r"^(?:Thôn|Xóm|Tổ dân phố|Khu phố|Khu|Bản|Làng)\s+", "", village.name)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _demo_communes() -> list[Unit]:
    return list(Unit.objects.filter(code__in=DEMO_COMMUNES, valid_to__isnull=True).order_by("code"))


def _user(prefix: str, slug: str) -> User | None:
    return User.objects.select_related("unit").filter(username=f"{prefix}.{slug}", is_active=True).first()


def _held(commune: Unit, villages: list[Unit], staff: dict[str, User], today: dt.date) -> int:
    """The annual dialogue, held HELD_DAYS_AGO days ago, with its questions, answers and commitments."""
    chair, organiser, handler = staff["chutich"], staff["danvan"], staff["xuly"]
    held_day = today - dt.timedelta(days=HELD_DAYS_AGO)
    starts = _at(held_day, 8)
    v = [villages[i % len(villages)] for i in range(6)]
    with clock_at(starts - dt.timedelta(days=30)):
        dialogue = dialogue_schedule(
            commune=commune,
            facts=DialogueFacts(
                kind=Dialogue.Kind.ANNUAL,
                title=f"Hội nghị đối thoại giữa Chủ tịch UBND {commune.name.lower()} với Nhân dân năm {held_day.year}",
                starts_at=starts,
                place=f"Hội trường UBND {commune.name.lower()}",
                chaired_by="Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ Việt Nam xã",
                participants="Thường trực Đảng ủy, HĐND, UBND xã; Ban Thường trực Ủy ban MTTQ xã; Ban Thanh tra nhân "
                "dân; trưởng các thôn; đại diện cử tri các thôn.",
                agenda="1. UBND xã báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội.\n2. Nhân dân nêu "
                "ý kiến, kiến nghị.\n3. Lãnh đạo UBND xã và các ngành trả lời, tiếp thu.\n4. Kết luận hội nghị.",
                questions_until=starts - dt.timedelta(days=2),
            ),
            by=organiser,
        )
    with clock_at(starts - dt.timedelta(days=20)):
        road = question_submit(
            dialogue=dialogue,
            asker=Asker(name=ASKERS[0], village=v[0], phone="0912345601"),
            text=f"Đường liên thôn từ thôn {_bare(v[0])} ra đường tỉnh xuống cấp, nhiều ổ gà, trời mưa ngập sâu, học sinh "
            "đi lại rất nguy hiểm. Đề nghị xã cho biết bao giờ sửa chữa?",
        )
        dump = question_submit(
            dialogue=dialogue,
            asker=Asker(name=ASKERS[3], village=v[3], email="hanh.pham@example.vn"),
            text="Bãi rác tự phát ven đê gây ô nhiễm, ruồi muỗi nhiều về mùa hè. Đề nghị xã có biện pháp xử lý dứt "
            "điểm và ngăn việc đổ rác bừa bãi.",
        )
        boundary = question_submit(
            dialogue=dialogue,
            asker=Asker(name=ASKERS[5], village=v[4]),
            text="Nhà hàng xóm xây tường lấn sang đất nhà tôi khoảng 20 cm, đề nghị xã giải quyết.",
        )
    with clock_at(starts - dt.timedelta(days=12)):
        papers = question_enter(
            dialogue=dialogue,
            channel=Question.Channel.RECEPTION,
            asker=Asker(name=ASKERS[1], village=v[1], phone="0987654302"),
            text="Gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất từ đầu năm nhưng đến nay chưa có kết "
            "quả, cũng không được thông báo lý do.",
            by=organiser,
        )
        canal = question_enter(
            dialogue=dialogue,
            channel=Question.Channel.VILLAGE_HEAD,
            asker=Asker(name=ASKERS[2], village=v[2]),
            text="Mương tưới nội đồng bị bồi lấp, cỏ mọc kín lòng mương; vụ tới nhiều ruộng sẽ thiếu nước.",
            by=organiser,
        )
    with clock_at(starts - dt.timedelta(days=3)):
        question_group(question=road, theme=TRAFFIC, assigned_to=handler, by=organiser)
        question_group(question=papers, theme=LAND, assigned_to=handler, by=organiser)
        question_group(question=canal, theme=WATER, assigned_to=None, by=organiser)
        question_group(question=dump, theme=ENVIRONMENT, assigned_to=None, by=organiser)
        question_set_aside(
            question=boundary,
            reason="Tranh chấp ranh giới giữa các hộ: đề nghị gửi đơn để tổ hòa giải thôn và UBND xã hòa giải theo thủ "
            "tục, không trả lời tại hội nghị.",
            by=organiser,
        )
    with clock_at(starts + dt.timedelta(hours=2)):
        dialogue_hold(dialogue=dialogue, by=organiser)
        elders = question_enter(
            dialogue=dialogue,
            channel=Question.Channel.FLOOR,
            asker=Asker(name=ASKERS[4], village=v[5]),
            text="Chế độ trợ cấp cho người cao tuổi từ đủ 75 tuổi năm nay có gì thay đổi, thủ tục ra sao?",
            theme=SOCIAL,
            by=organiser,
        )
        _road, road_commitment = question_answer(
            question=road,
            answer="UBND xã tiếp thu. Tuyến đường đã có trong kế hoạch duy tu năm nay; xã giao công chức Địa chính - "
            "Xây dựng khảo sát, sửa chữa các đoạn hư hỏng trong tháng tới.",
            commitment=CommitmentFacts(
                text=f"Khảo sát và sửa chữa các đoạn hư hỏng của đường liên thôn {_bare(v[0])} (khoảng 1,2 km).",
                owner="Công chức Địa chính - Xây dựng",
                due=held_day + dt.timedelta(days=30),
                owner_user=handler,
            ),
            by=handler,
        )
        _papers, papers_commitment = question_answer(
            question=papers,
            answer="Qua rà soát, hồ sơ của gia đình ông/bà còn thiếu trích đo địa chính. Xã sẽ rà soát toàn bộ hồ sơ "
            "quá hạn và thông báo tiến độ đến từng hộ.",
            commitment=CommitmentFacts(
                text="Rà soát toàn bộ hồ sơ cấp giấy chứng nhận quyền sử dụng đất quá hạn, thông báo bằng văn bản cho "
                "từng hộ lý do và thời gian trả kết quả.",
                owner="Công chức Địa chính - Xây dựng; Bộ phận một cửa",
                due=today + dt.timedelta(days=20),
                owner_user=handler,
            ),
            by=handler,
        )
        _canal, canal_commitment = question_answer(
            question=canal,
            answer="UBND xã thống nhất nạo vét mương trước vụ gieo cấy, huy động ngày công của nhân dân và kinh phí "
            "thủy lợi phí của xã.",
            commitment=CommitmentFacts(
                text=f"Nạo vét 800 m mương tưới nội đồng thôn {_bare(v[2])}.",
                owner="UBND xã; Hợp tác xã dịch vụ nông nghiệp",
                due=today - dt.timedelta(days=10),
            ),
            by=chair,
        )
        _dump, dump_commitment = question_answer(
            question=dump,
            answer="Xã sẽ thu dọn bãi rác, đặt biển cấm và giao tổ tự quản môi trường của thôn giám sát.",
            commitment=CommitmentFacts(
                text="Thu dọn bãi rác tự phát ven đê, đặt biển cấm đổ rác, giao tổ tự quản môi trường giám sát.",
                owner="Công chức Văn hóa - Xã hội",
                due=today + dt.timedelta(days=45),
            ),
            by=chair,
        )
        question_answer(
            question=elders,
            answer="Mức trợ cấp xã hội hằng tháng cho người từ đủ 75 tuổi không có lương hưu giữ như năm trước; hồ sơ "
            "nộp tại Bộ phận một cửa xã, công chức Lao động - Thương binh và Xã hội hướng dẫn.",
            by=chair,
        )
        notice = commitment_create(
            dialogue=dialogue,
            facts=CommitmentFacts(
                text="Công khai các khoản đóng góp tự nguyện của nhân dân tại nhà văn hóa các thôn.",
                owner="Văn phòng - Thống kê xã",
                due=held_day + dt.timedelta(days=15),
            ),
            by=chair,
        )
    with clock_at(starts + dt.timedelta(days=1)):
        dialogue_close(
            dialogue=dialogue,
            minutes="Hội nghị có 126 đại biểu và cử tri tham dự. Chủ tịch UBND xã báo cáo kết quả thực hiện nhiệm vụ "
            "năm; cử tri nêu 6 ý kiến về giao thông, đất đai, thủy lợi, môi trường và chính sách xã hội. Lãnh đạo "
            "UBND xã và các công chức chuyên môn đã trả lời trực tiếp; các nội dung cam kết được giao cụ thể người "
            "chịu trách nhiệm và thời hạn. Chủ tịch Ủy ban MTTQ xã kết luận, đề nghị UBND xã công khai tiến độ thực "
            "hiện.",
            by=chair,
        )
    assert road_commitment is not None and papers_commitment is not None and canal_commitment is not None
    with clock_at(starts + dt.timedelta(days=10)):
        commitment_progress(
            commitment=road_commitment,
            note="Đã khảo sát, lập dự toán vá ổ gà và láng nhựa các đoạn hư hỏng; nhà thầu tập kết vật liệu.",
            by=handler,
        )
    with clock_at(starts + dt.timedelta(days=12)):
        commitment_done(
            commitment=notice,
            evidence="Đã niêm yết bảng công khai các khoản đóng góp tại nhà văn hóa của tất cả các thôn và đọc trên "
            "loa truyền thanh ba buổi sáng liên tiếp.",
            done_on=held_day + dt.timedelta(days=12),
            by=chair,
        )
    with clock_at(starts + dt.timedelta(days=20)):
        commitment_progress(
            commitment=papers_commitment,
            note="Đã rà soát 37 hồ sơ quá hạn; 21 hộ đã nhận thông báo bằng văn bản, 16 hộ đang chờ trích đo.",
            by=handler,
        )
    with clock_at(starts + dt.timedelta(days=26)):
        commitment_done(
            commitment=road_commitment,
            evidence=f"Đã vá 46 ổ gà và láng nhựa 1,2 km đường liên thôn {_bare(v[0])}; rãnh thoát nước hai bên đã "
            "được khơi thông. Nghiệm thu ngày "
            f"{(held_day + dt.timedelta(days=26)):%d/%m/%Y} có đại diện Ban Thanh tra nhân dân.",
            done_on=held_day + dt.timedelta(days=26),
            by=handler,
        )
    with clock_at(starts + dt.timedelta(days=40)):
        commitment_progress(
            commitment=canal_commitment,
            note="Đã nạo vét được 300 m; phần còn lại chờ nước rút sau đợt mưa lớn.",
            by=organiser,
        )
    assert dump_commitment is not None  # left not started: its due date is ahead
    return 1


def _upcoming(commune: Unit, villages: list[Unit], staff: dict[str, User], now: dt.datetime) -> int:
    """A thematic dialogue UPCOMING_IN_DAYS ahead, taking questions on the portal."""
    organiser = staff["danvan"]
    starts = _at(timezone.localdate(now) + dt.timedelta(days=UPCOMING_IN_DAYS), 14)
    with clock_at(now - dt.timedelta(days=5)):
        dialogue = dialogue_schedule(
            commune=commune,
            facts=DialogueFacts(
                kind=Dialogue.Kind.THEMATIC,
                title="Đối thoại về phương án bồi thường, hỗ trợ giải phóng mặt bằng mở rộng đường liên xã",
                topic="Phương án bồi thường, hỗ trợ và tái định cư dự án mở rộng đường liên xã",
                starts_at=starts,
                place=f"Nhà văn hóa {villages[0].name}",
                chaired_by="Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ Việt Nam xã",
                participants="Các hộ có đất bị thu hồi; Hội đồng bồi thường, hỗ trợ và tái định cư; Ban Thanh tra "
                "nhân dân; Ban giám sát đầu tư của cộng đồng.",
                agenda="1. Công bố dự thảo phương án bồi thường, hỗ trợ.\n2. Các hộ nêu ý kiến.\n3. Hội đồng giải "
                "đáp, tiếp thu.",
                questions_until=starts - dt.timedelta(days=2),
            ),
            by=organiser,
        )
    with clock_at(now - dt.timedelta(days=3)):
        question_submit(
            dialogue=dialogue,
            asker=Asker(name="Vũ Văn Khang", village=villages[0], phone="0934567803"),
            text="Đơn giá bồi thường đất vườn liền kề trong dự thảo thấp hơn giá thị trường nhiều, đề nghị xem xét lại "
            "và cho biết căn cứ xác định.",
        )
        question_enter(
            dialogue=dialogue,
            channel=Question.Channel.VILLAGE_HEAD,
            asker=Asker(name="Bùi Thị Thoa", village=villages[1 % len(villages)]),
            text="Các hộ bị ảnh hưởng cổng, tường rào có được hỗ trợ xây lại không, và ai đo đạc?",
            by=organiser,
        )
    return 1


def seed_dialogues(*, communes: list[Unit] | None = None, today: dt.date | None = None) -> int:
    """The demo's dialogues in each demo commune (see the module's docstring). Returns how many were made."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    made = 0
    for commune in communes if communes is not None else _demo_communes():
        slug = DEMO_COMMUNES.get(commune.code)
        if slug is None or Dialogue.objects.filter(unit_path=commune.path).exists():
            continue
        staff = {prefix: _user(prefix, slug) for prefix in ("chutich", "danvan", "xuly")}
        villages = list(
            Unit.objects.filter(parent=commune, valid_to__isnull=True, kind__in=GRASSROOTS_KINDS).order_by(
                "name"
            )
        )
        if not villages or any(user is None for user in staff.values()):
            continue
        ready = {k: u for k, u in staff.items() if u is not None}
        with transaction.atomic():
            made += _held(commune, villages, ready, today)
            made += _upcoming(commune, villages, ready, now)
    return made
