"""People's names are not what a text is about: two letters naming a "Mạnh" share a name, not a matter."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.vnnlp import terms
from gandan.core.vnnlp.names import strip_names


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
    # Only names are taken away, each replaced by a clause break: the letters left are a sub-sequence.
    original = iter(c for c in text if c.isalpha())
    assert all(char in original for char in stripped if char.isalpha())
