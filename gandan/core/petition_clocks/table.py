"""Statutory clocks: the seed table of versions, each with its legal basis and validity (see __init__)."""

from datetime import date

from gandan.core.petition_clocks.rules import (
    _BEFORE_LAW_136,
    LAW_136_IN_FORCE,
    ClockRule,
    DayUnit,
    SuspensionMode,
)

# --- the seed table ----------------------------------------------------------------------------------------------

_COMPLAINT_LAW = date(2012, 7, 1)  # Law on Complaints 02/2011/QH13
_DENUNCIATION_LAW = date(2019, 1, 1)  # Law on Denunciation 25/2018/QH14
_RECEPTION_LAW = date(2014, 7, 1)  # Law on Citizen Reception 42/2013/QH13

_KN = "Luật Khiếu nại 02/2011/QH13"
_TC = "Luật Tố cáo 25/2018/QH14"
_TCD = "Luật Tiếp công dân 42/2013/QH13"
_CALENDAR_READING = (
    "[U] tính theo ngày lịch, ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp"
)
_DVCQG = "[U] quy trình PAKN trên Cổng Dịch vụ công quốc gia; chưa xác định văn bản gốc và ngày hiệu lực"


def _complaint_resolution_rules() -> tuple[ClockRule, ...]:
    """The eight resolution limits of Art. 28 and 37, each in its pre- and post-01/07/2026 version.

    The number of days does not change on 01/07/2026; what changes is the effect of a suspension. Before,
    the Law had no suspension article and the common reading is that suspended time is simply not counted
    (unconfirmed); from 01/07/2026 the limit restarts from the resume decision.
    """
    table = (
        ("complaint.first", 30, "Điều 28", "lần đầu"),
        ("complaint.first.complex", 45, "Điều 28", "lần đầu, vụ việc phức tạp"),
        ("complaint.first.remote", 45, "Điều 28", "lần đầu, vùng sâu, vùng xa"),
        ("complaint.first.remote_complex", 60, "Điều 28", "lần đầu, vùng sâu, vùng xa, vụ việc phức tạp"),
        ("complaint.second", 45, "Điều 37", "lần hai"),
        ("complaint.second.complex", 60, "Điều 37", "lần hai, vụ việc phức tạp"),
        ("complaint.second.remote", 60, "Điều 37", "lần hai, vùng sâu, vùng xa"),
        ("complaint.second.remote_complex", 70, "Điều 37", "lần hai, vùng sâu, vùng xa, vụ việc phức tạp"),
    )
    rules: list[ClockRule] = []
    for key, days, article, qualifier in table:
        label = f"Thời hạn giải quyết khiếu nại {qualifier}"
        rules.append(
            ClockRule(
                key=key,
                days=days,
                unit=DayUnit.CALENDAR,
                legal_basis=f"{_KN}, {article}",
                valid_from=_COMPLAINT_LAW,
                valid_to=_BEFORE_LAW_136,
                suspension=SuspensionMode.PAUSE,
                label=label,
                note=f"{_CALENDAR_READING}; [U] thời gian tạm dừng không tính vào thời hạn, chưa đối chiếu văn bản gốc",
            )
        )
        rules.append(
            ClockRule(
                key=key,
                days=days,
                unit=DayUnit.CALENDAR,
                legal_basis=(
                    f"{_KN}, {article} (sửa đổi bởi Luật 136/2025/QH15, Điều 11a); "
                    "Nghị định 155/2026/NĐ-CP, Điều 28a–28b"
                ),
                valid_from=LAW_136_IN_FORCE,
                valid_to=None,
                suspension=SuspensionMode.RESTART,
                label=label,
                note=f"{_CALENDAR_READING}; [S] thời hạn tính lại từ quyết định tiếp tục giải quyết (Mẫu 14b)",
            )
        )
    return tuple(rules)


DEFAULT_RULES: tuple[ClockRule, ...] = (
    # --- complaints (DOMAIN.md §2) ---
    ClockRule(
        key="complaint.limitation",
        days=90,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 9",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        # Time lost to illness, disaster, travel far away or another objective obstacle is not counted.
        suspension=SuspensionMode.PAUSE,
        label="Thời hiệu khiếu nại",
        note="Thời gian có trở ngại khách quan không tính vào thời hiệu",
    ),
    ClockRule(
        key="complaint.accept",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_KN}, Điều 27; Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1",
        valid_from=_COMPLAINT_LAW,
        valid_to=_BEFORE_LAW_136,
        label="Thời hạn thụ lý khiếu nại",
        note="[U] trước 10/12/2020 căn cứ là Thông tư 07/2013/TT-TTCP, Điều 5 (cũng 10 ngày làm việc)",
    ),
    ClockRule(
        key="complaint.accept",
        days=7,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 16 khoản 1 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        valid_from=LAW_136_IN_FORCE,
        valid_to=None,
        label="Thời hạn thụ lý khiếu nại",
        note="[S] văn bản đọc qua bản sao thứ cấp",
    ),
    *_complaint_resolution_rules(),
    ClockRule(
        key="complaint.second_window",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 33",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn khiếu nại lần hai",
        note="Tính từ khi hết thời hạn giải quyết lần đầu mà không được giải quyết, hoặc từ ngày nhận quyết định",
    ),
    ClockRule(
        key="complaint.second_window.remote",
        days=45,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_KN}, Điều 33",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn khiếu nại lần hai (vùng sâu, vùng xa)",
    ),
    ClockRule(
        key="complaint.send_decision",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 124/2020/NĐ-CP; Thông tư 07/2013/TT-TTCP",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời hạn gửi quyết định giải quyết khiếu nại",
        note="[U] chưa đối chiếu điều khoản cụ thể và ngày hiệu lực",
    ),
    ClockRule(
        key="complaint.dialogue_notice",
        days=5,
        unit=DayUnit.CALENDAR,
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 28 (sửa đổi bởi Nghị định 155/2026/NĐ-CP)",
        valid_from=_COMPLAINT_LAW,
        valid_to=None,
        label="Thời gian thông báo trước buổi đối thoại (tối thiểu)",
        note=(
            "Ngày tính được là ngày sớm nhất được tổ chức đối thoại; "
            "[U] mức 5 ngày trước 01/07/2026 chưa đối chiếu văn bản gốc"
        ),
    ),
    # --- denunciations (DOMAIN.md §3) ---
    ClockRule(
        key="denunciation.classify",
        days=7,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn xử lý ban đầu thông tin tố cáo",
    ),
    ClockRule(
        key="denunciation.classify.extended",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn xử lý ban đầu thông tin tố cáo (kéo dài)",
        note="Tổng thời hạn tính từ ngày nhận đơn, khi phải xác minh ở nhiều địa điểm hoặc ủy quyền xác minh",
    ),
    ClockRule(
        key="denunciation.forward",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 24 khoản 2",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn chuyển đơn tố cáo không thuộc thẩm quyền",
    ),
    ClockRule(
        key="denunciation.notify_acceptance",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TC}, Điều 29",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn thông báo việc thụ lý tố cáo",
    ),
    ClockRule(
        key="denunciation.resolve",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_TC}, Điều 30 khoản 1",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        suspension=SuspensionMode.PAUSE,
        label="Thời hạn giải quyết tố cáo",
        note=f"{_CALENDAR_READING}; [U] tạm đình chỉ theo Nghị định 156/2026/NĐ-CP chưa đối chiếu",
    ),
    ClockRule(
        key="denunciation.extension",
        days=30,
        unit=DayUnit.CALENDAR,
        legal_basis=f"{_TC}, Điều 30 khoản 1; Nghị định 31/2019/NĐ-CP, Mẫu 01",
        valid_from=_DENUNCIATION_LAW,
        valid_to=None,
        label="Thời hạn gia hạn giải quyết tố cáo (mỗi lần)",
        note="Vụ việc phức tạp gia hạn 1 lần, đặc biệt phức tạp gia hạn 2 lần; [U] tính từ hạn hiện tại",
    ),
    # --- petitions and reflections (DOMAIN.md §4) ---
    ClockRule(
        key="petition.reply",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 28",
        valid_from=_RECEPTION_LAW,
        valid_to=None,
        label="Thời hạn trả lời người kiến nghị, phản ánh",
    ),
    ClockRule(
        key="reflection.forward",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis="Nghị định 20/2008/NĐ-CP, Điều 9",
        valid_from=date(2008, 3, 15),
        valid_to=None,
        label="Thời hạn chuyển phản ánh, kiến nghị về quy định hành chính không thuộc thẩm quyền",
        note="[U] ngày hiệu lực của Nghị định 20/2008/NĐ-CP chưa đối chiếu",
    ),
    ClockRule(
        key="online.reject",
        days=2,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn từ chối tiếp nhận phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.supplement",
        days=5,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn đề nghị bổ sung phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.answer",
        days=15,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn trả lời phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    ClockRule(
        key="online.publish",
        days=2,
        unit=DayUnit.WORKING,
        legal_basis="Cổng Dịch vụ công quốc gia, chức năng Phản ánh kiến nghị",
        valid_from=date(2019, 12, 9),
        valid_to=None,
        label="Thời hạn công khai kết quả trả lời phản ánh, kiến nghị trực tuyến",
        note=_DVCQG,
    ),
    # --- citizen reception (DOMAIN.md §5) ---
    ClockRule(
        key="reception.refusal_notice",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 9; Thông tư 06/2014/TT-TTCP",
        valid_from=_RECEPTION_LAW,
        valid_to=_BEFORE_LAW_136,
        label="Thời hạn gửi thông báo từ chối tiếp công dân",
        note="[U] thời hạn 3 ngày làm việc trước 01/07/2026 chưa đối chiếu văn bản gốc",
    ),
    ClockRule(
        key="reception.refusal_notice",
        days=3,
        unit=DayUnit.WORKING,
        legal_basis=f"{_TCD}, Điều 9 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 154/2026/NĐ-CP, Điều 4",
        valid_from=LAW_136_IN_FORCE,
        valid_to=None,
        label="Thời hạn gửi thông báo từ chối tiếp công dân (Mẫu 01/TCD)",
        note="[S] văn bản đọc qua bản sao thứ cấp",
    ),
    ClockRule(
        key="party.reply",
        days=10,
        unit=DayUnit.WORKING,
        legal_basis="Quy định 11-QĐi/TW ngày 18/02/2019 (sửa đổi theo Kết luận 215-KL/TW ngày 23/11/2025)",
        valid_from=date(2019, 2, 18),
        valid_to=None,
        label="Thời hạn thông báo bằng văn bản của người đứng đầu cấp ủy sau khi tiếp dân",
        note="[S]",
    ),
)
