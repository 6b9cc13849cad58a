"""The demo's season of mobilisation activities (DEMO-AREA.md): the last four months in the four demo communes, for
the teams that exist there — a monthly meeting of every team with short minutes, three or four campaigns per commune
over several villages, two to four mediation cases with mixed results, and notes of what people are saying, some of
them echoing the matters of the demo's public opinion (gandan/opinion/evaluation/matters.py), which they join on the
board as signals.

Everything goes through the services, as the commune's mass-mobilisation officer (`danvan.<commune>`). Idempotent: a
commune that already has activities is left alone, and a commune without teams (or without its officer) is skipped.
"""

import datetime as dt
import random

from django.utils import timezone

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.kit.history import clock_at
from gandan.mobilization.models import Activity, Team
from gandan.mobilization.services.activities import activity_record
from gandan.units.models import GRASSROOTS_KINDS, Unit

SEASON_MONTHS = 4
SEED = 2026
Kind = Activity.Kind
Result = Activity.MediationResult

# --- Monthly meetings -------------------------------------------------------------------------------------------

MEETING_ITEMS = [
    "Quán triệt kế hoạch công tác dân vận tháng của Đảng ủy xã, phân công thành viên phụ trách từng xóm.",
    "Nắm tình hình tư tưởng nhân dân: bà con cơ bản phấn khởi, tập trung sản xuất; ghi nhận một số kiến nghị "
    "về đường giao thông nội đồng và thủ tục đất đai.",
    "Rà soát các hộ chưa tham gia bảo hiểm y tế, giao chi hội phụ nữ và chi hội nông dân đến từng hộ vận động.",
    "Thống nhất ra quân vệ sinh môi trường, phát quang đường làng vào sáng Chủ nhật cuối tháng.",
    "Phân công thành viên nắm các hộ có mâu thuẫn, kịp thời hòa giải từ cơ sở, không để phát sinh đơn thư.",
    "Tuyên truyền các thủ đoạn lừa đảo qua điện thoại và mạng xã hội, nhắc bà con không chuyển tiền cho người lạ.",
    "Chuẩn bị nội dung hội nghị nhân dân thôn, công khai các khoản đóng góp xây dựng nông thôn mới.",
    "Vận động các hộ đăng ký tham gia mô hình “Tuyến đường hoa, đường cây xanh” của thôn.",
    "Triển khai kế hoạch tiêm chủng mở rộng đợt này, nhờ loa truyền thanh thôn thông báo lịch tiêm.",
    "Nhắc các hộ chăn nuôi xử lý chất thải, không xả ra mương tưới; cùng công an viên kiểm tra các trường hợp "
    "thả rông gia súc.",
]
MEETING_OUTCOMES = [
    "Giao các thành viên phụ trách từng xóm nắm tình hình, báo cáo tại kỳ sinh hoạt sau.",
    "Tổng hợp kiến nghị của bà con gửi Ban Dân vận Đảng ủy xã.",
    "Thống nhất lịch ra quân; trưởng thôn thông báo trên loa truyền thanh.",
    "Đề nghị Mặt trận xã hỗ trợ thêm tài liệu tuyên truyền cho thôn.",
]

# --- Campaigns --------------------------------------------------------------------------------------------------

CAMPAIGNS: list[tuple[str, str, str]] = [
    (
        "Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
        "Họp dân tại nhà văn hóa các thôn, gặp gỡ từng hộ có đất nằm trong chỉ giới mở rộng tuyến đường liên thôn; "
        "công khai phương án thiết kế và mức hỗ trợ tháo dỡ tường rào, cổng ngõ.",
        "{households} hộ tự nguyện hiến khoảng {area} m² đất, tự tháo dỡ tường rào; {left} hộ còn băn khoăn, tổ "
        "tiếp tục gặp gỡ.",
    ),
    (
        "Tuyên truyền, vận động phân loại rác thải sinh hoạt tại nguồn",
        "Phát tờ rơi, hướng dẫn phân loại rác hữu cơ để ủ phân, rác tái chế và rác còn lại; chi hội phụ nữ đến "
        "từng hộ hướng dẫn, loa truyền thanh phát bài tuyên truyền mỗi tối.",
        "Khoảng {share}% số hộ đã phân loại rác tại nhà; đề nghị xã bố trí thêm thùng chứa ở các điểm tập kết.",
    ),
    (
        "Vận động đưa trẻ đi tiêm chủng đầy đủ, đúng lịch",
        "Phối hợp trạm y tế xã rà soát trẻ chưa tiêm đủ mũi; cộng tác viên dân số đến từng hộ nhắc lịch, giải thích "
        "cho các gia đình còn e ngại về phản ứng sau tiêm.",
        "{children} trẻ được tiêm bù; tỷ lệ trẻ được tiêm chủng đầy đủ đạt trên 95%.",
    ),
    (
        "Tuyên truyền phòng, chống lừa đảo qua mạng và cuộc gọi giả danh",
        "Phối hợp công an xã tuyên truyền tại các buổi họp thôn, trên nhóm Zalo của thôn và loa truyền thanh về thủ "
        "đoạn giả danh công an, ngân hàng, nhân viên điện lực để chiếm đoạt tiền.",
        "Bà con chủ động báo {calls} cuộc gọi, tin nhắn nghi lừa đảo cho công an xã; không có trường hợp bị mất tiền.",
    ),
    (
        "Vận động nhân dân tham gia bảo hiểm y tế hộ gia đình",
        "Rà soát danh sách hộ chưa có thẻ bảo hiểm y tế, tổ chức tư vấn tại nhà văn hóa; giới thiệu mức hỗ trợ cho "
        "hộ cận nghèo và hộ làm nông, lâm nghiệp có mức sống trung bình.",
        "Thêm {households} hộ đăng ký tham gia bảo hiểm y tế hộ gia đình.",
    ),
]

# --- Mediation cases (the names are invented) -------------------------------------------------------------------

MEDIATIONS: list[tuple[str, str]] = [
    (
        "Tranh chấp ranh giới đất vườn giữa hai hộ liền kề",
        "Hộ ông Nguyễn Văn Tư và hộ bà Lê Thị Hạnh ở {village} tranh chấp khoảng 12 m² đất vườn sau khi bờ rào cũ bị "
        "đổ. Tổ hòa giải mời hai bên đến nhà văn hóa, đối chiếu bản đồ địa chính và giấy chứng nhận, phân tích tình "
        "làng nghĩa xóm.",
    ),
    (
        "Mâu thuẫn do nước thải chăn nuôi chảy sang vườn nhà bên",
        "Nước thải chuồng lợn của hộ ông Trần Văn Bảy chảy sang vườn nhà ông Phạm Văn Lộc ở {village}, hai nhà "
        "to tiếng nhiều lần. Tổ hòa giải cùng công an viên đến hiện trường, hướng dẫn làm bể lắng và rãnh thoát.",
    ),
    (
        "Tranh chấp lối đi chung vào xóm",
        "Gia đình bà Đỗ Thị Nhung xây tường rào lấn một phần lối đi chung của bốn hộ ở {village}. Tổ hòa giải đo lại "
        "hiện trạng theo bản đồ, mời các hộ cùng bàn cách trả lại lối đi.",
    ),
    (
        "Mâu thuẫn trong gia đình về chia thừa kế nhà đất",
        "Ba anh em nhà ông Hoàng Văn Khải ở {village} không thống nhất việc chia thửa đất bố mẹ để lại, không có di "
        "chúc. Tổ hòa giải gặp riêng từng người, giải thích quy định về thừa kế theo pháp luật.",
    ),
    (
        "Xô xát giữa hai nhóm thanh niên sau đám cưới",
        "Sau đám cưới ở {village}, hai nhóm thanh niên xô xát vì va chạm xe máy, một người bị xây xát nhẹ. Tổ hòa "
        "giải cùng chi đoàn thanh niên và gia đình hai bên gặp gỡ, phân tích hậu quả pháp lý.",
    ),
    (
        "Tranh chấp tiền công thu hoạch lúa bằng máy gặt",
        "Chủ máy gặt và hộ ông Bùi Văn Sinh ở {village} không thống nhất tiền công do ruộng đổ, máy phải gặt chậm. "
        "Tổ hòa giải mời hai bên, đối chiếu giá công gặt chung của thôn.",
    ),
]
RESULT_OUTCOMES = {
    Result.SUCCESS: "Hai bên thống nhất phương án, ký biên bản hòa giải thành; tổ sẽ theo dõi việc thực hiện.",
    Result.FAILED: "Hai bên chưa thống nhất; tổ hướng dẫn gửi đơn đến UBND xã để giải quyết theo thẩm quyền.",
    Result.ONGOING: "Hai bên đã ngồi lại với nhau; tổ hẹn buổi hòa giải tiếp theo sau khi đo đạc lại.",
    Result.REFERRED: "Vụ việc vượt quá phạm vi hòa giải ở cơ sở; đã báo cáo UBND xã và công an xã xử lý.",
}
RESULT_MIX = [Result.SUCCESS, Result.SUCCESS, Result.FAILED, Result.ONGOING, Result.SUCCESS, Result.REFERRED]

# --- What people are saying -------------------------------------------------------------------------------------
# By village (the name without "Thôn"): notes echoing the demo's opinion matters there.
ECHOES: dict[str, list[str]] = {
    # xã Sông Lô
    "Bến Đò": [
        "Bà con thôn Bến Đò phản ánh tàu hút cát hoạt động cả đêm trên sông Lô, bờ bãi sạt lở vào ruộng ngô; nhiều "
        "hộ lo mất đất canh tác, đề nghị xã kiểm tra.",
        "Rác ở điểm tập kết đầu thôn Bến Đò mấy ngày chưa được chở đi, bốc mùi; bà con đề nghị tăng số chuyến thu gom.",
    ],
    "Bãi Sậy": [
        "Người dân Bãi Sậy bức xúc vì tàu hút cát trái phép, ban đêm ra ngăn thì bị dọa nạt; mong công an vào cuộc.",
        "Phụ huynh lo có thanh niên tụ tập ở chòi canh chân đê vào buổi tối, nghi có tệ nạn.",
    ],
    "Đồng Cả": [
        "Trạm bơm của thôn hỏng đúng lúc lúa làm đòng, bà con phải bơm dầu tự túc; đề nghị hợp tác xã sửa gấp.",
        "Nhiều hộ hỏi hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất nộp từ mùa hè đến nay chưa có kết quả.",
    ],
    "Lũng Hạ": [
        "Các cụ phàn nàn đi khám bảo hiểm y tế ở trạm phải chờ cả buổi, thuốc huyết áp có lúc hết.",
        "Bà con sốt ruột vì hồ sơ sổ đỏ chậm, đi lại nhiều lần chưa xong.",
    ],
    "Thượng Lạp": [
        "Một số hộ có đất bị thu hồi làm đường tỉnh 307 cho rằng đơn giá bồi thường thấp, muốn được đối thoại với xã.",
    ],
    "Tân Phong": [
        "Các hộ dọc đường tỉnh 307 hỏi bao giờ được chi trả tiền bồi thường tường rào đã bị phá dỡ.",
    ],
    "Đồng Giang": ["Bà con đề nghị công khai biên bản kiểm đếm của dự án đường tỉnh đoạn qua thôn."],
    # xã Tam Sơn
    "Đồng Bùa": [
        "Bụi từ trạm trộn bê tông đầu thôn bay vào nhà dân, trẻ con ho nhiều; bà con đề nghị kiểm tra giấy phép môi "
        "trường của trạm.",
    ],
    "Cao Quang": [
        "Các dòng họ ở Cao Quang chưa đồng ý di dời mộ cho dự án khi chưa có khu nghĩa trang mới, cho rằng mức hỗ trợ "
        "mỗi ngôi mộ thấp.",
    ],
    "Gò Chè": [
        "Nước máy bị cắt hai ngày không báo trước, nhiều hộ phải đi xin nước; đề nghị công ty cấp nước thông báo."
    ],
    "Quang Hà": [
        "Tiểu thương chưa muốn chuyển sang chợ mới vì phí thuê ki ốt cao, mong xã tổ chức đối thoại trước khi di dời.",
        "Quán karaoke gần thôn hát đến nửa đêm, bà con nhờ công an xã nhắc nhở.",
    ],
    "Đồng Măng": ["Ván cầu treo qua suối bị mục nhiều chỗ, học sinh vẫn đi qua hằng ngày; đề nghị sửa gấp."],
    "Tân Tiến": [
        "Có hộ san lấp ruộng ven đường để dựng quán khi chưa được phép, bà con đề nghị xã kiểm tra."
    ],
    # xã Hải Lựu
    "Khe Lau": [
        "Mùi hôi từ trang trại lợn đầu nguồn suối ngày càng nặng, nhất là buổi chiều; bà con đề nghị kiểm tra."
    ],
    "Suối Cát": ["Nước suối đổi màu, nghi do trang trại lợn xả thải; các hộ lấy nước tưới rau rất lo."],
    "Đồng Thành": [
        "Người dân phát hiện xác lợn chết vứt xuống mương, lo dịch bệnh lây sang đàn lợn của các hộ."
    ],
    "Gò Gạo": [
        "Trại gà mới mở rộng sát khu dân cư, ruồi nhiều; bà con mong xã làm rõ trại có đủ giấy phép không."
    ],
    "Núi Sỏi": [
        "Khói lò gạch thủ công bay vào khu dân cư vào ban đêm; điện chập chờn làm hỏng đồ dùng của một số hộ."
    ],
    "Đồng Mồ": [
        "Điện yếu, chập chờn vào giờ cao điểm, máy bơm không chạy được; đề nghị điện lực nâng cấp đường dây."
    ],
    # xã Yên Lãng
    "Hoành Sơn": [
        "Cống qua đường liên thôn Hoành Sơn – Tam Đa sụt sau trận mưa, xe chở nông sản không đi được; bà con mong xã "
        "khắc phục trước mùa thu hoạch.",
    ],
    "Tam Đa": ["Cá chết nổi ở ao đầu thôn, bà con nghi nước thải từ đâu đó chảy về; đề nghị lấy mẫu nước."],
    "Trường Xuân": ["Xe chở đá quá tải chạy suốt ngày qua thôn, đường bê tông nứt vỡ nhiều chỗ."],
    "Phú Cường": ["Trạm biến áp của thôn hay nhảy, mất điện kéo dài vào những ngày nắng nóng."],
    "Minh Tân": ["Mất điện nhiều giờ, máy bơm giếng không chạy; bà con đề nghị điện lực thay máy biến áp."],
    "Thống Nhất": [
        "Các cụ hỏi vì sao tiền trợ cấp người cao tuổi mấy tháng nay chậm, nghe nói danh sách bị sót tên."
    ],
    "Đoàn Kết": [
        "Phụ huynh băn khoăn về các khoản đóng góp đầu năm học của trường tiểu học, đề nghị công khai."
    ],
    "Lãng Sơn": [
        "Trâu bò thả rông trên đường vào buổi tối, xe máy dễ va phải; bà con đề nghị thôn nhắc các hộ."
    ],
    "Yên Sơn": [
        "Kênh mương nội đồng bồi lắng, nước không về được ruộng cuối kênh; mong xã nạo vét trước vụ."
    ],
}
GENERAL_NOTES = [
    "Bà con phấn khởi vì giá lúa vụ này khá, nhưng lo giá phân bón và thuốc bảo vệ thực vật tăng.",
    "Nhiều hộ hỏi chính sách hỗ trợ chuyển đổi cây trồng, đề nghị xã mở lớp tập huấn kỹ thuật.",
    "Một số hộ muốn được công khai các khoản thu chi làm đường bê tông nội đồng trước khi đóng góp tiếp.",
    "Các cụ cao tuổi mong sớm có sân tập dưỡng sinh ở nhà văn hóa thôn.",
    "Phụ huynh lo học sinh đi xe đạp điện không đội mũ bảo hiểm trên đường tỉnh; đề nghị nhà trường nhắc nhở.",
    "Bà con đồng tình với việc lắp camera an ninh ở các ngã ba, đề nghị xã hỗ trợ một phần kinh phí.",
    "Người dân hỏi thủ tục làm căn cước cho trẻ em và tích hợp thông tin trên ứng dụng định danh điện tử.",
]


# --- The season -------------------------------------------------------------------------------------------------


def _months(today: dt.date) -> list[dt.date]:
    """The first days of the season's months, oldest first (the current month last)."""
    firsts = []
    year, month = today.year, today.month
    for _ in range(SEASON_MONTHS):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _day_in(
    rng: random.Random, first: dt.date, today: dt.date, *, lo: int = 1, hi: int = 28
) -> dt.date | None:
    day = first.replace(day=rng.randint(lo, hi))
    return day if day <= today else None


def _day_between(rng: random.Random, start: dt.date, today: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (today - start).days)))


def _bare(village: Unit) -> str:
    return village.name.removeprefix("Thôn ").removeprefix("Tổ dân phố ")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _officer(commune: Unit) -> User | None:
    return (
        User.objects.filter(unit=commune, is_active=True, roles__role=Role.MOBILIZATION_OFFICER)
        .order_by("username")
        .first()
    )


def seed_activities(*, communes: list[Unit], today: dt.date) -> int:
    """Record the season of the demo communes that have teams and none of it yet. Returns how many activities
    were recorded."""
    created = 0
    for commune in communes:
        teams = list(
            Team.objects.filter(commune_path=commune.path, dissolved_on__isnull=True)
            .select_related("village")
            .order_by("village__name_search", "id")
        )
        officer = _officer(commune)
        if not teams or officer is None or Activity.objects.filter(unit=commune).exists():
            continue
        created += _commune_season(commune, teams, officer, today)
    return created


def _commune_season(commune: Unit, teams: list[Team], by: User, today: dt.date) -> int:
    rng = random.Random(f"{SEED}-activities-{commune.code}")
    months = _months(today)
    villages = list(
        Unit.objects.filter(parent=commune, kind__in=GRASSROOTS_KINDS, valid_to__isnull=True).order_by(
            "name_search"
        )
    )
    count = 0

    def record(**facts) -> None:
        nonlocal count
        # Recorded the evening of the day it happened: the audit trail and the signal read as a real season.
        held = facts["held_on"]
        moment = timezone.make_aware(dt.datetime.combine(held, dt.time(17, 30)))
        with clock_at(min(moment, timezone.now())):
            activity_record(commune=commune, by=by, **facts)
        count += 1

    # A monthly meeting of every team.
    for first in months:
        for team in teams:
            held_on = _day_in(rng, first, today, lo=3, hi=26)
            if held_on is None:
                continue
            items = rng.sample(MEETING_ITEMS, 3)
            minutes = (
                f"Tổ dân vận {_lower_first(team.village.name)} sinh hoạt định kỳ tháng {held_on.month}/{held_on.year} "
                "tại nhà văn hóa thôn, do đồng chí tổ trưởng chủ trì.\n"
                + "\n".join(f"- {item}" for item in items)
            )
            record(
                kind=Kind.MEETING,
                held_on=held_on,
                team=team,
                content=minutes,
                attendees=rng.randint(6, 12),
                outcome=rng.choice(MEETING_OUTCOMES),
            )

    # Three or four campaigns over several villages.
    for title, content, outcome in rng.sample(CAMPAIGNS, rng.randint(3, 4)):
        covered = rng.sample(villages, min(len(villages), rng.randint(3, 5))) if villages else []
        if not covered:
            continue
        held_on = _day_between(rng, months[0], today)
        facts = {
            "households": rng.randint(12, 40),
            "area": rng.randint(3, 12) * 100,
            "left": rng.randint(1, 4),
            "share": rng.randint(55, 80),
            "children": rng.randint(8, 30),
            "calls": rng.randint(5, 20),
        }
        record(
            kind=Kind.CAMPAIGN,
            held_on=held_on,
            title=title,
            content=content,
            villages=covered,
            people_reached=sum(rng.randint(80, 260) for _ in covered),
            outcome=outcome.format(**facts),
        )

    # Two to four mediation cases, with mixed results.
    results = rng.sample(RESULT_MIX, len(RESULT_MIX))
    # However the draw falls (it follows the dates), the first two differ: mixed results, never two successes alone.
    other = next(i for i, result in enumerate(results) if result != results[0])
    results[1], results[other] = results[other], results[1]
    for (title, case), result in zip(rng.sample(MEDIATIONS, rng.randint(2, 4)), results, strict=False):
        team = rng.choice(teams)
        held_on = _day_between(rng, months[0], today)
        record(
            kind=Kind.MEDIATION,
            held_on=held_on,
            team=team,
            title=title,
            content=case.format(village=_lower_first(team.village.name)),
            mediation_result=result,
            outcome=RESULT_OUTCOMES[result],
        )

    # What people are saying: the matters of the team's village first, then what is heard everywhere.
    for team in teams:
        heard = list(ECHOES.get(_bare(team.village), []))
        heard += rng.sample(GENERAL_NOTES, 1 if heard else 2)
        for text in heard:
            held_on = _day_between(rng, months[-2], today)  # heard lately: the board shows it now
            record(kind=Kind.NOTE, held_on=held_on, team=team, content=text)
    return count
