"""The layout of an official A4 Vietnamese administrative document (Decree 30/2020/NĐ-CP), shared by every module
that prints one: the one-stop desk's forms (gandan.dossiers.pdf), the notices and decisions on petitions
(gandan.petitions.pdf) and the citizen-reception forms (gandan.reception.pdf).

`OfficialDocument` draws the pieces: the issuing body (top left) over its number or code, the national heading
(top right) over the place and date, the title, paragraphs, numbered lists, tables, the "Nơi nhận" list and the
signature blocks, an optional QR code; the page numbers from page 2 are drawn by `PDF`. The fonts are Crimson Text
1.100 (every Vietnamese letter), shipped in gandan/fonts/ under the SIL Open Font License beside them (OFL.txt),
and all text is printed NFC.

These are legal documents: every word printed is Vietnamese whatever the officer's interface language. The
builders that use this module decide what is printed; nothing here reads the database except `Unit.province_name`.
"""

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import qrcode
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_HINT = "(Ký, ghi rõ họ tên)"
SIGN_SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"
UNIT_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")
BLANK_DATE = "..../..../........"

FONT = "CrimsonText"
BODY_SIZE = 13.5  # Crimson Text has a small x-height: 13.5 pt reads like 13 pt Times New Roman
LINE = 6.6  # mm per body line
MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM = 25, 15, 15, 15
QR_SIZE = 24  # mm

Run = tuple[str, str] | str  # a piece of a paragraph: ("text", style) or plain regular text


# --- Text helpers ------------------------------------------------------------------------------------------------
def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def fmt_date(day: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy (a moment is taken on the local day); dotted blanks when there is no date."""
    if day is None:
        return BLANK_DATE
    if isinstance(day, dt.datetime):
        day = local(day).date()
    return day.strftime("%d/%m/%Y")


def time_and_date(moment: dt.datetime) -> str:
    """The official wording: "09 giờ 30 phút, ngày 09/01/2026"."""
    moment = local(moment)
    return f"{moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}"


def date_line(place: str, day: dt.date) -> str:
    """Decree 30/2020: days below 10 and the months 1 and 2 are written with a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def place_name(unit) -> str:
    """ "Xã Sông Lô" → "Sông Lô" for the place-and-date line."""
    for prefix in UNIT_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def province_line(unit) -> str:
    """ "Phú Thọ" → "Tỉnh Phú Thọ"; a centrally-run city keeps its own name ("Thành phố Hà Nội")."""
    name = unit.province_name
    if not name or name.startswith(("Thành phố ", "Tỉnh ")):
        return name
    return f"Tỉnh {name}"


def unit_name(unit) -> str:
    """The unit as written in running text: "xã Sông Lô"; a province "tỉnh Phú Thọ", a city "thành phố Hà Nội"."""
    name = unit.name
    if unit.parent_id is None and not name.startswith(("Thành phố ", "Tỉnh ")):
        name = f"Tỉnh {name}"
    return lower_first(name)


def committee(unit) -> str:
    """The unit's people's committee as written in running text: "UBND xã Sông Lô"."""
    return f"UBND {unit_name(unit)}"


def issuing_body_lines(unit, office: str = "") -> list[str]:
    """The issuing body in the top-left corner, in capitals: the province's and the unit's people's committees,
    then `office` (e.g. the one-stop desk) when the document is issued by it. The last line is printed bold."""
    lines = []
    province = province_line(unit)
    if province:
        lines.append(f"UBND {province}".upper())
    lines.append(committee(unit).upper())
    if office:
        lines.append(office.upper())
    return lines


# --- The document ----------------------------------------------------------------------------------------------
@cache
def font_files() -> dict[str, str]:
    """The four static Crimson Text TTFs in gandan/fonts/ (OFL), by fpdf2 style; found from the package root, so
    this module may move without them."""
    fonts = files("gandan").joinpath("fonts")
    return {
        "": str(fonts.joinpath("CrimsonText-Regular.ttf")),
        "B": str(fonts.joinpath("CrimsonText-Bold.ttf")),
        "I": str(fonts.joinpath("CrimsonText-Italic.ttf")),
        "BI": str(fonts.joinpath("CrimsonText-BoldItalic.ttf")),
    }


class PDF(FPDF):
    def normalize_text(self, text: str) -> str:
        # The fonts carry precomposed letters only: decomposed input (NFD) would print loose accents.
        return super().normalize_text(unicodedata.normalize("NFC", text))

    def header(self) -> None:
        if self.page_no() > 1:  # Decree 30/2020: page numbers from the second page, centred at the top
            self.set_font(FONT, "", 11)
            self.set_y(7)
            self.cell(0, 5, str(self.page_no()), align=Align.C)
            self.set_y(MARGIN_TOP)


@dataclass(frozen=True)
class Signature:
    title: str
    hint: str = SIGN_HINT
    name: str = ""


class OfficialDocument:
    """One A4 portrait document of `unit`. `note` is printed under the issuing body (the document number, or the
    dossier code); `office` is the issuing office below the unit's committee, if any; `issuer` replaces the issuing
    body's lines when the document is not issued by a committee (a village's community decision)."""

    def __init__(
        self,
        unit,
        *,
        note: str,
        title: str,
        subject: str = "",
        author: str = "",
        office: str = "",
        issuer: Sequence[str] = (),
    ) -> None:
        self.unit = unit
        self.note = note
        self.office = office
        self.issuer = list(issuer)  # the issuing body's lines when it is not the unit's committee (a village)
        pdf = PDF(orientation="P", unit="mm", format="A4")
        for style, path in font_files().items():
            pdf.add_font(FONT, style, path)
        pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.set_lang("vi")
        pdf.set_title(title)
        if subject:
            pdf.set_subject(subject)
        pdf.set_author(author or committee(unit))
        pdf.set_creator("Gần Dân")
        pdf.add_page()
        self.pdf = pdf

    def heading(self, day: dt.date) -> None:
        """Issuing body (left), national heading (right), then the note (number or code) and the place and date."""
        pdf = self.pdf
        left_w, right_x = 74.0, MARGIN_LEFT + 72.0
        right_w = pdf.w - MARGIN_RIGHT - right_x
        top = pdf.t_margin
        lines = self.issuer or issuing_body_lines(self.unit, self.office)
        pdf.set_xy(MARGIN_LEFT, top)
        for i, line in enumerate(lines):
            pdf.set_font(FONT, "B" if i == len(lines) - 1 else "", 12)
            pdf.set_x(MARGIN_LEFT)
            pdf.multi_cell(left_w, 5.4, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", 12)
        rule = pdf.get_string_width(lines[-1]) / 2
        left_bottom = pdf.get_y() + 1.2
        pdf.set_line_width(0.3)
        pdf.line(
            MARGIN_LEFT + (left_w - rule) / 2, left_bottom, MARGIN_LEFT + (left_w + rule) / 2, left_bottom
        )

        pdf.set_xy(right_x, top)
        pdf.set_font(FONT, "B", 12)
        pdf.cell(right_w, 5.4, NATIONAL_NAME, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FONT, "B", 13)
        pdf.cell(right_w, 5.8, NATIONAL_MOTTO, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        motto = pdf.get_string_width(NATIONAL_MOTTO)
        right_bottom = pdf.get_y() + 0.8
        pdf.line(right_x + (right_w - motto) / 2, right_bottom, right_x + (right_w + motto) / 2, right_bottom)

        row = max(left_bottom, right_bottom) + 3
        pdf.set_xy(MARGIN_LEFT, row)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(left_w, 5.4, self.note, align=Align.C)
        pdf.set_xy(right_x, row)
        pdf.set_font(FONT, "I", 13)
        pdf.multi_cell(right_w, 5.6, date_line(place_name(self.unit), day), align=Align.C)
        pdf.set_y(max(pdf.get_y(), row + 6) + 6)

    def title(self, text: str, subtitle: str = "") -> None:
        pdf = self.pdf
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 7, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            pdf.set_font(FONT, "I", 13)
            pdf.multi_cell(0, 6.5, subtitle, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)

    def centred(self, text: str, style: str = "B", *, after: float = 2) -> None:
        """A centred line of its own, e.g. the issuing authority of a decision or "QUYẾT ĐỊNH:"."""
        pdf = self.pdf
        pdf.set_font(FONT, style, BODY_SIZE)
        pdf.multi_cell(0, LINE, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)

    def addressee(self, name: str) -> None:
        """ "Kính gửi: <name>", centred, the name in bold."""
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY_SIZE + 0.5)
        width = pdf.get_string_width("Kính gửi: ") + pdf.get_string_width(name)
        pdf.set_x(max(MARGIN_LEFT, (pdf.w - width) / 2))
        pdf.write(LINE, "Kính gửi: ")
        pdf.set_font(FONT, "B", BODY_SIZE + 0.5)
        pdf.write(LINE, name)
        pdf.ln(LINE + 3)

    def line(self, *parts: Run, indent: float = 0) -> None:
        """One paragraph of label/value runs: ("text", style) pairs or plain regular strings; wraps at the margin."""
        pdf = self.pdf
        pdf.set_x(MARGIN_LEFT + indent)
        for part in parts:
            text, style = (part, "") if isinstance(part, str) else part
            pdf.set_font(FONT, style, BODY_SIZE)
            pdf.write(LINE, text)
        pdf.ln(LINE)

    def para(self, *parts: Run) -> None:
        """A paragraph of a letter: first line indented."""
        self.line(*parts, indent=10)

    def free_text(self, text: str, *, indent: float = 0) -> None:
        """Text typed by an officer, line breaks kept."""
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY_SIZE)
        for block in text.splitlines() or [""]:
            pdf.set_x(MARGIN_LEFT + indent)
            pdf.multi_cell(pdf.epw - indent, LINE, block, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def small_print(self, text: str, *, size: float = 11) -> None:
        """A note in small italics, justified."""
        pdf = self.pdf
        pdf.set_font(FONT, "I", size)
        pdf.multi_cell(0, size * 0.47, text, align=Align.J, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def numbered(self, items: Iterable[str], *, indent: float = 6) -> None:
        """ "1. …", "2. …": one wrapped paragraph per item."""
        pdf = self.pdf
        pdf.set_font(FONT, "", BODY_SIZE)
        for number, item in enumerate(items, start=1):
            pdf.set_x(MARGIN_LEFT + indent)
            pdf.multi_cell(
                pdf.epw - indent,
                LINE,
                f"{number}. {item}",
                align=Align.L,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    def table(
        self,
        head: tuple[str, ...],
        rows: Sequence[tuple[str, ...]],
        *,
        widths: tuple[float, ...],
        aligns: tuple[str, ...],
        min_height: float | None = None,
        size: float = 12,
    ) -> None:
        """A ruled table, its heading row in bold and repeated on each page."""
        pdf = self.pdf
        pdf.set_font(FONT, "", size)
        pdf.set_line_width(0.2)
        with pdf.table(
            col_widths=widths,
            width=sum(widths),
            align=Align.L,
            text_align=aligns,
            line_height=size * 0.45,
            headings_style=FontFace(emphasis="BOLD"),
            padding=(1.2, 1.5),
            v_align="MIDDLE",
            repeat_headings=1,
        ) as table:
            heading = table.row()
            for text in head:
                heading.cell(text, align="C")
            for values in rows:
                row = table.row(min_height=min_height)
                for text in values:
                    row.cell(text)
        pdf.ln(2)

    def signatures(
        self,
        left: Signature | None,
        right: Signature | None,
        *,
        recipients: list[str] | None = None,
        space: float = 24,
    ) -> None:
        """Two blocks side by side at the foot: titles in bold capitals, the hint in italics, room to sign, the
        printed name. `recipients` fills the left side with "Nơi nhận" instead of a signature."""
        pdf = self.pdf
        height = 6 + 5.6 + space + 6.5
        if recipients:
            height = max(height, 1 + 5.5 + 5 * len(recipients))
        if pdf.get_y() + 4 + height > pdf.h - MARGIN_BOTTOM:
            pdf.add_page()
        top = pdf.get_y() + 4
        half = pdf.epw / 2
        for signature, x in ((left, MARGIN_LEFT), (right, MARGIN_LEFT + half)):
            if signature is None:
                continue
            pdf.set_xy(x, top)
            pdf.set_font(FONT, "B", 13)
            pdf.multi_cell(half, 6, signature.title, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "I", 12)
            pdf.multi_cell(half, 5.6, signature.hint, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
            if signature.name:
                pdf.set_xy(x, pdf.get_y() + space)
                pdf.set_font(FONT, "B", 13)
                pdf.multi_cell(half, 6.5, signature.name, align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if recipients:
            pdf.set_xy(MARGIN_LEFT, top + 1)
            pdf.set_font(FONT, "BI", 12)
            pdf.cell(half, 5.5, "Nơi nhận:", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "", 11)
            for item in recipients:
                pdf.multi_cell(half - 10, 5, item, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_y(max(top + height, pdf.get_y()))

    def qr(self, url: str, caption: str, *, top: float | None = None) -> None:
        """A QR code for `url` at the right margin, drawn as vector squares, with a link on it: at the foot of the
        last page, or from `top` (mm) on the current page when the document keeps room for it beside its text."""
        pdf = self.pdf
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(url)
        code.make(fit=True)
        matrix = code.get_matrix()
        size = QR_SIZE
        x = pdf.w - MARGIN_RIGHT - size
        y = pdf.h - MARGIN_BOTTOM - size - 4 if top is None else top
        if top is None and pdf.get_y() > y - 3:
            pdf.add_page()
        module = size / len(matrix)
        pdf.set_fill_color(0, 0, 0)
        for r, row in enumerate(matrix):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    pdf.rect(x + start * module, y + r * module, (c - start) * module, module, style="F")
                else:
                    c += 1
        pdf.link(x, y, size, size, url)
        pdf.set_font(FONT, "I", 9)
        pdf.set_xy(x - 8, y + size + 0.5)
        pdf.cell(size + 8, 3.5, caption, align=Align.C)

    def output(self) -> bytes:
        return bytes(self.pdf.output())
