"""The demo's field reports: some six weeks of what people reported from the four demo communes' villages — potholes,
dead street lights, rubbish, flooding, noise, encroachments — on the portal, from an Open311 app with the demo key
(xã Sông Lô's), or written down by the desk officer, and how each commune's officers handled them: every state of
`gandan.core.fieldreports` is there, from a report received this morning to one fixed and reopened, one the same as
another, one not the commune's to handle, one turned into a petition.

Everything goes through the services an officer's page calls (report_receive, report_move, report_link_duplicate,
report_to_petition), each step at the moment it happened (gandan.kit.history), so a demo report carries the same
timeline, audit events and petition as a real one: the desk officer (`motcua.<commune>`) acknowledges, the case
handler (`xuly.…`) schedules, starts and fixes, the chairman (`chutich.…`) closes what is not the commune's. Most
reports come with coordinates near a village's point (gandan/fieldreports/data/places.json), some by address only;
most reporters leave a phone number. Reproducible (a fixed seed and today's date) and told once: nothing if reports exist."""

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from gandan.accounts.models import User
from gandan.apikeys.models import ApiKey
from gandan.apikeys.rules import key_prefix
from gandan.core.fieldreports import Action
from gandan.core.fieldreports import Status as S
from gandan.core.sample_names import sample_name
from gandan.fieldreports.models import Category, FieldReport, PlacePoint
from gandan.fieldreports.services import ReportFacts, report_move, report_receive
from gandan.fieldreports.services.conversion import report_to_petition
from gandan.fieldreports.services.duplicates import report_link_duplicate
from gandan.kit.history import History
from gandan.units.models import Unit

DEMO_COMMUNES = {"08848": "songlo", "08824": "tamson", "08782": "hailuu", "08773": "yenlang"}
OPEN311_COMMUNE = "08848"  # the demo API key is xã Sông Lô's
SIZES = {"small": 60, "full": 400}
DAYS = 42
SEED = 2031
PROVINCE_LEVEL = "de-kenh"  # handled by the province: left for its officers, received only

# (category code, weight)
CATEGORY_WEIGHTS = [
    ("duong-hu-hong", 22),
    ("den-duong", 14),
    ("rac-thai", 18),
    ("ngap-ung", 9),
    ("o-nhiem", 8),
    ("tieng-on", 8),
    ("xay-dung-trai-phep", 9),
    ("de-kenh", 3),
    ("khac", 9),
]

DESCRIPTIONS: dict[str, list[str]] = {
    "duong-hu-hong": [
        "Đường bê tông liên thôn đoạn qua {village} bị sụt lún, nứt vỡ thành ổ gà lớn, xe máy đi qua rất nguy hiểm.",
        "Cống qua đường đầu {village} bị vỡ nắp, hở một hố sâu ngay lòng đường, trẻ em đi học qua lại nhiều.",
        "Mặt đường trục chính {village} bong tróc dài khoảng 20 m sau đợt mưa, nước đọng thành vũng.",
        "Cầu tràn cuối {village} bị xói chân, lan can sắt gãy một đoạn, đề nghị xã kiểm tra.",
        "Xe chở đất làm vỡ mép đường ngõ xóm {village}, đá dăm văng ra mặt đường gây trơn trượt.",
    ],
    "den-duong": [
        "Cột đèn chiếu sáng gần nhà văn hoá {village} không sáng, buổi tối đoạn đường rất tối.",
        "Ba bóng đèn đường dọc trục chính {village} tắt đã nhiều đêm, người đi bộ tối về không an toàn.",
        "Đèn đường ở ngã ba {village} lúc sáng lúc tắt, dây điện trên cột bị võng xuống thấp.",
        "Tủ điện chiếu sáng đầu {village} bị mở cửa, hở dây, trời mưa rất nguy hiểm.",
    ],
    "rac-thai": [
        "Rác sinh hoạt đổ thành đống bên lề đường cạnh cánh đồng {village}, bốc mùi, ruồi nhặng nhiều.",
        "Xe thu gom rác không đến {village} đã gần một tuần, các hộ phải để rác trước cổng.",
        "Có người đổ trộm phế thải xây dựng xuống mương đầu {village} vào ban đêm.",
        "Bãi tập kết rác tạm ở {village} tràn ra đường, chó mèo bới tung, cần thu dọn.",
        "Phát hiện xác gia cầm chết vứt ven kênh gần {village}, lo ngại lây dịch bệnh.",
    ],
    "ngap-ung": [
        "Sau trận mưa to, đoạn đường trũng ở {village} ngập sâu, nước không thoát được vì rãnh bị lấp.",
        "Rãnh thoát nước dọc đường {village} bị tắc bùn đất, mưa xuống nước tràn vào sân các hộ.",
        "Cống tiêu nước ra đồng của {village} bị rác chặn, ruộng và đường ngõ ngập úng kéo dài.",
    ],
    "o-nhiem": [
        "Lò đốt than tự phát gần {village} thải khói đen, mùi khét, nhất là buổi chiều tối.",
        "Nước thải từ trang trại chăn nuôi lợn chảy thẳng ra mương {village}, mùi hôi nồng nặc.",
        "Xe chở vật liệu không che bạt chạy qua {village} làm bụi mù mịt, các hộ ven đường phải đóng cửa.",
        "Xưởng gỗ ở {village} đốt mùn cưa ngoài trời, khói bụi bay sang khu dân cư.",
    ],
    "tieng-on": [
        "Một hộ ở {village} mở loa kẹo kéo hát karaoke rất to đến quá 23 giờ nhiều đêm liền.",
        "Xưởng cơ khí ở {village} hoạt động cả ban đêm, tiếng máy cắt, máy mài rất ồn.",
        "Nhóm thanh niên tụ tập nẹt pô xe máy trên đường {village} vào khuya, gây mất trật tự.",
    ],
    "xay-dung-trai-phep": [
        "Hộ dân ở {village} đang đổ móng xây tường lấn ra hành lang đường liên thôn khoảng 1 m.",
        "Có người dựng lán tôn kinh doanh trên đất công cạnh nhà văn hoá {village}.",
        "Công trình nhà ở {village} đang xây không thấy biển báo giấy phép, vật liệu chiếm hết lòng đường.",
        "Một hộ tự ý san lấp đất trồng lúa ở cánh đồng {village} để làm nhà xưởng.",
    ],
    "de-kenh": [
        "Mái đê đoạn gần {village} bị sạt một mảng dài khoảng 10 m sau đợt mưa lớn.",
        "Kênh tưới tiêu chính qua {village} bị bồi lắng, bờ kênh lở, nước không về được ruộng.",
    ],
    "khac": [
        "Cây xà cừ lớn bên đường {village} bị nghiêng, nhiều cành khô có thể gãy đổ khi có gió to.",
        "Biển báo giao thông ở ngã tư đầu {village} bị đổ, lái xe từ nơi khác đến dễ đi nhầm.",
        "Sân chơi của trẻ em ở nhà văn hoá {village} có xích đu bị gãy, rất nguy hiểm.",
        "Chó thả rông ở {village} cắn người đi đường, đề nghị nhắc nhở các hộ nuôi.",
    ],
}
OFFICERS = ("motcua", "xuly", "chutich", "thanhtra")
SINCE = ["", " Tình trạng này đã ba ngày nay.", " Từ tuần trước đến giờ vẫn vậy.", " Mới xảy ra sáng nay."]
ASKS = ["", " Đề nghị xã sớm kiểm tra, xử lý.", " Mong chính quyền quan tâm giải quyết.", " Xin cảm ơn."]
PLACES = ["gần nhà văn hoá", "đường trục chính", "ngõ xóm", "cạnh trường mầm non", "đầu cầu", "ngã ba"]

FIX_NOTES: dict[str, str] = {
    "duong-hu-hong": "Đã vá ổ gà, đổ bê tông lại mặt đường và đặt biển cảnh báo trong thời gian chờ khô.",
    "den-duong": "Đã thay bóng đèn, kiểm tra lại dây và tủ điện; đèn đã sáng bình thường.",
    "rac-thai": "Tổ vệ sinh môi trường đã thu dọn, chở rác đi xử lý; thôn nhắc các hộ đổ rác đúng giờ, đúng nơi.",
    "ngap-ung": "Đã nạo vét rãnh và khơi thông cống, nước đã rút; thôn sẽ kiểm tra lại sau mỗi trận mưa.",
    "o-nhiem": "Đã kiểm tra, lập biên bản, yêu cầu cơ sở chấm dứt xả thải, đốt ngoài trời; sẽ kiểm tra lại.",
    "tieng-on": "Công an xã đã nhắc nhở, các hộ cam kết không gây ồn sau 22 giờ.",
    "xay-dung-trai-phep": "Đã lập biên bản, yêu cầu dừng thi công; hộ gia đình đã tự tháo dỡ phần lấn chiếm.",
    "khac": "Đã cử người đến xử lý xong tại chỗ; cảm ơn người dân đã báo.",
}
SCHEDULE_NOTE = "Đã kiểm tra hiện trường; xã bố trí nhân lực và vật tư, sẽ xử lý trong tuần tới."
START_NOTE = "Đã giao tổ công tác của thôn phối hợp xử lý."
ACK_NOTE = "Xã đã tiếp nhận, cán bộ sẽ đến kiểm tra hiện trường."
NOT_RESPONSIBLE_NOTE = "Vị trí thuộc tuyến đường tỉnh do Sở Xây dựng quản lý; xã đã chuyển thông tin đến đơn vị quản lý để xử lý."
NO_ACTION_NOTE = (
    "Cán bộ đã đến kiểm tra nhưng không thấy tình trạng như phản ánh; nếu còn xảy ra, xin báo lại kèm ảnh."
)
REOPEN_NOTE = "Người dân báo lại tình trạng tái diễn sau khi sửa: xã mở lại để kiểm tra."
PETITION_NOTE = "Nội dung có tranh chấp về đất đai giữa các hộ: xã chuyển xử lý theo thủ tục đơn thư."

# The steps to each state: (action, who of the commune's officers, note).
PATHS: dict[S, list[tuple[Action, str, str]]] = {
    S.NEW: [],
    S.INVESTIGATING: [(Action.ACKNOWLEDGE, "motcua", ACK_NOTE)],
    S.IN_PROGRESS: [(Action.ACKNOWLEDGE, "motcua", ACK_NOTE), (Action.START, "xuly", START_NOTE)],
    S.ACTION_SCHEDULED: [(Action.ACKNOWLEDGE, "motcua", ACK_NOTE), (Action.SCHEDULE, "xuly", SCHEDULE_NOTE)],
    S.FIXED: [
        (Action.ACKNOWLEDGE, "motcua", ACK_NOTE),
        (Action.START, "xuly", START_NOTE),
        (Action.FIX, "xuly", ""),
    ],
    S.DUPLICATE: [(Action.DUPLICATE, "motcua", "")],
    S.NOT_RESPONSIBLE: [(Action.NOT_RESPONSIBLE, "chutich", NOT_RESPONSIBLE_NOTE)],
    S.NO_FURTHER_ACTION: [
        (Action.ACKNOWLEDGE, "motcua", ACK_NOTE),
        (Action.NO_FURTHER_ACTION, "xuly", NO_ACTION_NOTE),
    ],
    S.TO_PETITION: [(Action.ACKNOWLEDGE, "motcua", ACK_NOTE), (Action.TO_PETITION, "motcua", "")],
}
# (state, weight) by the report's age: the last days' reports are mostly still open, older ones mostly settled.
RECENT = [(S.NEW, 50), (S.INVESTIGATING, 30), (S.IN_PROGRESS, 10), (S.ACTION_SCHEDULED, 5), (S.DUPLICATE, 2),
          (S.FIXED, 3)]  # fmt: skip
OLDER = [(S.NEW, 2), (S.INVESTIGATING, 6), (S.IN_PROGRESS, 12), (S.ACTION_SCHEDULED, 8), (S.FIXED, 55),
         (S.DUPLICATE, 3), (S.NOT_RESPONSIBLE, 5), (S.NO_FURTHER_ACTION, 6), (S.TO_PETITION, 2)]  # fmt: skip
TODAY = [(S.NEW, 70), (S.INVESTIGATING, 30)]
# The states a report stays in until today: an earlier report a later one repeats must still be open when the
# officer links them (report_link_duplicate refuses a closed one).
STAYS_OPEN = frozenset({S.NEW, S.INVESTIGATING, S.IN_PROGRESS, S.ACTION_SCHEDULED})
RECENT_DAYS = 4


@dataclass
class Plan:
    at: dt.datetime
    commune: Unit
    target: S
    category: Category | None = None
    village: Unit | None = None
    original: "Plan | None" = None
    report: FieldReport | None = None
    steps: list[tuple[Action, str, str]] = field(default_factory=list)


def _weighted(rng: random.Random, pairs):
    return rng.choices([k for k, _w in pairs], weights=[w for _k, w in pairs])[0]


def _photo(seed: int) -> SimpleUploadedFile:
    """A small drawn picture (a road, a verge, a spot of trouble) standing in for the reporter's photo."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (150 + seed * 11 % 70, 185, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 120, 320, 240), fill=(80 + seed * 17 % 60, 140, 75))
    draw.polygon([(120, 240), (220, 240), (175, 120), (155, 120)], fill=(160, 155, 145))
    draw.ellipse((150 + seed % 30, 180, 190 + seed % 30, 205), fill=(70, 60, 50))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return SimpleUploadedFile(f"anh-phan-anh-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


class Story:
    def __init__(self, *, communes: list[Unit], size: str, now: dt.datetime, photos: int) -> None:
        self.rng = random.Random(SEED)
        self.now = now
        self.communes = communes
        self.count = SIZES[size]
        self.photo_every = photos
        self.categories = {
            c.code: c for c in Category.objects.filter(active=True).prefetch_related("attributes")
        }
        self.points = {
            c.pk: list(
                PlacePoint.objects.filter(unit__parent=c, unit__valid_to__isnull=True).select_related("unit")
            )
            for c in communes
        }
        self.staff = {
            c.pk: {p: User.objects.get(username=f"{p}.{DEMO_COMMUNES[c.code]}") for p in OFFICERS}
            for c in communes
        }
        from gandan.demo import DEMO_API_KEY

        self.api_key = ApiKey.objects.filter(prefix=key_prefix(DEMO_API_KEY)).first()
        self.history = History(until=now)

    # --- planning ----------------------------------------------------------------------------------------------
    def plans(self) -> list[Plan]:
        rng = self.rng
        start = self.now - dt.timedelta(days=DAYS)
        plans = []
        for i in range(self.count):
            day = start + dt.timedelta(days=rng.uniform(0, DAYS))
            local = timezone.localtime(day).replace(hour=rng.randint(6, 20), minute=rng.randint(0, 59))
            at = local if local < self.now - dt.timedelta(minutes=30) else local - dt.timedelta(days=1)
            commune = self.communes[i % len(self.communes)]
            age = self.now - at
            states = TODAY if age < dt.timedelta(hours=12) else RECENT if age.days < RECENT_DAYS else OLDER
            plans.append(Plan(at=at, commune=commune, target=_weighted(rng, states)))
        plans.sort(key=lambda p: p.at)
        self._cover(plans)
        for i, plan in enumerate(plans):
            earlier = [
                p
                for p in plans[:i]
                if p.commune == plan.commune and p.category and p.category.code != PROVINCE_LEVEL
            ]
            # The earlier report must still be open when the officer links the later one to it: one that stays
            # open, else one that was to be fixed, which is still being fixed when it is reported again.
            still_open = [p for p in earlier if p.target in STAYS_OPEN] or [
                p for p in earlier if p.target == S.FIXED
            ]
            if plan.target == S.DUPLICATE and still_open:
                plan.original = still_open[-1]
                if plan.original.target == S.FIXED:
                    plan.original.target = S.IN_PROGRESS
                plan.category, plan.village = plan.original.category, plan.original.village
                continue
            if plan.target == S.DUPLICATE:
                plan.target = S.NEW
            code = "xay-dung-trai-phep" if plan.target == S.TO_PETITION else _weighted(rng, CATEGORY_WEIGHTS)
            plan.category = self.categories[code]
            plan.village = rng.choice(self.points[plan.commune.pk]).unit
            if code == PROVINCE_LEVEL:
                plan.target = S.NEW  # the province's officers take it from there
        for plan in plans:
            plan.steps = list(PATHS[plan.target])
            if plan.target == S.FIXED and rng.random() < 0.12:  # fixed, reported again, fixed for good
                plan.steps[2:2] = [(Action.FIX, "xuly", ""), (Action.REOPEN, "xuly", REOPEN_NOTE),
                                   (Action.START, "xuly", START_NOTE)]  # fmt: skip
        return plans

    def _cover(self, plans: list[Plan]) -> None:
        """Every state at least twice: the missing ones go to reports old enough to have come so far."""
        older = [p for p in plans if (self.now - p.at).days >= RECENT_DAYS + 3]
        present = {s: sum(p.target == s for p in plans) for s in S}
        spare = iter(sorted((p for p in older if p.target == S.FIXED), key=lambda p: p.at, reverse=True))
        for state in S:
            for _n in range(max(0, 2 - present[state])):
                plan = next(spare, None)
                if plan is not None:
                    plan.target = state

    # --- telling -----------------------------------------------------------------------------------------------
    def tell(self) -> int:
        for n, plan in enumerate(self.plans()):
            self.history.at(plan.at, partial(self._receive, plan, n))
        self.history.run()
        return FieldReport.objects.count()

    def _facts(self, plan: Plan, n: int) -> tuple[ReportFacts, str]:
        rng = self.rng
        village, commune, category = plan.village, plan.commune, plan.category
        assert village is not None and category is not None
        text = rng.choice(DESCRIPTIONS[category.code]).format(village=village.name.replace("Thôn ", "thôn "))
        text += rng.choice(SINCE) + rng.choice(ASKS)
        channel = _weighted(rng, [(FieldReport.Channel.PORTAL, 55), (FieldReport.Channel.OPEN311, 33),
                                  (FieldReport.Channel.STAFF, 12)])  # fmt: skip
        if channel == FieldReport.Channel.OPEN311 and (
            commune.code != OPEN311_COMMUNE or self.api_key is None
        ):
            channel = FieldReport.Channel.PORTAL
        point = next(p for p in self.points[commune.pk] if p.unit_id == village.pk)
        by_address = channel != FieldReport.Channel.OPEN311 and rng.random() < 0.15
        address = f"{rng.choice(PLACES)}, {village.name}, {commune.name}"
        facts = ReportFacts(
            category=category,
            description=text,
            lat="" if by_address else f"{float(point.lat) + rng.uniform(-0.0012, 0.0012):.6f}",
            long="" if by_address else f"{float(point.long) + rng.uniform(-0.0012, 0.0012):.6f}",
            address=address if by_address or rng.random() < 0.4 else "",
            commune=None if channel == FieldReport.Channel.OPEN311 else commune,
            attributes=self._answers(category, plan.at),
            name=sample_name(rng) if rng.random() < 0.7 or plan.target == S.TO_PETITION else "",
            phone=f"09{rng.randrange(10**8):08d}" if rng.random() < 0.85 else "",
            email=f"nguoidan{n}@example.vn" if rng.random() < 0.08 else "",
            device_id=f"demo-app-{rng.randrange(10**6):06d}"
            if channel == FieldReport.Channel.OPEN311
            else "",
            photos=[_photo(n)] if self.photo_every and n % self.photo_every == 0 else [],
        )
        return facts, channel

    def _answers(self, category: Category, at: dt.datetime) -> dict[str, list[str]]:
        rng = self.rng
        answers: dict[str, list[str]] = {}
        for attribute in category.attributes.all():
            if not attribute.variable or (not attribute.required and rng.random() < 0.5):
                continue
            keys = [str(v["key"]) for v in attribute.values or []]
            if attribute.datatype == "singlevaluelist":
                answers[attribute.code] = [rng.choice(keys)]
            elif attribute.datatype == "multivaluelist":
                answers[attribute.code] = rng.sample(keys, rng.randint(1, 2))
            elif attribute.datatype == "number":
                answers[attribute.code] = [str(rng.choice([10, 20, 30, 50]))]
            elif attribute.datatype == "datetime":
                answers[attribute.code] = [
                    timezone.localtime(at).replace(hour=23, minute=0, second=0, microsecond=0).isoformat()
                ]
            elif attribute.datatype == "string":
                answers[attribute.code] = [f"Cột số {rng.randint(1, 40)}"]
        return answers

    def _receive(self, plan: Plan, n: int) -> None:
        facts, channel = self._facts(plan, n)
        staff = self.staff[plan.commune.pk]
        report = report_receive(
            facts=facts,
            channel=channel,
            by=staff["motcua"] if channel == FieldReport.Channel.STAFF else None,
            api_key=self.api_key if channel == FieldReport.Channel.OPEN311 else None,
        )
        plan.report = report
        left = self.now - plan.at - dt.timedelta(minutes=10)
        gaps = [dt.timedelta(hours=self.rng.uniform(1, 60)) for _step in plan.steps]
        squeeze = min(1.0, 0.9 * left / sum(gaps, dt.timedelta()) if gaps else 1.0)
        when = plan.at
        for step, gap in zip(plan.steps, gaps, strict=True):
            when += gap * squeeze
            self.history.at(when, partial(self._move, plan, *step))

    def _move(self, plan: Plan, action: Action, who: str, note: str) -> None:
        report = plan.report
        assert report is not None and plan.category is not None
        by = self.staff[plan.commune.pk][who]
        if action == Action.DUPLICATE and plan.original is not None and plan.original.report is not None:
            report_link_duplicate(report=report, original=plan.original.report, by=by)
            return
        if action == Action.TO_PETITION:
            code = self._petition(report, by)
            inspector = self.staff[plan.commune.pk]["thanhtra"]
            self.history.at(timezone.now() + dt.timedelta(days=1), partial(self._accept, code, inspector))
            return
        if action == Action.FIX:
            note = FIX_NOTES.get(plan.category.code, FIX_NOTES["khac"])
        report_move(report=report, action=action, note=note, by=by)

    def _accept(self, code: str, inspector: User) -> None:
        """The inspector accepts the petition the next day; the chairman assigns it as the petitions' story does."""
        from gandan.petitions.selectors import petition_by_code
        from gandan.petitions.services import petition_accept

        petition = petition_by_code(code)
        assert petition is not None, code
        petition_accept(petition=petition, by=inspector)

    def _petition(self, report: FieldReport, desk: User) -> str:
        """The desk officer turns the report into a petition (a reflection) of the commune, on the report's page."""
        report.refresh_from_db()  # its state as the earlier steps left it
        village = report.village
        place = village.name if village else report.unit.name
        update = report_to_petition(
            report=report,
            kind="reflection",
            subject=f"Phản ánh {report.code}: lấn chiếm, xây dựng ở {place}",
            petitioner_name=report.reporter_name or "Người phản ánh",
            petitioner_address=f"{village.name}, {report.unit.name}" if village else report.unit.name,
            note=PETITION_NOTE,
            by=desk,
        )
        return update.report.petition_code


def seed_field_reports(*, communes: list[Unit], size: str = "full", now: dt.datetime | None = None) -> int:
    """Tell the demo's weeks of field reports in `communes` (the demo's four); 0 when any report exists or when the
    communes lack their officers or place points. Returns how many reports were made."""
    now = now or timezone.now()
    communes = [c for c in communes if c.code in DEMO_COMMUNES]
    if not communes or FieldReport.objects.exists():
        return 0
    names = [f"{p}.{DEMO_COMMUNES[c.code]}" for c in communes for p in OFFICERS]
    if User.objects.filter(username__in=names).count() < len(names):
        return 0
    if any(not PlacePoint.objects.filter(unit__parent=c).exists() for c in communes):
        return 0
    with transaction.atomic():
        return Story(communes=communes, size=size, now=now, photos=4 if size == "full" else 12).tell()
