"""The official documents' font ships inside the package with its licence: a fresh install needs no font package
and no system font, and every PDF embeds the same Crimson Text whatever the machine has."""

import datetime as dt
import io
from pathlib import Path
from types import SimpleNamespace

from pypdf import PdfReader

import gandan
from gandan.pdfdoc import OfficialDocument, font_files


def test_the_four_styles_ship_in_the_package_beside_their_licence():
    fonts = Path(gandan.__file__).parent / "fonts"
    assert {style: Path(path) for style, path in font_files().items()} == {
        "": fonts / "CrimsonText-Regular.ttf",
        "B": fonts / "CrimsonText-Bold.ttf",
        "I": fonts / "CrimsonText-Italic.ttf",
        "BI": fonts / "CrimsonText-BoldItalic.ttf",
    }
    assert all(Path(path).stat().st_size > 50_000 for path in font_files().values())
    assert "SIL Open Font License, Version 1.1" in (fonts / "OFL.txt").read_text()


def test_a_document_embeds_crimson_text_with_vietnamese_letters():
    unit = SimpleNamespace(name="Xã Sông Lô", province_name="Phú Thọ", parent_id=1)
    document = OfficialDocument(unit, note="Số: 01/TB", title="Thông báo")
    document.heading(dt.date(2026, 1, 9))
    document.title("THÔNG BÁO", "Về việc tiếp nhận đơn")
    reader = PdfReader(io.BytesIO(document.output()))
    fonts = {font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert {name.split("+")[-1] for name in fonts} == {"CrimsonText", "CrimsonTextBold", "CrimsonTextItalic"}
    assert "Độc lập - Tự do - Hạnh phúc" in reader.pages[0].extract_text()
