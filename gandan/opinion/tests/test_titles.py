"""An issue's title is the matter, not who wrote or called, nor a letter's formulas."""

import pytest

from gandan.opinion.services.titles import title_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Cuộc gọi đến: Hồ sơ sang tên của tôi trễ hẹn.", "Hồ sơ sang tên của tôi trễ hẹn"),
        (
            "Tiếp công dân: công dân Hoàng Công Toàn, trú tại thôn Đồng Măng, trình bày: Làm sổ đỏ ở xã lâu quá.",
            "Làm sổ đỏ ở xã lâu quá",
        ),
        (
            "Ông/bà Đặng Hữu Vinh (thôn Đồng Cả) gọi đến phản ánh hồ sơ cấp đổi sổ đỏ nộp ở một cửa quá hạn.",
            "Hồ sơ cấp đổi sổ đỏ nộp ở một cửa quá hạn",
        ),
        (
            "Ong/ba Bui Thi Chien (thon Ben Do) goi den hoi ve lich tiem vac xin cho tre",
            "Lich tiem vac xin cho tre",
        ),
        ("Bà con thôn Bãi Sậy gọi điện báo cống thoát nước bị tắc", "Cống thoát nước bị tắc"),
        (
            "Cho hỏi giếng nhà tôi ở xóm Tân Phong nước vàng, xin tư vấn?",
            "Giếng nhà tôi ở xóm Tân Phong nước vàng, xin tư vấn?",
        ),
        # What is left would be too short to say the matter: the sentence is kept whole.
        ("Cho hỏi lịch họp", "Cho hỏi lịch họp"),
        # A caller's name with no call in the sentence is the matter's ("bà Lan" is who has no allowance).
        ("Bà Lan thôn Đồng Cả chưa nhận trợ cấp tháng 10", "Bà Lan thôn Đồng Cả chưa nhận trợ cấp tháng 10"),
    ],
)
def test_the_title_says_the_matter(text, title):
    assert title_of(text) == title
