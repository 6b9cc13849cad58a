"""The demo's "dân vận khéo" models: a dozen over the four demo communes, in the four fields, at every stage of their
life — registered, being carried out, reviewed, recognised at the grassroots, the commune and the province, one
withdrawn — and two replications (one in another village of the same commune, one in another commune). Each step is
taken through the services by the officer who would take it (the mass-mobilisation officer registers, starts and
scores; the party secretary scores and recognises; the province's supervisor recognises at province level), at the
moment it happened (gandan.kit.history.clock_at), so the pages, timelines and audit trail read as a real year.

Idempotent: a model whose name is already registered in its commune is left alone (with its copies)."""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gandan.accounts.models import User
from gandan.core.mobilization.models_rules import CRITERIA, Field, Level, OwnerKind
from gandan.core.vntext import normalize
from gandan.kit.history import clock_at
from gandan.mobilization.models import Initiative
from gandan.mobilization.services.evidence import evidence_add
from gandan.mobilization.services.initiative_decisions import (
    initiative_recognise,
    initiative_review,
)
from gandan.mobilization.services.initiatives import (
    initiative_register,
    initiative_replicate,
    initiative_start,
    initiative_withdraw,
)
from gandan.units.models import GRASSROOTS_KINDS, Unit

# The stages a story stops at.
REGISTERED, IMPLEMENTING, REVIEWED, WITHDRAWN = "registered", "implementing", "reviewed", "withdrawn"
GRASSROOTS, COMMUNE, PROVINCE = Level.GRASSROOTS.value, Level.COMMUNE.value, Level.PROVINCE.value


@dataclass(frozen=True)
class Copy:
    """A replication of the story's model: into commune number `commune` (of the list given), village `village`."""

    commune: int
    village: int
    owner: str
    started: bool = False


@dataclass(frozen=True)
class Story:
    commune: int  # index in the communes given (sorted by code), modulo their number
    village: int  # index among the commune's villages (by name); -1: the whole commune
    name: str
    field: Field
    owner_kind: OwnerKind
    owner: str  # "{village}" is replaced by the village's name
    description: str
    results: str
    figures: tuple[tuple[str, float, str], ...]
    stage: str
    months_ago: int  # when it was registered
    copies: tuple[Copy, ...] = ()


STORIES: tuple[Story, ...] = (
    Story(
        commune=3,
        village=0,
        name="Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn",
        field=Field.ECONOMY,
        owner_kind=OwnerKind.TEAM,
        owner="Tổ dân vận {village}",
        description="Tổ dân vận phối hợp chi bộ, ban công tác Mặt trận đến từng hộ vận động hiến đất, tháo dỡ tường rào để mở "
        "rộng đường liên thôn; đảng viên, người có uy tín làm trước, công khai từng mét đất hiến tại nhà văn hoá.",
        results="Đường liên thôn mở rộng từ 3 m lên 5,5 m, không phát sinh khiếu nại; mô hình được nhiều thôn học tập.",
        figures=(
            ("Hộ tự nguyện hiến đất", 46, "hộ"),
            ("Diện tích đất hiến", 3200, "m²"),
            ("Đường được mở rộng", 2.4, "km"),
        ),
        stage=PROVINCE,
        months_ago=11,
        copies=(Copy(commune=1, village=0, owner="Tổ dân vận {village}", started=True),),
    ),
    Story(
        commune=2,
        village=1,
        name="Tổ tự quản an ninh trật tự",
        field=Field.DEFENCE_SECURITY,
        owner_kind=OwnerKind.TEAM,
        owner="Tổ dân vận {village}",
        description="Mỗi cụm 10–15 hộ có một tổ tự quản, tuần tra ban đêm, nắm tình hình người lạ đến cư trú, hoà giải mâu "
        "thuẫn từ khi mới phát sinh, báo ngay cho công an xã.",
        results="Hai năm liền thôn không có trộm cắp tài sản; 12 vụ mâu thuẫn được hoà giải thành ngay tại cơ sở.",
        figures=(("Tổ tự quản được thành lập", 8, "tổ"), ("Vụ việc hoà giải thành", 12, "vụ")),
        stage=COMMUNE,
        months_ago=9,
        copies=(Copy(commune=2, village=2, owner="Tổ dân vận {village}"),),
    ),
    Story(
        commune=0,
        village=0,
        name="Chi hội phụ nữ không có người thân vi phạm pháp luật",
        field=Field.DEFENCE_SECURITY,
        owner_kind=OwnerKind.ORGANISATION,
        owner="Chi hội Phụ nữ {village}",
        description="Hội viên cam kết giáo dục chồng con chấp hành pháp luật, không tham gia cờ bạc, ma tuý; sinh hoạt chi "
        "hội hằng tháng có chuyên đề pháp luật do công an xã trình bày.",
        results="Không hội viên nào có người thân vi phạm pháp luật trong năm; 100% hội viên ký cam kết.",
        figures=(("Hội viên ký cam kết", 86, "người"), ("Buổi sinh hoạt chuyên đề", 10, "buổi")),
        stage=GRASSROOTS,
        months_ago=8,
    ),
    Story(
        commune=1,
        village=1,
        name="Dân vận khéo trong vận động chuyển đổi cơ cấu cây trồng",
        field=Field.ECONOMY,
        owner_kind=OwnerKind.UNIT,
        owner="Hội Nông dân xã",
        description="Cán bộ hội đến từng hộ, đưa bà con tham quan mô hình trồng bưởi, chè theo tiêu chuẩn VietGAP; hợp tác xã "
        "bao tiêu sản phẩm.",
        results="Thu nhập bình quân tăng khoảng 25% so với trồng lúa trên cùng diện tích.",
        figures=(("Diện tích chuyển đổi", 18.5, "ha"), ("Hộ tham gia", 64, "hộ")),
        stage=GRASSROOTS,
        months_ago=7,
    ),
    Story(
        commune=3,
        village=1,
        name="Mỗi đảng viên gắn với mười hộ dân",
        field=Field.POLITICAL_SYSTEM,
        owner_kind=OwnerKind.ORGANISATION,
        owner="Chi bộ {village}",
        description="Mỗi đảng viên phụ trách 10 hộ gần nhà: nắm tâm tư, phản ánh kịp thời với chi bộ, tuyên truyền chủ trương "
        "của Đảng và chính sách của Nhà nước.",
        results="Ý kiến của nhân dân được chi bộ trả lời trong tháng; tỷ lệ hộ tham gia họp thôn tăng.",
        figures=(("Đảng viên tham gia", 31, "người"), ("Hộ được phụ trách", 305, "hộ")),
        stage=COMMUNE,
        months_ago=8,
    ),
    Story(
        commune=3,
        village=2,
        name="Khu dân cư không rác thải nhựa",
        field=Field.CULTURE_SOCIETY,
        owner_kind=OwnerKind.ORGANISATION,
        owner="Chi hội Phụ nữ {village}",
        description="Phân loại rác tại nguồn, đổi chai nhựa lấy cây xanh, dùng giỏ đi chợ thay túi ni lông.",
        results="",
        figures=(),
        stage=REVIEWED,
        months_ago=4,
    ),
    Story(
        commune=0,
        village=1,
        name="Camera an ninh – mắt thần khu dân cư",
        field=Field.DEFENCE_SECURITY,
        owner_kind=OwnerKind.TEAM,
        owner="Tổ dân vận {village}",
        description="Nhân dân góp tiền lắp camera tại các ngã ba, cổng trường; hình ảnh kết nối với công an xã.",
        results="",
        figures=(("Camera được lắp", 14, "chiếc"),),
        stage=REVIEWED,
        months_ago=5,
    ),
    Story(
        commune=1,
        village=0,
        name="Thắp sáng đường quê",
        field=Field.CULTURE_SOCIETY,
        owner_kind=OwnerKind.ORGANISATION,
        owner="Chi đoàn thanh niên {village}",
        description="Đoàn viên thanh niên vận động các hộ góp công, góp tiền lắp đèn chiếu sáng dọc đường thôn.",
        results="",
        figures=(),
        stage=IMPLEMENTING,
        months_ago=3,
    ),
    Story(
        commune=2,
        village=0,
        name="Ngày thứ bảy cùng dân",
        field=Field.POLITICAL_SYSTEM,
        owner_kind=OwnerKind.UNIT,
        owner="Đảng uỷ xã",
        description="Sáng thứ bảy cuối tháng, cán bộ xã xuống thôn cùng nhân dân làm vệ sinh, sửa đường và nghe ý kiến.",
        results="",
        figures=(),
        stage=IMPLEMENTING,
        months_ago=2,
    ),
    Story(
        commune=3,
        village=3,
        name="Câu lạc bộ người cao tuổi với việc giữ gìn nếp sống văn hoá",
        field=Field.CULTURE_SOCIETY,
        owner_kind=OwnerKind.ORGANISATION,
        owner="Chi hội Người cao tuổi {village}",
        description="Câu lạc bộ vận động thực hiện nếp sống văn minh trong việc cưới, việc tang.",
        results="",
        figures=(),
        stage=REGISTERED,
        months_ago=1,
    ),
    Story(
        commune=1,
        village=2,
        name="Tổ hợp tác nuôi ong lấy mật",
        field=Field.ECONOMY,
        owner_kind=OwnerKind.PERSON,
        owner="Ông Nguyễn Văn Thịnh",
        description="Tổ hợp tác do một hộ làm kinh tế giỏi hướng dẫn kỹ thuật nuôi ong cho các hộ nghèo.",
        results="",
        figures=(),
        stage=REGISTERED,
        months_ago=0,
    ),
    Story(
        commune=0,
        village=2,
        name="Dân vận khéo trong xây dựng nhà văn hoá thôn",
        field=Field.CULTURE_SOCIETY,
        owner_kind=OwnerKind.TEAM,
        owner="Tổ dân vận {village}",
        description="Vận động nhân dân góp công, góp đất xây nhà văn hoá thôn.",
        results="",
        figures=(),
        stage=WITHDRAWN,
        months_ago=6,
    ),
)


def _villages(commune: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by("name")
    )


def _staff(commune: Unit) -> dict[str, User]:
    found = {}
    for prefix in ("danvan", "bithu", "chutich"):
        user = User.objects.filter(unit=commune, is_active=True, username__startswith=f"{prefix}.").first()
        if user is not None:
            found[prefix] = user
    return found


def _moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _scores(share: float) -> dict[str, int]:
    return {c.key: max(0, min(c.weight, round(c.weight * share))) for c in CRITERIA}


def _photo(seed: int) -> SimpleUploadedFile:
    """A plain drawn picture (sky, fields, a road) standing in for a photo of the model's work."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (135 + seed * 7 % 60, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 260, 640, 480), fill=(70 + seed * 13 % 80, 150, 70))
    draw.polygon([(280, 480), (360, 480), (330, 260), (310, 260)], fill=(180, 170, 150))
    draw.ellipse((520, 40, 590, 110), fill=(255, 220, 90))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile(f"anh-mo-hinh-{seed}.jpg", out.getvalue(), content_type="image/jpeg")


def seed_initiatives(
    *, communes: list[Unit], today: dt.date, province_supervisor: User | None = None, photos: bool = False
) -> int:
    """The demo's models in `communes` (the four demo communes); returns how many models were created. With
    `photos`, each recognised model gets two drawn photos (files under MEDIA_ROOT)."""
    communes = sorted(communes, key=lambda u: u.code)
    if not communes:
        return 0
    supervisor = province_supervisor or User.objects.filter(username="giamsat.phutho", is_active=True).first()
    created = 0
    for number, story in enumerate(STORIES):
        commune = communes[story.commune % len(communes)]
        cast = _staff(commune)
        stored_name = normalize(story.name)  # as the service stores it (one tone-mark convention)
        if "danvan" not in cast or Initiative.objects.filter(unit=commune, name=stored_name).exists():
            continue
        model = _tell(story, commune, cast, supervisor, today=today, photos=photos, seed=number)
        created += 1
        for copy in story.copies:
            target = communes[copy.commune % len(communes)]
            target_cast = _staff(target)
            if "danvan" in target_cast and model.status == "recognised":
                _replicate(model, copy, target, target_cast["danvan"], today=today)
                created += 1
    return created


def _lower_first(name: str) -> str:
    """ "Thôn Bãi Sậy" inside a name or an address: "Tổ dân vận thôn Bãi Sậy", "thôn Bãi Sậy, xã Sông Lô"."""
    return name[:1].lower() + name[1:]


def _pick(villages: list[Unit], index: int) -> Unit | None:
    return villages[index % len(villages)] if villages and index >= 0 else None


def _tell(story: Story, commune: Unit, cast: dict[str, User], supervisor, *, today, photos: bool, seed: int):
    officer = cast["danvan"]
    leader = cast.get("bithu") or cast.get("chutich")
    village = _pick(_villages(commune), story.village)
    where = _lower_first(village.name if village else commune.name)
    registered = today - dt.timedelta(days=30 * story.months_ago + 3)
    with clock_at(_moment(registered)):
        model = initiative_register(
            unit=commune,
            village=village,
            name=story.name,
            field=story.field,
            owner_kind=story.owner_kind,
            owner_name=story.owner.format(village=where),
            place=f"{village.name}, {_lower_first(commune.name)}" if village else commune.name,
            period_start=registered.replace(day=1),
            description=story.description,
            results=story.results,
            figures=[{"label": label, "value": value, "unit": unit} for label, value, unit in story.figures],
            by=officer,
        )
    if story.stage == REGISTERED:
        return model

    def at(days: int, step) -> None:
        day = min(registered + dt.timedelta(days=days), today)
        with clock_at(_moment(day, 10)):
            step(day)

    at(10, lambda day: initiative_start(initiative=model, by=officer))
    if story.stage == WITHDRAWN:
        at(
            40,
            lambda day: initiative_withdraw(
                initiative=model, reason="Thôn chưa bố trí được mặt bằng; đăng ký lại năm sau.", by=officer
            ),
        )
        return model
    if story.stage == IMPLEMENTING:
        return model
    share = 0.9 if story.stage != REVIEWED else 0.8
    at(
        50,
        lambda day: initiative_review(
            initiative=model,
            scores=_scores(share),
            recommend=True,
            comment="Mô hình có địa chỉ cụ thể, được nhân dân đồng tình, hiệu quả rõ.",
            by=officer,
        ),
    )
    if leader is not None:
        at(
            52,
            lambda day: initiative_review(
                initiative=model,
                scores=_scores(share - 0.05),
                recommend=True,
                comment="Đề nghị công nhận.",
                by=leader,
            ),
        )
    if story.stage == REVIEWED or leader is None:
        return model
    first = GRASSROOTS if story.stage == GRASSROOTS else COMMUNE
    number = f"{40 + seed}/QĐ-UBND"
    at(
        60,
        lambda day: initiative_recognise(initiative=model, level=first, decision=number, on=day, by=leader),
    )
    if story.stage == PROVINCE and supervisor is not None:
        at(
            120,
            lambda day: initiative_recognise(
                initiative=model, level=PROVINCE, decision=f"{1200 + seed}-QĐ/TU", on=day, by=supervisor
            ),
        )
    if photos:
        for n, caption in enumerate(("Nhân dân cùng tham gia", "Kết quả sau khi thực hiện")):
            at(
                61,
                lambda day, n=n, caption=caption: evidence_add(
                    initiative=model, upload=_photo(seed * 2 + n), caption=caption, by=officer
                ),
            )
    model.refresh_from_db()
    return model


def _replicate(source: Initiative, copy: Copy, commune: Unit, officer: User, *, today: dt.date) -> Initiative:
    village = _pick(_villages(commune), copy.village)
    if village is not None and source.unit_id == commune.pk and source.village_id == village.pk:
        village = _pick(_villages(commune), copy.village + 1)
    where = _lower_first(village.name if village else commune.name)
    day = max(source.recognised_on or today, today - dt.timedelta(days=30))
    with clock_at(_moment(day, 14)):
        replica = initiative_replicate(
            source=source,
            commune=commune,
            village=village,
            owner_kind=OwnerKind.TEAM,
            owner_name=copy.owner.format(village=where),
            period_start=day,
            by=officer,
        )
    if copy.started:
        with clock_at(_moment(min(day + dt.timedelta(days=7), today), 9)):
            initiative_start(initiative=replica, by=officer)
    return replica
