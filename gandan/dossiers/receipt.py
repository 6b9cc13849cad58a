"""The citizen's receipt of an online submission, as PDF: what was sent, when, under which code, and how to follow
it. Not one of the desk's forms (Form 01 comes when the desk accepts the dossier); it is what the citizen keeps after
pressing "send". Reached only through the dossier's secret link (public.py), like the lookup page.

Every word printed is Vietnamese; the citizen ID number and the phone are never printed (the receipt may be
forwarded or printed in a shop)."""

from gandan.dossiers.models import Channel, Dossier
from gandan.pdfdoc import OfficialDocument, lower_first, time_and_date
from gandan.pdfdoc import local as _local

TITLE = "PHIẾU XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN"
DESK = "Bộ phận Một cửa"


def online_receipt_available(dossier: Dossier) -> bool:
    return dossier.channel == Channel.ONLINE


def online_receipt_pdf(dossier: Dossier, *, lookup_link: str) -> bytes:
    """The receipt of `dossier` (submitted online); `lookup_link` is the absolute secret link its QR code opens."""
    doc = OfficialDocument(
        dossier.unit,
        note=f"Mã hồ sơ: {dossier.code}",
        office=DESK,
        title=f"{TITLE.capitalize()} - {dossier.code}",
        subject=dossier.procedure.name,
    )
    doc.heading(_local(dossier.submitted_at).date())
    doc.title(TITLE)
    doc.line(
        (f"{DESK} {lower_first(dossier.unit.name)}", "B"),
        " xác nhận đã nhận được hồ sơ nộp trực tuyến của: ",
        (dossier.applicant_name, "B"),
    )
    doc.line("Thủ tục: ", (dossier.procedure.name, "B"))
    doc.line("Mã hồ sơ: ", (dossier.code, "B"))
    doc.line("Thời gian nộp: ", time_and_date(dossier.submitted_at))
    names = [a.original_name for a in dossier.attachments.all()]
    if names:
        doc.line("Tệp đã gửi kèm:")
        doc.numbered(names)
    doc.line(("Hồ sơ đang chờ Bộ phận Một cửa kiểm tra.", "B"))
    doc.para(
        "Khi hồ sơ được tiếp nhận, ông/bà sẽ nhận Giấy tiếp nhận hồ sơ và hẹn trả kết quả; nếu cần bổ sung giấy "
        "tờ, Bộ phận Một cửa sẽ báo để ông/bà hoàn thiện."
    )
    doc.para(
        "Để tra cứu hồ sơ: nhập mã hồ sơ và 4 số cuối của số điện thoại (hoặc của số định danh cá nhân) đã khai "
        "tại trang Tra cứu hồ sơ, hoặc quét mã QR trên phiếu này."
    )
    doc.qr(lookup_link, "Quét mã để tra cứu hồ sơ")
    return doc.output()
