"""Tests for issue #13 in gandan.core.duplicates, the second round: what a clerk reads that the first round missed —
the date a reminder gives its earlier letter, one item of a body's summary, one object under two names — and the
misreadings mended on the way (a commune's name read as a village, a village as a school)."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gandan.core.duplicates import (
    PetitionText,
    blocking_keys,
    fingerprint,
    matter_features,
    score,
)
from gandan.core.duplicates.content import summary_items
from gandan.core.duplicates.letters import letter_dates
from gandan.core.vntext import fold

# --------------------------------------------------------------------------------------------------------------
# The dates of earlier letters
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Em đã gửi đơn hôm 15/9 xin xét cận nghèo mà chưa thấy trả lời.", ("0000-09-15",)),
        ("Ông đến hỏi kết quả giải quyết đơn ngày 6/10 phản ánh quán karaoke.", ("0000-10-06",)),
        ("Tôi có đơn ngày 3 tháng 4 năm 2025 gửi xã.", ("2025-04-03",)),
        ("Tháng 6 tôi gửi đơn, tháng 8 tôi nhắn lên cổng của xã.", ("0000-06-00", "0000-08-00")),
        ("Tôi đã gửi đơn ngày 12/8/2026 đến UBND xã.", ("2026-08-12",)),
        # Dates of events and the letter's own date line are not earlier letters.
        ("Ngày 25/9 một cháu học sinh lớp 7 bị ngã gãy tay.", ()),
        ("Sông Lô, ngày 3 tháng 11 năm 2026", ()),
        ("Tháng 10/2025 thôn họp và thống nhất mỗi hộ đóng góp.", ()),
        ("Hôm 5/11 đá văng thủng mái nhà kho. Tôi đề nghị xã kiểm tra.", ()),
    ],
)
def test_it_reads_the_dates_of_earlier_letters_and_not_of_events(text, dates):
    assert letter_dates(fold(text)) == dates


BINH = PetitionText(
    citizen_id="026066007731",
    phone="0915882043",
    name="Triệu Văn Bình",
    address="Xóm Trại, thôn Hải Tiến, xã Hải Lựu",
    content="Trong vườn nhà tôi có một cột điện hạ thế bị nghiêng hẳn về phía bếp, chân cột xói lở sau mưa. "
    "Dây điện võng thấp, trẻ con đi qua rất nguy hiểm. Đề nghị xã đôn đốc điện lực dựng lại cột.",
    received="2026-06-05",
)
BINH_AGAIN = replace(
    BINH,
    content="Đây là lần thứ ba tôi phải làm đơn. Tháng 6 tôi gửi đơn mà đến nay đã gần nửa năm, nay phải chằng "
    "dây thép vào cây mít cho khỏi đổ. Nếu đổ vào bếp thì ai chịu trách nhiệm? Dân không biết kêu ai.",
    received="2026-11-03",
)


def relation(a: PetitionText, b: PetitionText) -> tuple[str, tuple[str, ...]]:
    match = score(fingerprint(a), fingerprint(b))
    return match.relation, match.reasons


def test_the_same_sender_dating_the_earlier_letter_is_the_same_petition_in_other_words():
    answer, reasons = relation(BINH_AGAIN, BINH)
    assert answer == "same_petition"
    assert "Đơn nêu đơn đã gửi tháng 06, trùng ngày nhận đơn kia (05/06/2026)" in reasons
    assert reasons[-1].startswith("Ít từ ngữ chung (")  # not "Nội dung khác nhau" beside a merge
    assert relation(BINH, BINH_AGAIN)[0] == "same_petition"  # either way round
    # ... and it ranks with the copies (score 0.6 and more), not below the letters merely alike.
    assert score(fingerprint(BINH_AGAIN), fingerprint(BINH)).score >= 0.6


@pytest.mark.parametrize(
    "received",
    [
        "2026-08-05",  # another month
        "2025-06-05",  # June of the year before: the letter says "tháng 6" of this year's matter, not last year's
        "2026-11-03",  # received after the reminder (or the same day): not an earlier letter
    ],
)
def test_a_date_that_is_not_the_earlier_letter_s_does_not_make_it_the_same(received):
    answer, reasons = relation(BINH_AGAIN, replace(BINH, received=received))
    assert answer == ""
    assert not any(reason.startswith("Đơn nêu đơn đã gửi") for reason in reasons)


def test_a_date_alone_never_ties_two_people():
    stranger = replace(BINH, citizen_id="026071001986", phone="0829330157", name="Quách Văn Lực", address="")
    assert relation(BINH_AGAIN, stranger)[0] != "same_petition"


def test_the_same_sender_dating_a_letter_on_another_matter_is_not_the_same_petition():
    karaoke = replace(
        BINH,
        content="Quán cà phê đầu xóm Trại mở loa karaoke đến nửa đêm, người già trẻ nhỏ không ngủ được. "
        "Đề nghị công an xã xử lý.",
        received="2026-06-05",
    )
    other_matter = replace(
        BINH,
        content="Tôi xin trình bày việc chia đất rừng của dòng họ Triệu: phần của bố tôi ở đồi Khe Sâu đã bị ông "
        "Triệu Văn Lâm trồng keo lấn sang hơn hai sào, hòa giải ở thôn không thành, tôi đề nghị xã giải quyết "
        "dứt điểm, đo đạc, cắm mốc giới rõ ràng. Năm ngoái tôi cũng gửi đơn tháng 6 về việc khác.",
        received="2026-11-03",
    )
    assert relation(other_matter, karaoke)[0] == ""


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 10, 31)),
    st.integers(min_value=0, max_value=40),
)
def test_a_cited_day_matches_only_an_earlier_letter_received_within_the_post_s_days(stored_day, late):
    sent = stored_day.fromordinal(stored_day.toordinal() - late)
    citing = replace(
        BINH_AGAIN,
        content=f"Tôi đã gửi đơn ngày {sent.day}/{sent.month}/{sent.year} mà chưa được trả lời. {BINH.content}",
        received="2026-11-20",
    )
    answer, reasons = relation(citing, replace(BINH, received=stored_day.isoformat()))
    dated = any(reason.startswith("Đơn nêu đơn đã gửi") for reason in reasons)
    assert dated == (late <= 10)
    assert answer == "same_petition"  # the words say so anyway: the date only adds its reason


# --------------------------------------------------------------------------------------------------------------
# A body's summary of several matters
# --------------------------------------------------------------------------------------------------------------

SUMMARY = PetitionText(
    name="Ban Thường trực Ủy ban MTTQ xã Yên Lãng",
    content="Ban Thường trực Ủy ban MTTQ xã tổng hợp ý kiến cử tri tại các hội nghị tiếp xúc cử tri như sau:\n"
    "1. Cử tri thôn Trường Xuân, Hoành Sơn phản ánh tuyến đường liên thôn Trường Xuân - Hoành Sơn hư hỏng nặng, "
    "nhiều ổ gà, xe tải chở đất vào dự án chạy quá tải. Đề nghị sửa chữa và hạn chế xe tải trọng lớn.\n"
    "2. Cử tri là tiểu thương chợ Lãng Công không đồng tình với việc bốc thăm lại vị trí ki-ốt, đề nghị giữ ổn "
    "định vị trí cho hộ kinh doanh lâu năm.\n"
    "3. Cử tri thôn Lãng Sơn phản ánh sóng điện thoại yếu, mất sóng thường xuyên.",
)
STALL = PetitionText(
    citizen_id="026171008823",
    name="Tạ Thị Ngân",
    address="Thôn Thống Nhất, xã Yên Lãng",
    content="Tôi là tiểu thương bán hàng khô tại chợ Lãng Công từ năm 2008. Ban quản lý chợ thông báo sắp xếp lại "
    "toàn bộ ki-ốt và tổ chức bốc thăm lại vị trí, các hộ kinh doanh lâu năm phải chuyển vào dãy phía trong. "
    "Đề nghị xã giữ nguyên vị trí cho các hộ.",
)


def test_a_summary_is_read_item_by_item():
    items = summary_items(SUMMARY.content)
    assert len(items) == 3
    assert {"ki", "ot", "boc", "thuong"} <= items[1] and "ga" in items[0]
    assert summary_items(STALL.content) == ()  # one matter, no items


def test_one_item_of_a_summary_links_the_letter_on_its_matter():
    whole = replace(SUMMARY, content=SUMMARY.content.replace("\n2.", " Hai là").replace("\n3.", " Ba là"))
    assert relation(whole, STALL)[0] == ""  # the three matters together dilute the stall-holder's words ...
    answer, reasons = relation(SUMMARY, STALL)  # ... one by one, the second is hers
    assert answer == "same_matter"
    assert "Cùng chợ Lãng Công" in reasons
    assert blocking_keys(fingerprint(SUMMARY)) & blocking_keys(
        fingerprint(STALL)
    )  # found at intake by the market


# --------------------------------------------------------------------------------------------------------------
# One object under two names
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "reason"),
    [
        (
            "Trại lợn Hưng Phát xả thải ra suối.",
            "Công ty TNHH Chăn nuôi Hưng Phát xả nước thải.",
            "Hưng Phát",
        ),
        ("Mỏ đá Tây Bắc nổ mìn rung nhà.", "Công ty CP Khoáng sản Tây Bắc nổ mìn làm nứt tường.", "Tây Bắc"),
        ("Đất công giáp đường 307 bị san lấp.", "San lấp đất công ích giáp đường tỉnh 307.", "307"),
    ],
)
def test_an_object_named_two_ways_is_one_object_for_other_people(one, other, reason):
    a = PetitionText(name="Tô Thị Loan", citizen_id="026181005530", content=one)
    b = PetitionText(name="Mẫn Văn Hải", citizen_id="026069007742", content=other)
    for x, y in ((a, b), (b, a)):
        answer, reasons = relation(x, y)
        assert answer == "same_matter"
        assert any(r.startswith("Cùng ") and reason in r for r in reasons)
    assert blocking_keys(fingerprint(a)) & blocking_keys(fingerprint(b))


def test_two_farms_of_one_owner_s_given_name_are_not_one_company():
    farm = PetitionText(
        name="Tô Thị Loan", citizen_id="026181005530", content="Trại lợn ông Phát xả thải ra suối."
    )
    company = PetitionText(
        name="Mẫn Văn Hải", citizen_id="026069007742", content="Công ty Phát xả thải ra suối ở thôn khác."
    )
    assert relation(farm, company)[0] == ""


# --------------------------------------------------------------------------------------------------------------
# Misreadings mended
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "villages"),
    [
        ("Kính gửi: UBND xã Yên Lãng\nEm tên là Hoàng Thị Mến", ()),  # "Lãng" is not "làng"
        ("Kính gửi: UBND xã Yên Lãng\nBan Thường trực Ủy ban MTTQ", ()),
        ("Tôi ở làng Vân.", ("van",)),
        ("tuyến đường liên thôn Trường Xuân - Hoành Sơn hư hỏng", ("truong xuan", "hoanh son")),
        ("thôn Gò Gạo\nTôi là", ("go gao",)),  # the name stops at the end of the line
    ],
)
def test_it_reads_villages_without_taking_a_commune_or_the_next_line_for_one(text, villages):
    assert matter_features(text).villages == villages


def test_a_village_named_truong_is_not_a_school():
    assert matter_features("Đường từ Trường Xuân đi Hoành Sơn hỏng nặng.").objects == ()
    assert matter_features("Học sinh Trường THCS Yên Thạch phải đóng quỹ.").objects == (
        ("school:thcs yen thach", "Trường THCS Yên Thạch"),
    )


def test_a_line_typed_without_marks_under_a_subject_with_marks_is_read_as_typed():
    text = "Khói lò gạch\nLo gach cua nha ong Phuc o bai song Dong Mang dot suot dem."
    assert ("kiln:phuc", "Lo gach cua nha ong Phuc") in matter_features(text).objects


def test_half_a_million_is_read_in_words():
    assert "vnd:1500000" in matter_features("Mỗi nhà đóng 1 triệu rưỡi để làm đường.").details


def test_less_common_family_names_start_a_relative_s_name():
    son = fingerprint(
        PetitionText(name="Vi Văn Cường", content="Tôi là con trai ông Vi Văn Chiến, thôn Khe Lau.")
    )
    assert son.relatives == ("vi van chien",)


def test_a_text_with_typographic_dashes_keeps_its_capitals():
    # An en dash once made the whole text be read in lower case: no object, no village, no name was found in it.
    features = matter_features(
        "Hộ ông Lê Văn Tâm có đất bị thu hồi làm đường Gò Chè – Tân Tiến, thôn Gò Chè."
    )
    assert ("road:go che tan tien", "đường Gò Chè - Tân Tiến") in features.objects
    assert "go che" in features.villages


@pytest.mark.parametrize(
    "text",
    [
        "Cuối năm 2024 thị trấn đã thay toàn bộ bóng LED. Từ tháng 9/2026 đèn lại tắt gần hết.",
        "Năm 2025 xã đã trải nhựa lại đường trục thôn, nay đường lại hỏng.",
        "Năm 2024 gia đình tôi đã được xã Lãng Công (cũ) rà soát lại và công nhận hộ nghèo. Nay gia đình tôi bị "
        "đưa ra khỏi danh sách hộ nghèo năm 2027.",
        # Said plainly (the third round).
        "Năm 2024 tôi có đơn, năm 2025 xã đã cho sửa, bà con rất phấn khởi. Nay đường lại sụt lún.",
        "Sau đó trường đã trả lại tiền cho phụ huynh. Nhưng năm học này trường lại thu tiền điều hòa.",
        "Tôi coi như việc đó đã được giải quyết. Nhưng từ mùa mưa đường lại hỏng.",
    ],
)
def test_a_matter_closed_in_other_words_and_happening_again_is_recognised(text):
    assert fingerprint(PetitionText(name="Hà Thị Tươi", content=text)).settled_again


@pytest.mark.parametrize(
    "text",
    [
        "Xã đã hứa cho người xuống kiểm tra nhưng đến nay đường lại hỏng nặng hơn.",
        "Tôi đã báo xã giải quyết nhiều lần nhưng đường lại hỏng nặng hơn.",  # asked for, not done
    ],
)
def test_a_promise_or_a_request_is_not_a_matter_closed(text):
    assert not fingerprint(PetitionText(name="Hà Thị Tươi", content=text)).settled_again


def test_a_kiln_named_by_its_owner_before_it_is_his_kiln():
    summary = matter_features(
        "Cử tri phản ánh: hộ ông Kha Văn Bảy vẫn đốt 2 lò gạch thủ công trên đất nông nghiệp."
    )
    letter = matter_features("Lò gạch nhà ông Bảy ở Đồng Thành lại đốt từ hôm 24/7.")
    assert dict(summary.objects).keys() & dict(letter.objects).keys() == {"kiln:bay"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Học sinh lớp 3 tuổi Trường Mầm non Tam Sơn phải nộp tiền cơ sở vật chất.",
            "school:mam non tam son",
        ),
        ("Quán karaoke Hoàng Gia hát đến 1 giờ đêm.", "venue:hoang gia"),
        ("Mỏ đá của Công ty TNHH Khai thác đá Phương Khoan nổ mìn.", "company:phuong khoan"),
        ("Kinh gui xa. trai lon nha ong Toan o cuoi thon xa nuoc thai ra muong.", "farm:toan"),
    ],
)
def test_it_reads_schools_venues_companies_and_farms_as_people_write_them(text, key):
    assert key in dict(matter_features(text).objects)


def test_a_school_s_name_is_never_a_number():
    assert matter_features("Trường thu 1,5 triệu tiền cơ sở vật chất.").objects == ()


ROAD_CLAIM = (
    "Tôi khiếu nại phương án bồi thường khi thu hồi đất làm đường ĐH.12: thửa đất số {plot}, tờ bản đồ số 16, đất "
    "trồng lúa, giá bồi thường thấp hơn giá thị trường, diện tích đo thiếu so với sổ đỏ. Đề nghị đo đạc lại."
)


def test_compensation_letters_about_one_road_project_are_each_household_s_own():
    mine = PetitionText(name="Vương Thị Hồng", citizen_id="026165006298", content=ROAD_CLAIM.format(plot=141))
    theirs = PetitionText(name="Tôn Văn Tiến", citizen_id="026069001534", content=ROAD_CLAIM.format(plot=152))
    denunciation = replace(
        mine,
        content="Tôi tố cáo một cán bộ tổ giải phóng mặt bằng dự án đường ĐH.12 đã ghi khống hàng trăm cây keo, "
        "cây bưởi vào biên bản kiểm đếm của người nhà mình ở thôn bên, để họ nhận thêm tiền hỗ trợ cây cối; tôi "
        "có ảnh chụp khu đất trống chứng minh.",
    )
    assert relation(mine, theirs)[0] == ""  # different plots: two claims
    assert relation(denunciation, mine)[0] == ""  # the same person's other matter on the same project
    assert relation(denunciation, theirs)[0] == ""


def test_a_road_links_other_people_on_it_but_not_a_household_s_compensation_for_it():
    potholes = PetitionText(
        name="Cấn Văn Thiện",
        content="Đường ĐH 12 qua thôn Đồng Cả mới sửa năm 2025 đã hỏng lại, ổ gà sâu, xe tải chạy cả ngày.",
    )
    trucks = PetitionText(
        name="Nguyễn Thị Mơ",
        content="Xe tải chở đất chạy suốt ngày trên đường ĐH 12, mặt đường lún, ổ gà sâu.",
    )
    claim = PetitionText(
        name="Vương Thị Hồng", citizen_id="026165006298", content=ROAD_CLAIM.format(plot=141)
    )
    assert relation(trucks, potholes) == ("same_matter", relation(trucks, potholes)[1])
    assert "Cùng đường ĐH 12" in relation(trucks, potholes)[1]
    assert relation(claim, potholes)[0] == ""
    assert relation(potholes, claim)[0] == ""


def test_road_codes_are_not_phone_numbers():
    words = fingerprint(
        PetitionText(name="Nguyễn Thị Mơ", content="Đường ĐT 307 lún sâu. ĐT: 0912345678")
    ).words
    assert "dt" in words and "307" in words


def test_a_summary_s_items_may_each_start_with_the_voters():
    content = (
        "Ủy ban MTTQ xã kính chuyển ý kiến cử tri sau kỳ họp.\n"
        "Cử tri thôn Đồng Giang phản ánh đường ĐT 307 xuống cấp, xe tải trọng lớn chạy nhiều.\n"
        "Cử tri thôn Thượng Lạp đề nghị xem lại giá bồi thường cây cối khi làm Cụm công nghiệp Thượng Lạp."
    )
    assert len(summary_items(content)) == 2


# --------------------------------------------------------------------------------------------------------------
# The same sender's other matters
# --------------------------------------------------------------------------------------------------------------

THANG_LIGHTS = PetitionText(
    citizen_id="026071004583",
    phone="0974218635",
    name="Lê Văn Thắng",
    address="Thôn Trường Xuân, xã Yên Lãng",
    content="Đèn chiếu sáng đường trục thôn Trường Xuân đoạn từ nhà văn hóa xuống xóm Giữa tắt hết từ đầu tháng 8, "
    "buổi tối đường tối om, đã có người ngã xe. Đề nghị xã cho sửa đèn đường trục thôn sớm.",
    received="2026-09-10",
)


def test_a_letter_saying_it_raises_another_matter_is_not_the_sender_s_earlier_one():
    drains = replace(
        THANG_LIGHTS,
        content="Ngày 10/9/2026 tôi đã có phản ánh về đèn chiếu sáng đường trục thôn, nay tôi xin phản ánh một việc "
        "khác trên cùng tuyến đường này: đoạn từ nhà văn hóa xuống xóm Giữa các tấm đan bị cán vỡ, đất đá lấp kín, "
        "mưa xuống đường trục thôn thành suối.",
        received="2026-11-12",
    )
    assert fingerprint(drains).other_matter
    assert relation(drains, THANG_LIGHTS)[0] == ""
    # Without saying so, the date alone would have made it the lights' reminder.
    assert relation(replace(drains, content=drains.content.replace("một việc khác", "tiếp")), THANG_LIGHTS)[
        0
    ] == ("same_petition")


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Nay tôi xin phản ánh một việc khác của gia đình tôi.", True),
        ("Việc quán karaoke tôi đã có đơn riêng. Nay tôi xin phản ánh việc đổ phế thải.", True),
        ("Lần này tôi không nói chuyện tiền nữa mà xin phản ánh về cô giáo.", True),
        (
            "Lần thứ ba tôi làm đơn, hỏi thì cán bộ nói chuyện khác, không ai trả lời.",
            False,
        ),  # an angry reminder
    ],
)
def test_it_hears_a_sender_say_the_letter_is_about_another_matter(text, other):
    assert fingerprint(PetitionText(name="Lê Văn Thắng", content=text)).other_matter is other


def test_a_sender_s_letters_on_different_kinds_of_trouble_are_two_matters():
    drains = replace(
        THANG_LIGHTS,
        content="Rãnh thoát nước dọc đường trục thôn Trường Xuân đoạn từ nhà văn hóa xuống xóm Giữa bị lấp đầy đất, "
        "mưa xuống nước tràn vào nhà tôi. Đề nghị xã cho nạo vét rãnh thoát nước.",
        received="2026-11-12",
    )
    assert set(fingerprint(drains).matter.troubles) == {"drainage"}
    assert set(fingerprint(THANG_LIGHTS).matter.troubles) == {"lighting"}
    assert relation(drains, THANG_LIGHTS)[0] == ""


def test_a_reminder_dating_its_latest_letter_still_repeats_the_sender_s_older_one():
    # A 2024 letter, its reminders, and one more: the clerk merges the new one with every letter it repeats.
    old = replace(THANG_LIGHTS, received="2024-11-05")
    reminder = replace(
        THANG_LIGHTS,
        content="Tôi đã gửi phản ánh qua cổng ngày 10/9/2026 về đèn chiếu sáng đường trục thôn Trường Xuân đoạn từ "
        "nhà văn hóa xuống xóm Giữa tắt hết, buổi tối tối om, đến nay 2 tháng chưa thấy trả lời, đèn vẫn tắt.",
        received="2026-11-05",
    )
    assert relation(reminder, THANG_LIGHTS)[0] == "same_petition"
    assert relation(reminder, old)[0] == "same_petition"  # the date names the latest; the words, both


def test_a_reminder_s_few_words_of_its_trouble_do_not_make_it_another_matter():
    pollution = replace(
        THANG_LIGHTS,
        content="Trại lợn của hộ ông Hà Văn Tuấn xả nước thải ra mương tưới, mùi hôi thối suốt ngày đêm, ruồi nhặng. "
        "Đề nghị xã kiểm tra, xử lý trại lợn ông Tuấn.",
    )
    reminder = replace(
        THANG_LIGHTS,
        content="Lần thứ ba tôi làm đơn về trại lợn ông Hà Văn Tuấn: nước tràn cả vào ruộng, xã chưa trả lời.",
        received="2026-11-05",
    )
    assert fingerprint(reminder).matter.troubles == ("drainage",)  # "nước tràn": not the words of the letter
    assert relation(reminder, pollution)[0] == "same_petition"


def test_a_fine_is_not_a_matter_closed():
    text = "Xã đã xử phạt trại lợn một lần nhưng trại lại tiếp tục xả nước thải ra mương."
    assert not fingerprint(PetitionText(name="Hà Thị Tươi", content=text)).settled_again


# --------------------------------------------------------------------------------------------------------------
# Other villagers on one trouble of their village
# --------------------------------------------------------------------------------------------------------------


def _villager(name: str, citizen_id: str, village: str, content: str) -> PetitionText:
    return PetitionText(
        name=name, citizen_id=citizen_id, address=f"Thôn {village}, xã Hải Lựu", content=content
    )


WATER = _villager(
    "Vi Văn Kiểm",
    "026070005589",
    "Khe Lau",
    "Công trình nước sinh hoạt tự chảy của thôn từ tháng 6 đến nay bị hỏng, đường ống chính vỡ, bể lắng đầy bùn. "
    "Khoảng 40 hộ không có nước sinh hoạt, phải gánh nước suối, mua nước bình. Đề nghị xã sửa công trình nước.",
)


def test_other_villagers_on_one_trouble_of_their_village_are_the_same_matter():
    neighbour = _villager(
        "Hoàng Thị Say",
        "026182004417",
        "Khe Lau",
        "Nhà tôi mất nước sinh hoạt hơn 2 tháng nay, ống nước của thôn vỡ chưa ai sửa, phải đi gánh nước suối.",
    )
    answer, _reasons = relation(neighbour, WATER)
    assert answer == "same_matter"
    assert blocking_keys(fingerprint(neighbour)) & blocking_keys(fingerprint(WATER), stored=True)
    elsewhere = replace(neighbour, address="Thôn Núi Sỏi, xã Hải Lựu")  # the same trouble in another village
    assert relation(elsewhere, WATER)[0] == ""


def test_households_claims_of_one_kind_in_one_village_are_each_their_own():
    mine = _villager(
        "Bàn Văn Lìn",
        "026075011408",
        "Khe Lau",
        "Gia đình tôi bị đưa ra khỏi danh sách hộ nghèo năm 2026 dù chồng tôi ốm, con còn nhỏ. Đề nghị xã xem xét "
        "lại kết quả rà soát hộ nghèo cho gia đình tôi.",
    )
    theirs = _villager(
        "Triệu Thị Seng",
        "026178003311",
        "Khe Lau",
        "Gia đình tôi không được đưa vào danh sách hộ nghèo năm 2026 dù nhà dột, chồng tôi ốm. Đề nghị xã xem xét "
        "lại kết quả rà soát cho gia đình tôi.",
    )
    assert relation(mine, theirs)[0] == ""


@pytest.mark.parametrize(
    "text",
    ["Con trai tôi đi làm công ty. Thực tế xe máy mua trả góp.", "Xe tải chạy trên tuyến đường; 2 lần ngã."],
)
def test_an_object_s_name_never_runs_over_a_stop(text):
    assert matter_features(text).objects == ()
