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
        (
            "Ông/bà Do Văn Binh đến trụ so trình bày de nghi kiem tra ham biogaz của trang trai lợn o xóm Khe Lau",
            "De nghi kiem tra ham biogaz của trang trai lợn o xóm Khe Lau",
        ),
        (
            "Tiếp nhận qua đường dây nóng lúc 16h: người dân thôn Khe Lau phản ánh trạm bơm hỏng cả tuần nay.",
            "Trạm bơm hỏng cả tuần nay",
        ),
        (
            "Ghi chép của tổ dân vận: qua nắm tình hình, bà con Đồng Cả bức xúc vì xe chở đá chạy suốt đêm",
            "Xe chở đá chạy suốt đêm",
        ),
        # A road to the office, a pipe ("ống") to it, a matter told before the verb: never cut at the wrong verb.
        (
            "Bà con phản ánh đường từ thôn Khe Lau đến UBND xã xuống cấp, đề nghị sớm sửa chữa",
            "Đường từ thôn Khe Lau đến UBND xã xuống cấp, đề nghị sớm sửa chữa",
        ),
        (
            "Ống nước sạch dẫn đến UBND xã bị vỡ từ tuần trước, đề nghị sửa chữa gấp",
            "Ống nước sạch dẫn đến UBND xã bị vỡ từ tuần trước, đề nghị sửa chữa gấp",
        ),
        (
            "Người dân thôn Bến Đò chưa được đền bù, đã kiến nghị nhiều lần",
            "Người dân thôn Bến Đò chưa được đền bù, đã kiến nghị nhiều lần",
        ),
        (
            "Người dân thôn Bến Đò chưa được đền bù đã kiến nghị nhiều lần",
            "Người dân thôn Bến Đò chưa được đền bù đã kiến nghị nhiều lần",
        ),
        # "th." (thôn), "x." (xã) are abbreviations, not a sentence's end (a demo issue was titled "San choi th").
        (
            "cho hoi san choi th. th. thuong lap bi lay lam bai tap ket vat lieu, tre con kg co cho choi.",
            "San choi th. th. thuong lap bi lay lam bai tap ket vat lieu, tre con kg co cho choi",
        ),
        ("Đường qua x. Tam Sơn hỏng nặng. Xe không đi được.", "Đường qua x. Tam Sơn hỏng nặng"),
        # What is left would be too short to say the matter: the sentence is kept whole.
        ("Cho hỏi lịch họp", "Cho hỏi lịch họp"),
        # A caller's name with no call in the sentence is the matter's ("bà Lan" is who has no allowance).
        ("Bà Lan thôn Đồng Cả chưa nhận trợ cấp tháng 10", "Bà Lan thôn Đồng Cả chưa nhận trợ cấp tháng 10"),
    ],
)
def test_the_title_says_the_matter(text, title):
    assert title_of(text) == title


def test_a_letter_s_closing_wish_is_never_the_title():
    """The demo's board showed "Kính mong lãnh đạo xã sớm có câu trả lời cho bà con" as an issue's title: its words
    were in many of the issue's letters, so it held much of the core."""
    text = "Đất vườn bị thu hồi mà giá đền bù thấp. Kính mong lãnh đạo xã sớm có câu trả lời cho bà con."
    closing = {"lanh_dao": 2.0, "tra_loi": 2.0, "cau_tra": 2.0, "ba_con": 2.0, "som": 1.0}

    assert title_of(text, closing) == "Đất vườn bị thu hồi mà giá đền bù thấp"
    assert (
        title_of("Rất mong xã xem xét giải quyết sớm. Cống thôn Bến Đò bị vỡ.", closing)
        == "Cống thôn Bến Đò bị vỡ"
    )


def test_a_contact_line_or_a_wish_to_meet_the_leaders_is_never_the_title():
    """The board of a demo issue was titled "Email: ***" (a masked contact line, in many of its letters), another
    "Bà con mong muốn được gặp trực tiếp lãnh đạo xã để trình bày cụ thể …" (a letter's closing wish)."""
    contact = {"email": 3.0}
    text = "Trạm bơm tiêu úng thôn Đồng Cả hỏng, lúa ngập.\nEmail: ***\nLiên hệ: ***"
    assert title_of(text, contact) == "Trạm bơm tiêu úng thôn Đồng Cả hỏng, lúa ngập"
    wish = {"lanh_dao": 2.0, "gap_truc": 2.0, "trinh_bay": 2.0}
    text = (
        "Bà con mong muốn được gặp trực tiếp lãnh đạo xã để trình bày cụ thể và cùng tìm cách giải quyết. "
        "Giá đền bù đất vườn không sát giá thị trường."
    )
    assert title_of(text, wish) == "Giá đền bù đất vườn không sát giá thị trường"
    # A sentence that opens with "liên hệ" without a contact after it is the matter's.
    assert title_of("Liên hệ nhiều lần với xã mà chưa ai trả lời về cống vỡ. Email: ***", contact) == (
        "Liên hệ nhiều lần với xã mà chưa ai trả lời về cống vỡ"
    )
    assert (
        title_of("Cống thôn Bến Đò vỡ đã hai tuần. Liên hệ ***", contact) == "Cống thôn Bến Đò vỡ đã hai tuần"
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # "Tôi làm đơn …" is not "Tôi là …" (the letter's own matter was dropped as a formula, and a demo issue of
        # 22 signals was titled "ĐƠN KIẾN NGHỊ. Kính gửi: Chủ tịch …").
        (
            "ĐƠN KIẾN NGHỊ. Kính gửi: Chủ tịch UBND xã Sông Lô. Người làm đơn: Lưu Văn Nhàn, thôn Bến Đò. Tôi làm đơn "
            "này để trình bày việc sau: Ruộng bãi ở Bến Đò trôi xuống sông vì hút cát. Xin cảm ơn.",
            "Ruộng bãi ở Bến Đò trôi xuống sông vì hút cát",
        ),
        # "Nội dung kiến nghị: …" introduces the matter.
        (
            "Kính gửi: Chủ tịch UBND xã Hải Lựu. Nội dung kiến nghị: Học sinh đua xe trên đường đê ban đêm, ồn. "
            "Rất mong được các cấp quan tâm giải quyết.",
            "Học sinh đua xe trên đường đê ban đêm, ồn",
        ),
        # A colon that lists, with the matter before it: the sentence is kept whole.
        (
            "Trường tiểu học của xã thu nhiều khoản đầu năm: tiền quỹ lớp.",
            "Trường tiểu học của xã thu nhiều khoản đầu năm: tiền quỹ lớp",
        ),
        # The pledge at a letter's foot is never the title.
        (
            "Xã làm sổ đỏ chậm quá. Tôi xin cam đoan những nội dung trên là đúng sự thật, nếu sai tôi xin chịu "
            "hoàn toàn trách nhiệm trước pháp luật.",
            "Xã làm sổ đỏ chậm quá",
        ),
    ],
)
def test_a_letter_is_titled_by_its_matter(text, title):
    # The pledge's words weigh most: only the rule keeps it out.
    assert title_of(text, {"so_do": 3.0, "cham": 1.0, "cam_doan": 20.0, "phap_luat": 20.0}) == title
