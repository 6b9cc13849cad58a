"""People's names are not what a text is about: two letters naming a "Mạnh" share a name, not a matter."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.vnnlp import terms
from gandan.core.vnnlp.names import read_names, strip_names


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Cột điện nghiêng trước nhà Pạhm Ngọc Mạnh ở thôn Bãi Sậy", "Mạnh", "Bãi Sậy"),
        ("Tôi tên là Hoàng Ngọc Nhàn, trú tại thôn Đồng Cả", "Nhàn", "Đồng Cả"),
        ("Ông Khải trình bày: mỏ đá Núi Đanh nổ mìn", "Khải", "Núi Đanh"),
        ("hộ ông Phạm Văn Sáu xây tường lấn sang", "Sáu", "xây tường"),
        ("đại diện: Nguyễn Minh Thơm, thôn Gò Chè", "Thơm", "Gò Chè"),
        ("công dân Khải ở thôn Cao Quang", "Khải", "Cao Quang"),
        ("Nay Trần Thị Bích Ngọc làm đơn này", "Bích Ngọc", "làm đơn"),
        ("bà nguyễn thị hoa ở xóm trại phản ánh", "hoa", "xóm trại"),
    ],
)
def test_a_persons_name_is_dropped_and_the_place_kept(text: str, gone: str, kept: str) -> None:
    stripped = strip_names(text)
    assert gone not in stripped
    assert kept in stripped


@pytest.mark.parametrize(
    "text",
    [
        "Mỏ đá Núi Đanh nổ mìn rất mạnh",
        "thôn Cao Quang, xã Tam Sơn",
        "Nhà văn hóa thôn Quang Hà xuống cấp",
        "Các dòng họ thôn Gò Chè không đồng ý",
        "Kính gửi Ủy Ban Nhân Dân Xã Hải Lựu",
        "Anh em trong thôn rất bức xúc",
        "QUÁN KARAOKE GẦN THÔN QUANG HÀ MỞ LOA ĐẾN 2H SÁNG",  # shouted: capitals say nothing
        "Cầu Trắng ở Cao Quang bị sụt",  # two capitalised words without a title are not a name
    ],
)
def test_texts_without_a_name_are_left_as_they_are(text: str) -> None:
    assert strip_names(text) == text


def test_two_letters_that_share_only_a_name_share_no_term() -> None:
    blast = set(terms("Mỏ đá nổ mìn rất mạnh, nhà bị nứt"))
    pole = set(terms("Cột điện nghiêng trước nhà ông Dương Hữu Mạnh, đề nghị dựng lại"))
    assert "manh" in blast
    assert "manh" not in pole


@given(st.text(max_size=200))
def test_any_text_gives_text_and_never_grows_a_name(text: str) -> None:
    stripped = strip_names(text)
    assert isinstance(stripped, str)
    # Only names are taken away, each replaced by a clause break: the letters left are a sub-sequence (of the text in
    # its NFC form: "\uf900" is stored as "\u8c48").
    original = iter(c for c in unicodedata.normalize("NFC", text) if c.isalpha())
    assert all(char in original for char in stripped if char.isalpha())


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Một cột điện nghiêng trước nhà Lê Thanh Quý ở thôn Cao Quang", {"quy"}),
        ("Cụ Dương Minh Toàn ở Thống Nhất đủ 80 tuổi chưa thấy mừng thọ", {"toan"}),
        # The writer, however a note names them, is not whom the text is about.
        ("Kính gửi UBND xã Hải Lựu, tôi tên là Vũ Xuân Huệ, hiện cư trú tại thôn Đồng Mồ", set()),
        ("Ông/bà Đỗ Hữu Cường đến trụ sở trình bày tranh chấp ranh giới đất", set()),
        (
            "Đường dây nóng ghi nhận: ông/bà Phạm Xuân Hoa (thôn Lãng Sơn) gọi đến phản ánh ống nước vỡ trước nhà "
            "Phạm Hữu Liên ở thôn Lãng Sơn",
            {"lien"},
        ),
        (
            "Tiếp công dân: công dân Đỗ Thị Thuỷ, trú tại thôn Gò Chè, trình bày: Bà Phạm Hữu Thơm đủ 80 tuổi",
            {"thom"},
        ),
        ("Ông Nguyễn Văn Tâm (thôn Gò Chè) phản ánh: trại lợn xả thải", set()),
        ("Trạm trộn bê tông đầu thôn gây bụi mù mịt", set()),
        ("CỘT ĐIỆN NGHIÊNG TRƯỚC NHÀ LÊ THANH QUÝ", set()),  # shouted: capitals say nothing of names
    ],
)
def test_the_people_a_text_is_about_are_read_with_its_names(text: str, about: set[str]) -> None:
    stripped, found = read_names(text)
    assert found == about
    assert stripped == strip_names(text)
