"""Tests for issue #13 in gandan.core.duplicates, the third round: which occurrence of a matter a letter repeats (a
matter closed and back, or closed on a date), people a body names only as examples of many voters or readers, and
objects named in a message typed without marks."""

from dataclasses import replace

import pytest

from gandan.core.duplicates import (
    SAME_MATTER,
    SAME_PETITION,
    PetitionText,
    blocking_keys,
    find_related,
    fingerprint,
    matter_features,
    score,
)
from gandan.core.duplicates.letters import closing_date, letter_dates
from gandan.core.duplicates.relation import dated_evidence
from gandan.core.vntext import fold

# --------------------------------------------------------------------------------------------------------------
# A matter closed and happening again
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Closed without "đã": "được thay mới".
        "Hệ thống đèn đường trục thôn được thay mới tháng 3/2025, nhưng từ đầu tháng 7/2026 lại tắt gần hết.",
        # A quiet time since the matter was dealt with.
        "Tháng 12/2024 đoàn liên ngành bắt giữ 2 tàu, gần hai năm nay đoạn sông yên ổn. Từ tháng 9/2026 lại xuất "
        "hiện tàu hút cát vào ban đêm.",
    ],
)
def test_a_matter_closed_in_these_words_and_back_is_recognised(text):
    assert fingerprint(PetitionText(name="Nguyễn Văn Luyến", content=text)).settled_again


@pytest.mark.parametrize(
    "text",
    [
        "Tôi đề nghị được sửa chữa đường, nay đường lại hỏng nặng hơn.",
        "Mấy tháng nay đêm nào cũng có tàu hút cát, bờ lại sạt thêm.",
    ],
)
def test_a_request_or_a_trouble_going_on_is_not_a_matter_closed(text):
    assert not fingerprint(PetitionText(name="Nguyễn Văn Luyến", content=text)).settled_again


THANG = PetitionText(
    citizen_id="026071004583",
    phone="0974218635",
    name="Lê Văn Thắng",
    address="Thôn Trường Xuân, xã Yên Lãng",
    content="Đoạn đường trục thôn Trường Xuân từ cổng làng đến nhà văn hóa có 14 cột đèn năng lượng mặt trời. Từ "
    "tháng 8/2024 có 9 bóng không sáng, tấm pin bị bong. Đề nghị xã yêu cầu đơn vị lắp đặt bảo hành, thay thế.",
    received="2024-11-05",
)
THANG_BACK = replace(
    THANG,
    content="Đèn đường trục thôn Trường Xuân (đoạn cổng làng – nhà văn hóa) được thay mới tháng 3/2025, nhưng từ "
    "đầu tháng 7/2026 đến nay lại tắt gần hết, chỉ còn 3 bóng sáng. Đề nghị xã kiểm tra sửa chữa sớm.",
    received="2026-09-10",
)
THANG_REMINDER = replace(
    THANG,
    content="Tôi đã gửi phản ánh qua cổng ngày 10/9/2026 về đèn đường trục thôn Trường Xuân không sáng, đến nay 2 "
    "tháng chưa thấy trả lời, đèn vẫn tắt. Đề nghị xã cho biết kết quả.",
    received="2026-11-09",
)


def test_a_reminder_of_the_letter_saying_the_matter_is_back_is_that_letter_again():
    # Before, either letter saying "closed and back" parted the sender's letters, the reminder from its own.
    assert score(fingerprint(THANG_REMINDER), fingerprint(THANG_BACK)).relation == SAME_PETITION
    # The later letter saying so parts it from the earlier occurrence, whichever is compared with which.
    assert score(fingerprint(THANG_BACK), fingerprint(THANG)).relation == ""
    assert score(fingerprint(THANG), fingerprint(THANG_BACK)).relation == ""


def test_the_sender_s_letters_before_the_matter_came_back_are_not_merged_with_its_reminder():
    new = fingerprint(THANG_REMINDER)
    # Alone, the 2024 letter looks like the same petition: the same person, the same lights.
    assert score(new, fingerprint(THANG)).relation == SAME_PETITION
    found = dict(find_related(new, [("2024", fingerprint(THANG)), ("2026", fingerprint(THANG_BACK))]))
    assert list(found) == ["2026"]
    assert found["2026"].relation == SAME_PETITION


def test_the_sender_s_earlier_letter_is_still_merged_when_no_letter_says_the_matter_was_closed():
    still = replace(
        THANG_BACK, content=THANG_BACK.content.replace("được thay mới tháng 3/2025, nhưng", "vẫn hỏng,")
    )
    found = dict(
        find_related(
            fingerprint(THANG_REMINDER), [("2024", fingerprint(THANG)), ("2026", fingerprint(still))]
        )
    )
    assert {key: m.relation for key, m in found.items()} == {"2024": SAME_PETITION, "2026": SAME_PETITION}


# --------------------------------------------------------------------------------------------------------------
# People a body names as examples
# --------------------------------------------------------------------------------------------------------------

LUC = PetitionText(
    citizen_id="026062001187",
    phone="0912458803",
    name="Phùng Văn Lực",
    address="Xóm Đồng Bùa Trên, thôn Đồng Bùa, xã Đồng Quế",
    content="Trang trại chăn nuôi lợn của hộ ông Hà Văn Tuấn cùng thôn nằm cách nhà tôi chưa đến 50 m. Hầm biogas "
    "đầy nên nước thải chảy thẳng ra mương tưới nội đồng, mùi hôi thối suốt ngày đêm, ruồi nhặng bám đầy mâm cơm. "
    "Đề nghị UBND xã kiểm tra việc xử lý chất thải của trang trại.",
    received="2025-03-17",
)
FRONT = "Ủy ban MTTQ xã Tam Sơn"


def _front(content: str) -> PetitionText:
    return PetitionText(
        name=FRONT, address="xã Tam Sơn, tỉnh Phú Thọ", content=content, received="2026-11-14"
    )


@pytest.mark.parametrize(
    "content",
    [
        "Tại hội nghị tiếp xúc cử tri thôn Đồng Bùa, nhiều cử tri (trong đó có ông Phùng Văn Lực, xóm Đồng Bùa Trên) "
        "bức xúc phản ánh trang trại lợn của hộ ông Hà Văn Tuấn xả nước thải ra mương tưới, mùi hôi, ruồi nhặng. "
        "Ủy ban MTTQ xã đề nghị UBND xã kiểm tra, xử lý.",
        "Tổng hợp ý kiến cử tri: trang trại lợn của hộ ông Hà Văn Tuấn xả nước thải ra mương tưới, mùi hôi thối, "
        "ruồi nhặng. Nhiều hộ như gia đình bà Vi Thị Say, ông Phùng Văn Lực cho biết đã nhiều lần kiến nghị.",
    ],
)
def test_a_body_s_summary_naming_a_voter_as_an_example_is_linked_not_merged(content):
    match = score(fingerprint(_front(content)), fingerprint(LUC))
    assert match.relation == SAME_MATTER
    assert "Văn bản chuyển đơn nêu tên người gửi đơn kia" not in match.reasons


def test_a_body_forwarding_the_named_citizen_s_letter_is_still_that_letter():
    cover = _front(
        "Ủy ban MTTQ xã nhận được đơn của ông Phùng Văn Lực, xóm Đồng Bùa Trên, phản ánh trang trại lợn của hộ ông "
        "Hà Văn Tuấn xả nước thải ra mương tưới, mùi hôi, ruồi nhặng. Kính chuyển UBND xã xem xét giải quyết."
    )
    match = score(fingerprint(cover), fingerprint(LUC))
    assert match.relation == SAME_PETITION
    assert "Văn bản chuyển đơn nêu tên người gửi đơn kia" in match.reasons


# --------------------------------------------------------------------------------------------------------------
# When a matter was closed
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "closed_on"),
    [
        (
            "Năm 2024 tôi có đơn về cống tiêu, xã đã cho nạo vét và thay cánh cống ngay trong tháng 9/2024.",
            "2024-09",
        ),
        (
            "Văn phòng nhận được đơn đề ngày 25/10/2026 của bà Thoa: tuyến đường được trải nhựa năm 2025 nhưng đã lún.",
            "2025-00",
        ),
        ("Tháng 3 năm 2025 điện lực đã thay thế toàn bộ cột điện.", "2025-03"),
        # Said, but not when; a promise; nothing closed.
        ("Xã đã cho nạo vét cống nhưng nay lại bồi lấp.", ""),
        ("Năm 2025 xã đã hứa sẽ sửa chữa đường.", ""),
        ("Ngày 25/9/2026 cống bị bồi lấp, lúa ngập.", ""),
    ],
)
def test_it_reads_when_a_letter_says_its_matter_was_closed(text, closed_on):
    assert closing_date(fold(text)) == closed_on


CHUNG = PetitionText(
    citizen_id="026064003311",
    phone="0978220154",
    name="Hà Văn Chung",
    address="Thôn Đồng Giang, xã Sông Lô",
    content="Sau bão số 5 giữa tháng 9/2026, cống tiêu Đồng Giang bị bùn đất và cây cối trôi về lấp kín cửa cống, "
    "một cánh cống bị gãy bản lề. Cánh đồng Đồng Sâu ngập hơn 10 ngày, lúa mùa bị đổ. Đề nghị xã nạo vét cửa cống.",
    received="2026-09-25",
)
TUNG_2024 = PetitionText(
    citizen_id="026059001472",
    phone="0912007319",
    name="Phạm Văn Tùng",
    address="Thôn Đồng Giang, xã Yên Thạch",
    content="Cống tiêu Đồng Giang lâu năm không nạo vét, lòng cống bồi bùn gần kín, cánh cống gỉ kẹt không mở được. "
    "Mưa to đầu tháng 7 nước không tiêu kịp, lúa xứ đồng Đồng Sâu bị ngập gần 1 tuần. Đề nghị xã nạo vét lòng cống.",
    received="2024-07-22",
)
TUNG_2026 = replace(
    TUNG_2024,
    address="Thôn Đồng Giang, xã Sông Lô",
    content="Năm 2024 tôi có đơn về cống tiêu Đồng Giang, xã Yên Thạch đã cho nạo vét và thay cánh cống ngay trong "
    "tháng 9/2024, hai vụ năm 2025 bà con làm ăn yên ổn. Sau bão số 5 vừa qua, cống lại bị bùn và cây trôi lấp kín "
    "cửa, cánh cống mới thay bị gãy bản lề. Cánh đồng Đồng Sâu vẫn còn nước đọng. Đề nghị xã nạo vét triệt để.",
    received="2026-11-12",
)


def test_a_named_culvert_is_the_matter_other_villagers_write_about():
    match = score(fingerprint(TUNG_2026), fingerprint(CHUNG))
    assert match.relation == SAME_MATTER
    assert "Cùng cống tiêu Đồng Giang" in match.reasons


def test_a_letter_from_before_the_matter_was_closed_is_neither_merged_nor_linked():
    # Tùng's own 2024 letter on the culvert, dredged in 9/2024: the same person, the same culvert, another occurrence.
    assert score(fingerprint(TUNG_2026), fingerprint(TUNG_2024)).relation == ""
    # A letter saying when the matter was closed, not that it is back: only what came before the closing is parted.
    still = replace(
        TUNG_2026,
        content="Cống tiêu Đồng Giang xã đã cho nạo vét tháng 9/2024 nhưng làm qua loa, lòng cống vẫn bồi bùn, cánh "
        "cống vẫn kẹt. Lúa xứ đồng Đồng Sâu vẫn bị ngập mỗi khi mưa to. Đề nghị xã nạo vét lòng cống triệt để.",
    )
    assert not fingerprint(still).settled_again
    assert score(fingerprint(still), fingerprint(TUNG_2024)).relation == ""
    after = replace(TUNG_2024, received="2024-10-02")
    assert score(fingerprint(still), fingerprint(after)).relation == SAME_PETITION


# --------------------------------------------------------------------------------------------------------------
# Objects in a message typed without marks
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        ("Phu huynh lop 8B truong THCS Lang Cong phan anh thu nhieu khoan.", {"school:thcs lang cong"}),
        ("Truong Tieu hoc Yen Thach thu tien dieu hoa.", {"school:tieu hoc yen thach"}),
        # "trường" alone is too many other words without its marks (a village head, a field, "Trường Xuân").
        ("Truong thon Dong Bua da di hop.", set()),
    ],
)
def test_a_school_is_read_in_a_message_typed_without_marks_when_its_level_follows(text, objects):
    assert {key for key, _label in matter_features(text).objects} == objects


def test_parents_of_one_school_writing_with_and_without_marks_are_on_the_same_matter():
    ly = PetitionText(
        citizen_id="026184002215",
        name="Phạm Thị Lý",
        address="Thôn Minh Tân, xã Yên Lãng",
        content="Năm học này Trường THCS Lãng Công thu mỗi cháu 350.000 đồng tiền lắp điều hòa và 500.000 đồng quỹ hội "
        "cha mẹ học sinh, lớp con tôi chưa hề họp. Đề nghị xã kiểm tra, nếu thu sai thì trả lại cho phụ huynh.",
    )
    toan = PetitionText(
        citizen_id="026078001934",
        name="Đặng Văn Toàn",
        address="Thôn Yên Sơn, xã Yên Lãng",
        content="Phu huynh lop 8B truong THCS Lang Cong phan anh: dau nam hoc thu qua nhieu khoan, tien lap dieu hoa "
        "350k/hs, quy hoi cha me 500k, ko co phieu thu. De nghi xa kiem tra.",
    )
    assert blocking_keys(fingerprint(ly)) & blocking_keys(fingerprint(toan), stored=True)
    assert score(fingerprint(ly), fingerprint(toan)).relation == SAME_MATTER


# --------------------------------------------------------------------------------------------------------------
# The sender or the household again, in other words
# --------------------------------------------------------------------------------------------------------------

CUONG = PetitionText(
    citizen_id="026071025893",
    phone="0945031862",
    name="Mai Văn Cường",
    address="Thôn Hải Tiến, xã Hải Lựu",
    content="Từ khi sáp nhập xã, hợp đồng thu gom rác đã hết hạn. Ba tuần nay xe rác không về thôn, điểm tập kết tạm "
    "ở đầu thôn cạnh cầu máng rác dồn thành đống cao hơn đầu người, bốc mùi, ruồi nhặng, nước rỉ chảy xuống ao. Tôi "
    "đề nghị UBND xã sớm ký hợp đồng thu gom, bố trí xe chở số rác tồn đọng và thông báo lịch thu gom cho bà con.",
    received="2026-07-27",
)


def test_the_sender_on_one_trouble_of_the_village_in_other_words_is_the_same_petition():
    again = replace(
        CUONG,
        content="Chỗ để rác cạnh cầu máng đầu thôn Hải Tiến vẫn chất đống, cả tháng xe mới vào lấy một lần, mùi hôi "
        "khắp xóm, nước bẩn chảy xuống ao nhà bên. Đề nghị xã cho người đến dọn thường xuyên, có lịch cố định.",
        received="2026-11-05",
    )
    match = score(fingerprint(again), fingerprint(CUONG))
    assert match.vocabulary_similarity < 0.27  # fewer words in common than the same person's rule asks
    assert match.relation == SAME_PETITION


def test_a_cousin_next_door_on_the_same_trouble_is_not_the_same_petition():
    # A household guessed from the hamlet and the family name is not enough on a trouble alone.
    cousin = replace(
        CUONG,
        citizen_id="026083001245",
        phone="0912774630",
        name="Mai Văn Tiến",
        content="Rác ở điểm tập kết đầu thôn cạnh cầu máng ùn ứ cả tháng, mùi hôi bay sang nhà tôi. Đề nghị xã thu "
        "gom rác thường xuyên.",
        received="2026-11-05",
    )
    assert score(fingerprint(cousin), fingerprint(CUONG)).relation != SAME_PETITION


def test_a_son_writing_about_his_mother_s_allowance_is_her_petition_again():
    mother = PetitionText(
        name="Đỗ Thị Tẹo",
        address="Thôn Lãng Sơn, xã Yên Lãng",
        content="Bà Đỗ Thị Tẹo trình bày: trước đây bà nhận trợ cấp xã hội hằng tháng dành cho người từ đủ 80 tuổi qua "
        "bưu điện. Từ tháng 7/2025 đến nay bà không được nhận, hỏi thì bảo không có tên trong danh sách chi trả của "
        "xã mới. Bà đề nghị xã kiểm tra, tiếp tục chi trả và cho truy lĩnh những tháng chưa nhận.",
        received="2026-07-14",
    )
    son = PetitionText(
        phone="0977564812",
        name="Nguyễn Văn Sỹ",
        address="Thôn Lãng Sơn, xã Yên Lãng",
        content="Tôi là Nguyễn Văn Sỹ, con trai bà Đỗ Thị Tẹo (84 tuổi). Mẹ tôi bị dừng tiền trợ cấp hằng tháng từ khi "
        "sáp nhập xã, cán bộ bảo về chờ kiểm tra. Đến nay đã 4 tháng mẹ tôi vẫn chưa được nhận lại đồng nào. Đề nghị "
        "xã trả lời lý do và bao giờ được chi trả, cả tiền truy lĩnh.",
        received="2026-11-10",
    )
    assert score(fingerprint(son), fingerprint(mother)).relation == SAME_PETITION


def test_a_letter_of_last_year_s_month_points_at_the_letter_received_then():
    assert letter_dates(fold("Tháng 8 năm ngoái tôi đã có đơn gửi xã về tiền thầu ao.")) == ("0001-08-00",)
    earlier = PetitionText(
        content="Tố cáo trưởng thôn thu tiền thầu ao Đình.", protected=True, received="2025-08-14"
    )
    later = PetitionText(
        content="Tháng 8 năm ngoái tôi đã có đơn gửi xã về tiền thầu ao.",
        protected=True,
        received="2026-11-19",
    )
    assert dated_evidence(fingerprint(later), fingerprint(earlier))
    assert not dated_evidence(fingerprint(later), fingerprint(replace(earlier, received="2026-08-14")))


# --------------------------------------------------------------------------------------------------------------
# Other villagers on one trouble of their village, in words of their own
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trouble"),
    [
        ("Đoạn mương xây dẫn nước từ trạm bơm ra cánh đồng vỡ từ tháng 3.", "irrigation"),
        ("Đoạn đường trước cửa nhà tôi cứ lún dần, thành cái vũng sâu.", "road_damage"),
        ("Mảnh đất công của thôn ở cổng chợ bị một hộ chiếm dụng dựng nhà khung thép.", "public_land"),
        ("Cuối năm 2025 mỗi người góp tiền đổ bê tông đường, nay chưa thấy công khai.", "fees"),
    ],
)
def test_kinds_of_trouble_told_in_plain_words_are_read(text, trouble):
    assert trouble in matter_features(text).troubles


def test_other_villagers_on_one_trouble_of_their_village_are_linked_with_the_trouble_as_the_reason():
    bich = PetitionText(
        citizen_id="026174019256",
        name="Ngô Thị Bích",
        address="Thôn Thượng Lạp, xã Sông Lô",
        content="Con kênh dẫn nước từ trạm bơm ra đồng của thôn bị vỡ bờ từ hồi tháng 3, đến nay vẫn chưa được sửa, "
        "chỉ đắp tạm bằng bao tải đất nên nước vẫn rò hết. Gia đình bà có 5 sào ruộng ở cuối kênh, vụ chiêm mất "
        "trắng 2 sào vì khô hạn. Bà đề nghị xã khẩn trương sửa kênh.",
        received="2026-06-11",
    )
    tinh = PetitionText(
        citizen_id="026066013390",
        name="Nguyễn Hữu Tình",
        address="Thôn Thượng Lạp, xã Sông Lô",
        content="Đoạn mương xây dẫn nước từ trạm bơm chạy ra cánh đồng dưới, chỗ giáp xứ Dộc Sung, vỡ từ tháng 3 tới "
        "giờ vẫn chưa làm, chỉ có mấy bao cát chắn tạm. Ruộng phía ngoài không tới nước, tôi phải bỏ 4 sào. Đề nghị "
        "xã làm lại đoạn mương đó trước Tết để kịp vụ xuân.",
        received="2026-11-14",
    )
    assert blocking_keys(fingerprint(tinh)) & blocking_keys(fingerprint(bich), stored=True)
    match = score(fingerprint(tinh), fingerprint(bich))
    assert match.relation == SAME_MATTER
    assert "Cùng phản ánh kênh mương tưới ở thôn Thượng Lạp" in match.reasons
    assert "Cùng nêu thôn Thượng Lạp" not in match.reasons  # the village said once
    # The same trouble in another village is another matter.
    elsewhere = replace(tinh, address="Thôn Bến Đò, xã Sông Lô")
    assert (
        score(fingerprint(elsewhere), fingerprint(replace(bich, address="Thôn Tam Đa, xã Yên Lãng"))).relation
        == ""
    )


# --------------------------------------------------------------------------------------------------------------
# What is not a closing, and what a closing does not part (found by a review)
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mấy năm nay bà con không được yên ổn vì trại lợn, nay lại xả thải ra mương.",
        "UBND xã đã giải quyết nhưng không thỏa đáng, nay trại lại xả thải.",
        "Xã đã giải quyết chưa? Mương lại ngập.",
        "Mong sớm được nạo vét vì mương lại ngập.",
        "Mương chưa hề được nạo vét từ năm 2023, nay lại ngập.",
        "Cán bộ địa chính đã sửa số liệu diện tích, nay lại đòi tiền.",
        "Dự án đã xong từ năm 2020 nhưng đến nay lại đòi thu hồi thêm.",
    ],
)
def test_words_that_only_look_like_a_closing_do_not_part_letters(text):
    fp = fingerprint(PetitionText(name="Lê Văn Cừ", content=text, received="2026-11-02"))
    assert not fp.settled_again
    assert fp.closed_on == ""


@pytest.mark.parametrize(
    "text",
    [
        "Tôi đã gửi đơn ngày 10/3/2024, xã đã cho sửa đường.",  # the letter's date, not the repair's
        "Theo Quyết định số 05/2024/QĐ-UBND, xã đã sửa chữa đường.",  # a document's number
    ],
)
def test_a_closing_is_not_dated_by_a_letter_or_a_document_number(text):
    assert closing_date(fold(text)) == ""


def test_a_closing_planned_after_the_letter_does_not_part_earlier_letters():
    plan = replace(
        TUNG_2024,
        content="Cống tiêu Đồng Giang theo kế hoạch tháng 6/2027 sẽ được nạo vét, xã đã cho nạo vét tạm. Lúa xứ đồng "
        "Đồng Sâu vẫn bị ngập. Đề nghị xã nạo vét lòng cống sớm hơn.",
        received="2026-11-12",
    )
    assert fingerprint(plan).closed_on == "2027-06"
    assert score(fingerprint(plan), fingerprint(TUNG_2024)).relation == SAME_PETITION


def test_two_letters_both_saying_the_matter_came_back_are_one_petition():
    first = THANG_BACK
    resent = replace(
        THANG_BACK, content="Gửi lại đơn lần thứ hai. " + THANG_BACK.content, received="2026-10-20"
    )
    assert fingerprint(first).settled_again and fingerprint(resent).settled_again
    assert score(fingerprint(resent), fingerprint(first)).relation == SAME_PETITION
    # Read among the sender's letters, the first letter on the new occurrence is not parted as "the one before".
    found = dict(
        find_related(
            fingerprint(THANG_REMINDER), [("first", fingerprint(first)), ("resent", fingerprint(resent))]
        )
    )
    assert {key: m.relation for key, m in found.items()} == {"first": SAME_PETITION, "resent": SAME_PETITION}


def test_a_protected_letter_saying_the_matter_came_back_parts_nothing_and_names_no_one():
    from gandan.core.duplicates import content_only

    protected = content_only(fingerprint(replace(THANG_BACK, protected=True)))
    found = dict(find_related(fingerprint(THANG_REMINDER), [("2024", fingerprint(THANG)), ("p", protected)]))
    assert found["2024"].relation == SAME_PETITION
    assert not any("người gửi" in reason for m in found.values() for reason in m.reasons)


def test_a_commune_alone_in_the_addresses_is_not_one_village_for_a_trouble():
    a = PetitionText(name="Lê Văn Cừ", address="xã Đồng Thịnh", content="Rác thải ùn ứ, mùi hôi thối.")
    b = PetitionText(name="Trần Thị Mai", address="xã Đồng Thịnh", content="Rác thải không được thu gom.")
    assert score(fingerprint(a), fingerprint(b)).relation == ""


def test_a_canal_known_only_by_its_number_is_not_an_object():
    assert matter_features("Kênh số 1 đầu thôn Gò Gạo bị vỡ bờ.").objects == ()


def test_a_body_citing_a_letter_beside_voters_named_as_examples_still_cites_it():
    body = _front(
        "Thay mặt nhiều cử tri, trong đó có ông Phùng Văn Lực, Ủy ban MTTQ xã kính chuyển đơn của ông Lê Văn Cừ, "
        "thôn Bến Đò, về đường liên thôn."
    )
    assert fingerprint(body).cited == ("le van cu",)


def test_a_day_of_last_year_dates_a_letter():
    assert letter_dates(fold("Ngày 15/8 năm ngoái tôi đã gửi đơn lên xã.")) == ("0001-08-15",)


# --------------------------------------------------------------------------------------------------------------
# Found on the sixth tuning set
# --------------------------------------------------------------------------------------------------------------


def test_a_body_citing_the_sender_on_her_own_claim_is_her_petition_again():
    own = PetitionText(
        citizen_id="026157003842",
        name="Nguyễn Thị Hường",
        address="Thôn Đoàn Kết, xã Yên Lãng",
        content="Căn nhà tôi đang ở là nhà tường đất làm từ năm 1992, nay tường đã lở một góc, tôn thủng, mưa xuống phải "
        "lấy xô chậu hứng. Tôi đề nghị được hỗ trợ làm lại nhà theo chương trình xóa nhà tạm, nhà dột nát.",
        received="2026-06-15",
    )
    front = _front(
        "Ban Thường trực Ủy ban MTTQ xã nhận được đơn của bà Nguyễn Thị Hường, thôn Đoàn Kết, đề nghị được hỗ trợ làm "
        "lại nhà ở. Sau bão tháng 9/2026 nhà bà đã đổ một mảng tường hồi, phải che bạt. Đề nghị UBND xã đưa bà vào "
        "danh sách hỗ trợ xóa nhà tạm năm 2027."
    )
    match = score(fingerprint(front), fingerprint(own))
    assert match.vocabulary_similarity < 0.27
    assert match.relation == SAME_PETITION


def test_a_protected_denunciation_re_sent_on_one_trouble_of_its_village_is_the_same_petition():
    first = PetitionText(
        content="Tôi tố cáo trưởng thôn Tam Đa thu tiền làm đường bê tông ngõ xóm Đình mỗi hộ 3 triệu đồng, cao hơn "
        "mức họp thôn thống nhất, không viết phiếu thu, đến nay không công khai thu chi.",
        protected=True,
        received="2026-07-08",
    )
    again = PetitionText(
        content="Tôi tiếp tục tố cáo chuyện thu tiền làm đường ở xóm Đình, thôn Tam Đa. Bốn tháng rồi chưa thấy dán "
        "bảng công khai, ông ấy giữ tiền ở nhà riêng, ai hỏi thì bảo tự đi mà làm. Xã về thanh tra giúp.",
        protected=True,
        received="2026-11-06",
    )
    match = score(fingerprint(again), fingerprint(first))
    assert match.vocabulary_similarity < 0.27  # below the protected letters' own threshold
    assert match.relation == SAME_PETITION


def test_a_dump_cleared_and_back_is_a_new_petition():
    text = "Năm 2024 xã đã cho dọn sạch, cắm biển cấm. Từ tháng 8 năm nay lại có người đổ trộm, bãi rác lại xuất hiện."
    assert fingerprint(PetitionText(name="Triệu Đức Long", content=text)).settled_again
