"""The minutes of a dialogue as an A4 document (Decree 30/2020 layout, gandan.pdfdoc): the dialogue's facts, the
record written by the secretary, every question with its answer (grouped by theme), and the table of commitments
with who answers for each, its due date and where it stands. A dialogue held but not yet closed prints as a draft.

A legal document: every word printed is Vietnamese whatever the officer's interface language. The askers are named
with their village; their phone and e-mail are never printed."""

from django.utils import timezone

from gandan.dialogues.models import Dialogue
from gandan.dialogues.selectors.dialogues import dialogue_commitments, dialogue_questions, grouped_by_theme
from gandan.pdfdoc import OfficialDocument, Signature, committee, fmt_date, time_and_date

KIND_WORDS: dict[str, str] = {
    Dialogue.Kind.ANNUAL: "Hội nghị đối thoại giữa Ủy ban nhân dân với Nhân dân (phối hợp với Ủy ban Mặt trận Tổ "
    "quốc Việt Nam tổ chức hằng năm)",
    Dialogue.Kind.THEMATIC: "Hội nghị đối thoại chuyên đề",
    Dialogue.Kind.BEFORE_DECISION: "Hội nghị đối thoại trước khi ban hành quyết định hành chính",
}
CHANNEL_WORDS = {
    "portal": "gửi qua cổng thông tin",
    "reception": "gửi qua tiếp công dân",
    "village_head": "gửi qua trưởng thôn",
    "floor": "hỏi trực tiếp tại hội nghị",
}
STATE_WORDS = {
    "open": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "cancelled": "Hủy bỏ",
}
BASIS = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"


def minutes_pdf_bytes(dialogue: Dialogue) -> bytes:
    dialogue = Dialogue.objects.select_related("unit", "unit__parent").get(pk=dialogue.pk)
    unit = dialogue.unit
    draft = dialogue.status != Dialogue.Status.CLOSED
    doc = OfficialDocument(
        unit,
        note="Số:        /BB-UBND",
        title=f"Biên bản {dialogue.title}",
        subject=KIND_WORDS.get(dialogue.kind, ""),
    )
    doc.heading(timezone.localdate(dialogue.starts_at))
    doc.title("BIÊN BẢN", f"{dialogue.title}{' (dự thảo)' if draft else ''}")
    doc.line(("Loại hình: ", "B"), KIND_WORDS.get(dialogue.kind, ""))
    if dialogue.topic:
        doc.line(("Chủ đề: ", "B"), dialogue.topic)
    doc.line(("Căn cứ: ", "B"), BASIS)
    doc.line(("Thời gian: ", "B"), time_and_date(dialogue.starts_at))
    doc.line(("Địa điểm: ", "B"), dialogue.place)
    doc.line(("Chủ trì: ", "B"), dialogue.chaired_by)
    if dialogue.participants:
        doc.line(("Thành phần tham dự:", "B"))
        doc.free_text(dialogue.participants, indent=6)
    if dialogue.agenda:
        doc.line(("Nội dung, chương trình:", "B"))
        doc.free_text(dialogue.agenda, indent=6)

    doc.line(("I. DIỄN BIẾN HỘI NGHỊ", "B"))
    if dialogue.minutes:
        doc.free_text(dialogue.minutes, indent=6)
    else:
        doc.line("(Thư ký hội nghị ghi diễn biến khi kết thúc hội nghị.)", indent=6)

    questions = dialogue_questions(dialogue)
    doc.line(("II. Ý KIẾN, CÂU HỎI CỦA NHÂN DÂN VÀ TRẢ LỜI", "B"))
    if not questions:
        doc.line("(Không có câu hỏi.)", indent=6)
    for group in grouped_by_theme(questions):
        doc.line((group.theme or "Các nội dung khác", "BI"), indent=3)
        for q in group.questions:
            where = f", {q.village.name}" if q.village_id else ""
            doc.line(
                (f"Câu {q.number}. ", "B"),
                f"Ông/bà {q.asker_name}{where} ({CHANNEL_WORDS.get(q.channel, '')}):",
                indent=6,
            )
            doc.free_text(q.text, indent=10)
            if q.status == "answered":
                doc.line(("Trả lời: ", "B"), indent=10)
                doc.free_text(q.answer, indent=14)
            elif q.status == "set_aside":
                doc.line(("Không xem xét: ", "B"), q.set_aside_reason, indent=10)
            else:
                doc.line(("Trả lời: ", "B"), "(chưa trả lời; sẽ trả lời bằng văn bản)", indent=10)

    commitments = dialogue_commitments(dialogue)
    doc.line(("III. CÁC NỘI DUNG CAM KẾT, GIAO THỰC HIỆN", "B"))
    if commitments:
        rows = []
        for i, c in enumerate(commitments, start=1):
            origin = f" (trả lời câu {c.question.number})" if c.question_id and c.question else ""
            rows.append(
                (str(i), f"{c.text}{origin}", c.owner, fmt_date(c.due), STATE_WORDS.get(c.state, c.state))
            )
        doc.table(
            ("STT", "Nội dung cam kết", "Cơ quan, người chịu trách nhiệm", "Thời hạn", "Tình trạng"),
            rows,
            widths=(11, 70, 42, 24, 23),
            aligns=("C", "L", "L", "C", "C"),
            size=11,
        )
    else:
        doc.line("(Không có nội dung cam kết.)", indent=6)
    doc.para(
        f"Biên bản được lập tại hội nghị, tiến độ thực hiện các nội dung cam kết được {committee(unit)} công khai trên "
        "cổng thông tin và theo dõi đến khi hoàn thành./."
    )
    doc.signatures(Signature("THƯ KÝ"), Signature("CHỦ TRÌ"))
    return doc.output()
