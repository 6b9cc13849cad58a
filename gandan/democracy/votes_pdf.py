"""The printed papers of a household vote (gandan.pdfdoc, Vietnamese whatever the officer's language):

- the community decision (văn bản quyết định của cộng đồng dân cư, Law 10/2022 Art. 20): time, total households,
  households present and absent, content, form, result and decision, signed by the village head, the head of the
  village Front committee and two household representatives;
- the online ballot codes: one slip per household (its number, representative, the vote, its window, the code and the
  address of the vote's page with a QR code), four to a page, for the village head to hand out."""

from django.utils import timezone
from django.utils.translation import override
from fpdf.enums import Align, XPos, YPos

from gandan.core.democracy.votes import Form, Threshold, rule_for
from gandan.democracy.models import Vote
from gandan.democracy.services.ballots import IssuedCode
from gandan.democracy.vote_texts import form_label, matter_label, result_text
from gandan.pdfdoc import FONT, LINE, MARGIN_LEFT, OfficialDocument, Signature, fmt_date, time_and_date

VILLAGE_HEAD = "TRƯỞNG THÔN"
GROUP_HEAD = "TỔ TRƯỞNG TỔ DÂN PHỐ"
FRONT_HEAD = "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN"
REPRESENTATIVE = "ĐẠI DIỆN HỘ GIA ĐÌNH"


def _commune(vote: Vote):
    return vote.village.parent or vote.village


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "—"


def decision_pdf(vote: Vote) -> bytes:
    """The community decision of a counted vote."""
    with override("vi"):
        village, commune = vote.village, _commune(vote)
        doc = OfficialDocument(
            commune,
            note="Số: ....../QĐ-CĐDC",
            title=f"Quyết định của cộng đồng dân cư — {vote.title}",
            author=village.name,
            issuer=[commune.name.upper(), village.name.upper()],
        )
        counted = timezone.localtime(vote.counted_at).date() if vote.counted_at else timezone.localdate()
        doc.heading(counted)
        doc.title("QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ", f"Về việc: {vote.title}")
        doc.para("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;")
        doc.para("Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;")
        doc.para(f"Căn cứ kết quả biểu quyết của các hộ gia đình {village.name}, {commune.name},")
        doc.centred("CỘNG ĐỒNG DÂN CƯ QUYẾT ĐỊNH:", after=1)
        households, present = vote.households or 0, vote.present or 0
        rule = rule_for(vote.matter, timezone.localtime(vote.opens_at).date())
        share = "2/3" if rule.threshold == Threshold.TWO_THIRDS else "quá nửa (trên 50%)"
        doc.line(
            ("1. Thời gian: ", "B"), f"từ {time_and_date(vote.opens_at)} đến {time_and_date(vote.closes_at)}."
        )
        doc.line(("2. Nội dung: ", "B"), f"{matter_label(vote.matter)} (khoản {vote.matter} Điều 15).")
        doc.free_text(vote.question, indent=6)
        doc.line(("3. Hình thức: ", "B"), f"{form_label(vote.form)}.")
        took_part = "dự họp" if vote.form == Form.MEETING else "tham gia biểu quyết"
        doc.line(("4. Tổng số hộ gia đình của thôn: ", "B"), f"{households} hộ;")
        doc.line(
            f"    Số hộ có đại diện {took_part}: {present} hộ; số hộ vắng mặt: {households - present} hộ."
        )
        doc.line(
            ("5. Kết quả: ", "B"),
            f"đồng ý {vote.yes} hộ ({_percent(vote.yes or 0, households)} tổng số hộ); không đồng ý {vote.no} hộ; "
            f"không có ý kiến {vote.blank} hộ. Số hộ đồng ý cần đạt: {vote.needed} hộ ({share} tổng số hộ).",
        )
        verdict = "được thông qua" if vote.passed else "không được thông qua"
        doc.line(("6. Quyết định: ", "B"), f"Nội dung trên {verdict}.")
        doc.free_text(
            result_text(
                form=vote.form,
                threshold=rule.threshold,
                households=households,
                present=present,
                yes=vote.yes or 0,
                needed=vote.needed or 0,
                village=village,
            ),
            indent=6,
        )
        if vote.passed:
            doc.line(("7. Hiệu lực: ", "B"), f"{rule.effective}.")
        board = [n for n in vote.counting_board.splitlines() if n.strip()]
        if board:
            doc.line(("Tổ kiểm phiếu: ", "B"), "; ".join(board) + ".")
        doc.small_print(
            "Văn bản này được gửi Ủy ban nhân dân xã và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã trong "
            "thời hạn 05 ngày làm việc kể từ ngày kết thúc việc biểu quyết (Điều 20 Luật Thực hiện dân chủ ở cơ sở)."
        )
        head = GROUP_HEAD if village.kind == "residential_group" else VILLAGE_HEAD
        doc.signatures(Signature(head, name=vote.village_head), Signature(FRONT_HEAD, name=vote.front_head))
        doc.signatures(
            Signature(REPRESENTATIVE, name=vote.witness_1), Signature(REPRESENTATIVE, name=vote.witness_2)
        )
        return doc.output()


SLIP_HEIGHT = 64  # mm: four slips on an A4 page
SLIPS_PER_PAGE = 4


def codes_pdf(vote: Vote, codes: list[IssuedCode], *, url: str) -> bytes:
    """The ballot code slips of an online vote, four to a page, to cut and hand out."""
    with override("vi"):
        village, commune = vote.village, _commune(vote)
        doc = OfficialDocument(
            commune, note="", title=f"Mã biểu quyết trực tuyến — {vote.title}", author=village.name
        )
        pdf = doc.pdf
        pdf.set_auto_page_break(False)
        width = pdf.epw
        window = f"từ {time_and_date(vote.opens_at)} đến {time_and_date(vote.closes_at)}"
        for index, issued in enumerate(codes):
            if index and index % SLIPS_PER_PAGE == 0:
                pdf.add_page()
            top = pdf.t_margin + (index % SLIPS_PER_PAGE) * (SLIP_HEIGHT + 2)
            pdf.set_line_width(0.2)
            pdf.set_dash_pattern(dash=1.5, gap=1.2)
            pdf.rect(MARGIN_LEFT, top, width, SLIP_HEIGHT)
            pdf.set_dash_pattern()
            text_width = width - 34
            pdf.set_xy(MARGIN_LEFT + 3, top + 3)
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(
                text_width, 5.5, "PHIẾU MÃ BIỂU QUYẾT TRỰC TUYẾN", new_x=XPos.LEFT, new_y=YPos.NEXT
            )
            pdf.set_font(FONT, "", 11)
            lines = [
                f"{village.name}, {commune.name}",
                f"Hộ số {issued.household.code} — Người đại diện: {issued.household.representative}",
                f"Nội dung: {vote.title}",
                f"Thời gian biểu quyết: {window}",
            ]
            for line in lines:
                pdf.multi_cell(text_width, 5, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "B", 18)
            pdf.cell(text_width, 9, f"Mã: {issued.code}", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "I", 10)
            pdf.multi_cell(
                text_width,
                4.4,
                f"Mở {url} (hoặc quét mã QR), nhập mã và chọn Đồng ý, Không đồng ý hoặc Không có ý kiến. Mỗi hộ "
                "biểu quyết một lần; không đưa mã cho người ngoài hộ.",
                align=Align.L,
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
            )
            doc.qr(url, "Trang biểu quyết", top=top + 6)
        if not codes:
            pdf.set_font(FONT, "", 12)
            pdf.cell(0, LINE, "Không có mã nào.")
        return doc.output()


def decision_filename(vote: Vote) -> str:
    return f"quyet-dinh-cong-dong-{vote.pk}-{fmt_date(vote.counted_at).replace('/', '')}.pdf"
