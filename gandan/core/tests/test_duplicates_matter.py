"""Tests for issue #13 in gandan.core.duplicates: what a letter is about, what it says about itself, households, and
the two answers ("same petition", "same matter") with the reasons a clerk checks."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gandan.core.duplicates import (
    PetitionText,
    blocking_keys,
    find_related,
    fingerprint,
    matter,
    matter_features,
    score,
)
from gandan.core.duplicates.letters import (
    is_cover,
    is_reminder,
    is_settled_again,
    named_people,
    strip_formulae,
)
from gandan.core.duplicates.matter import operated_objects
from gandan.core.vntext import fold

# --------------------------------------------------------------------------------------------------------------
# What a letter is about
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plots"),
    [
        ("Gia đình tôi sử dụng thửa đất số 57, tờ bản đồ số 15 tại thôn Đồng Thịnh.", ("57/15",)),
        ("thua dat so 57 to ban do 15", ("57/15",)),
        ("Tờ bản đồ 15, thửa 57.", ("57/15",)),
        ("Thửa số 57 nhà tôi bị lấn.", ("57/",)),
        ("thửa đất số 57, tờ bản đồ số 15; sau đó thửa 57 bị chia đôi", ("57/15",)),
        ("Tôi đã gửi đơn ba lần.", ()),
    ],
)
def test_it_reads_plots_with_their_map_sheet(text, plots):
    assert matter_features(text).plots == plots


@pytest.mark.parametrize(
    "text",
    ["Quyết định số 1452/QĐ-UBND ngày 12/8/2025", "QĐ 1452", "theo quyết định 1452", "số 1452/2025/QĐ-UBND"],
)
def test_it_reads_a_decision_number_however_it_is_written(text):
    assert matter_features(text).decisions == ("1452/qd",)


def test_a_legal_citation_is_not_a_decision_of_the_matter():
    assert matter_features("Căn cứ Thông tư số 05/2021/TT-TTCP").decisions == ()


@pytest.mark.parametrize(
    "text",
    ["đường ĐT 307 xuống cấp", "Đường ĐT307 lún", "duong dt 307 nhieu o ga", "tỉnh lộ 307", "đường tỉnh 307"],
)
def test_a_road_is_known_by_its_code_however_it_is_typed(text):
    assert "road:dt 307" in dict(matter_features(text).objects)


@pytest.mark.parametrize(
    "text",
    [
        "Trại lợn của ông Phan Văn Lực xả thải ra suối.",
        "Mùi hôi từ trại lợn nhà ông Lực bay khắp xóm.",
        "Trai lon ong Luc xa thai ra suoi",
    ],
)
def test_a_farm_is_known_by_its_owner(text):
    assert "farm:luc" in dict(matter_features(text).objects)


def test_a_company_is_known_without_its_legal_form_and_trade():
    one = dict(matter_features("Mỏ đá của Công ty Cổ phần Khoáng sản Đông Bắc nổ mìn.").objects)
    other = dict(matter_features("Công ty Khoáng sản Đông Bắc nổ mìn mỗi ngày.").objects)
    assert "company:dong bac" in one and "company:dong bac" in other
    assert one["company:dong bac"] == "Công ty Cổ phần Khoáng sản Đông Bắc"


@pytest.mark.parametrize(
    "text",
    [
        "Tôi là Lò Văn Sinh ở thôn Khe Lau.",  # a family name, not a kiln
        "Nhà văn hóa thôn Trường Xuân bị dột.",  # a village, not a school
        "Đề nghị xã yêu cầu Công ty trả lời.",  # "yêu cầu", not a bridge
        "Tôi là Bùi Văn Tú, con trai ông Bùi Văn Toản.",  # a son, not a farm
        "Đề nghị xã cho Công ty thuê đất.",  # "cho", not a market
    ],
)
def test_names_and_words_spelled_like_objects_are_not_objects(text):
    kinds = {key.split(":")[0] for key, _label in matter_features(text).objects}
    assert not kinds & {"kiln", "school", "bridge", "farm", "market"}


def test_it_reads_amounts_areas_and_years_but_not_birth_years():
    text = (
        "Tôi sinh năm 1958. Năm 2025 thôn thu 500.000 đồng mỗi hộ, con tôi nộp 1,2 triệu; bị thu hồi 420 m2."
    )
    assert set(matter_features(text).details) == {"y:2025", "vnd:500000", "vnd:1200000", "m2:420"}


def test_it_reads_the_villages_named_with_their_spelling():
    features = matter_features("Trưởng thôn Gò Gạo thu tiền làm đường ngõ xóm Giữa.")
    assert features.villages == ("go gao", "giua")
    assert dict(features.labels)["go gao"] == "thôn Gò Gạo"


# --------------------------------------------------------------------------------------------------------------
# What a letter says about itself
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reminder"),
    [
        ("Tôi đã gửi đơn ngày 3/4/2026 nhưng đến nay chưa được trả lời.", True),
        ("Đây là lần thứ ba tôi gửi đơn.", True),
        ("Tôi gửi lại đơn về việc lối đi chung.", True),
        ("Hộ ông Thuận xây tường chắn lối đi chung.", False),
    ],
)
def test_it_recognises_reminders(text, reminder):
    assert is_reminder(fold(text)) is reminder


def test_the_reminder_formula_is_not_compared_as_matter():
    words = fold("tôi đã gửi đơn về trại lợn nhưng chưa được trả lời").split()
    assert strip_formulae(words) == ["toi", "ve", "trai", "lon", "nhung"]


@pytest.mark.parametrize(
    "text",
    [
        "Báo Phú Thọ nhận được đơn của ông Lê Văn Cừ và kính chuyển đơn đến UBND xã.",
        "Ủy ban MTTQ tổng hợp ý kiến cử tri tại hội nghị tiếp xúc cử tri.",
    ],
)
def test_it_recognises_bodies_cover_texts(text):
    assert is_cover(fold(text))


def test_a_matter_closed_and_happening_again_is_recognised():
    assert is_settled_again(fold("Năm 2024 xã đã cho dừng lò, nay lò lại đốt trở lại."))
    assert not is_settled_again(fold("Lò vẫn đốt trở lại mỗi đêm."))


def test_it_reads_relatives_citizens_cited_and_people_named():
    relatives, cited, people = named_people(
        "Tôi là Lê Thị Huệ, vợ ông Trần Văn Quý. Văn phòng nhận được đơn đề ngày 2/3 của bà Nguyễn Thị Thoa. "
        "Hộ ông Lê Văn Tâm xây tường lấn đất."
    )
    assert relatives == ("tran van quy",)
    assert cited == ("nguyen thi thoa",)
    assert people["le van tam"] == "Lê Văn Tâm"


def test_names_in_a_letter_typed_in_capitals_are_not_read():
    assert named_people("TÔI LÀ VỢ ÔNG TRẦN VĂN QUÝ") == ((), (), {})


# --------------------------------------------------------------------------------------------------------------
# The two answers
# --------------------------------------------------------------------------------------------------------------

QUY = PetitionText(
    citizen_id="026072004511",
    phone="0983221456",
    name="Trần Văn Quý",
    address="Xóm 3, thôn Cao Phong, xã Tam Sơn",
    content="Tháng 3 năm 2024 gia đình tôi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất cho thửa đất số 112, "
    "tờ bản đồ số 9. Đã hơn một năm hồ sơ vẫn chưa được giải quyết, cán bộ nói chờ đo đạc lại ranh giới.\n"
    "Đề nghị xã trả lời bằng văn bản lý do chậm cấp giấy chứng nhận.",
)
TOAN = PetitionText(
    citizen_id="026058001940",
    phone="0975302118",
    name="Bùi Văn Toản",
    address="Số 27, thôn Thượng Lạp, xã Sông Lô",
    content="Quyết định số 1452/QĐ-UBND thu hồi 420 m2 đất của gia đình tôi tại thửa đất số 233, tờ bản đồ số 6 "
    "để làm Cụm công nghiệp Thượng Lạp. Phương án chỉ bồi thường 380 m2 và tính cây bưởi như cây mới trồng.\n"
    "Đề nghị đo đạc lại và tính lại giá trị bồi thường.",
)
THANG = PetitionText(
    phone="0912770341",
    name="Hoàng Văn Thắng",
    address="Thôn Đồng Giang, xã Sông Lô",
    content="Đường ĐT 307 từ cầu Đồng Giang đến chợ Cầu bị bong tróc, nhiều ổ gà sâu, xe tải chạy bụi mù.\n"
    "Đề nghị xã báo cấp trên sửa đường và cắm biển hạn chế tải trọng.",
)


def relation(a: PetitionText, b: PetitionText) -> tuple[str, tuple[str, ...]]:
    match = score(fingerprint(a), fingerprint(b))
    return match.relation, match.reasons


def test_a_wife_writing_with_the_household_phone_about_the_same_plot_is_the_same_petition():
    wife = PetitionText(
        phone="0983 221 456",
        name="Lê Thị Huệ",
        address="Xóm 3, thôn Cao Phong, xã Tam Sơn",
        content="Chồng tôi nộp hồ sơ xin cấp sổ đỏ thửa 112 tờ bản đồ 9 từ năm 2024, đã có đơn mà chưa được trả lời.",
    )
    answer, reasons = relation(wife, QUY)
    assert answer == "same_petition"
    assert "Cùng số điện thoại" in reasons and "Cùng thửa đất số 112, tờ bản đồ 9" in reasons
    assert "Cùng hộ: cùng số điện thoại, khác tên người gửi" in reasons


def test_a_son_at_the_same_house_with_the_family_name_is_the_same_petition():
    son = PetitionText(
        phone="0394556120",
        name="Bùi Văn Tú",
        address="Số 27, thôn Thượng Lạp, xã Sông Lô",
        content="Bố tôi đã khiếu nại Quyết định số 1452/QĐ-UBND về bồi thường thửa 233 mà chưa được giải quyết.",
    )
    answer, reasons = relation(son, TOAN)
    assert answer == "same_petition"
    assert "Cùng hộ: cùng địa chỉ số 27, thôn Thượng Lạp, cùng họ Bùi" in reasons
    assert "Cùng quyết định số 1452/QĐ" in reasons


def test_a_neighbour_of_the_same_hamlet_and_family_name_on_the_adjacent_plot_is_not_related():
    neighbour = replace(
        QUY,
        citizen_id="026075011290",
        phone="0397114502",
        name="Trần Văn Khải",
        content=QUY.content.replace("thửa đất số 112", "thửa đất số 113").replace(
            "Tháng 3 năm 2024", "Năm 2025"
        ),
    )
    answer, reasons = relation(neighbour, QUY)
    assert answer == ""
    assert "Khác thửa đất (số 112, tờ bản đồ 9 và số 113, tờ bản đồ 9)" in reasons


def test_the_same_printed_letter_of_another_household_is_not_even_linked():
    other = replace(
        TOAN,
        citizen_id="026066007725",
        phone="0866410255",
        name="Đào Văn Lợi",
        address="Thôn Thượng Lạp, xã Sông Lô",
        content=TOAN.content.replace("1452", "1455").replace("thửa đất số 233", "thửa đất số 240"),
    )
    match = score(fingerprint(other), fingerprint(TOAN))
    assert match.content_similarity >= 0.6  # near-identical words ...
    assert match.relation == ""  # ... about another plot and another decision


def test_a_two_line_reminder_of_the_same_person_is_the_same_petition():
    reminder = PetitionText(
        phone="0983221456",
        name="Trần Văn Quý",
        address="thôn Cao Phong",
        content="Tôi đã gửi đơn về việc chậm cấp giấy chứng nhận thửa 112 mà đến nay chưa được trả lời.",
    )
    answer, reasons = relation(reminder, QUY)
    assert answer == "same_petition"
    assert "Thư nhắc lại đơn đã gửi" in reasons


def test_other_villagers_on_the_same_road_are_the_same_matter():
    villager = PetitionText(
        phone="0356471209",
        name="Nguyễn Thị Mơ",
        address="Thôn Đồng Giang, xã Sông Lô",
        content="Xe tải chở đất chạy suốt ngày trên đường ĐT307, đoạn gần chợ Cầu lún sâu, bụi mù mịt.",
    )
    answer, reasons = relation(villager, THANG)
    assert answer == "same_matter"
    assert "Cùng đường ĐT 307" in reasons


def test_a_summary_of_voters_opinions_is_linked_to_each_letter_on_its_matters():
    summary = PetitionText(
        name="Ủy ban MTTQ xã Sông Lô",
        content="Ủy ban MTTQ kính chuyển ý kiến cử tri tại buổi tiếp xúc cử tri.\n"
        "Cử tri thôn Đồng Giang phản ánh đường ĐT 307 xuống cấp, xe tải trọng lớn chạy nhiều.\n"
        "Cử tri thôn Thượng Lạp đề nghị xem lại giá bồi thường cây cối khi làm Cụm công nghiệp Thượng Lạp.",
    )
    found = find_related(fingerprint(summary), [("road", fingerprint(THANG)), ("plot", fingerprint(TOAN))])
    assert {key: match.relation for key, match in found} == {"road": "same_matter", "plot": "same_matter"}


def test_the_same_school_does_not_link_unrelated_matters():
    fees = PetitionText(
        name="Hứa Thị Lệ", content="Trường THCS Yên Thạch thu mỗi em 1.200.000 đồng quỹ phụ huynh."
    )
    fight = PetitionText(
        name="Mai Văn Tâm",
        content="Con tôi học Trường THCS Yên Thạch bị bạn lớp 9 đánh trên đường đi học về.",
    )
    more_fees = PetitionText(
        name="Lê Văn An", content="Trường THCS Yên Thạch thu quỹ phụ huynh mỗi em hơn 1 triệu."
    )
    assert relation(fight, fees)[0] == ""
    assert relation(more_fees, fees)[0] == "same_matter"


def test_a_matter_closed_and_happening_again_is_a_new_petition():
    kiln = PetitionText(
        phone="0974881306",
        name="Hà Thị Loan",
        address="Thôn Đồng Cả",
        content="Lò gạch thủ công của hộ ông Ngô Văn Đức đốt suốt ngày đêm, khói đen bay vào nhà dân.",
    )
    again = replace(
        kiln, content="Năm 2024 xã đã cho dừng lò gạch nhà ông Đức, nay lò lại đốt trở lại, khói bụi như cũ."
    )
    answer, reasons = relation(again, kiln)
    assert answer != "same_petition"
    assert "Đơn nêu việc cũ đã giải quyết nay tái diễn" in reasons


DENUNCIATION = PetitionText(
    citizen_id="026190004456",
    phone="0357220914",
    name="Kiều Thị Duyên",
    address="Thôn Gò Gạo, xã Hải Lựu",
    content="Tôi tố cáo ông trưởng thôn Gò Gạo. Tháng 11 năm 2025 ông thu của mỗi hộ 500.000 đồng để làm đường bê "
    "tông ngõ xóm Giữa, cả thôn 143 hộ nộp. Đường chỉ làm được 120 m, không công khai thu chi.\n"
    "Đề nghị xã kiểm tra sổ sách thu chi và xử lý sai phạm.",
    protected=True,
)
IDENTITY_WORDS = ("điện thoại", "căn cước", "họ tên", "hộ:", "người gửi", "người thân", "Duyên")


def test_a_protected_denunciation_sent_again_in_other_words_is_the_same_petition_without_identity():
    again = replace(
        DENUNCIATION,
        phone="0329551008",
        content="Tôi tiếp tục tố cáo việc ông trưởng thôn Gò Gạo thu tiền làm đường ngõ xóm Giữa: mỗi hộ nộp năm "
        "trăm nghìn, hơn 140 hộ, đường đổ được một đoạn ngắn rồi bỏ đó, không công khai thu chi.",
    )
    answer, reasons = relation(again, DENUNCIATION)
    assert answer == "same_petition"
    assert not any(word in reason for reason in reasons for word in IDENTITY_WORDS)
    assert "So sánh theo nội dung (đơn tố cáo giữ bí mật người tố cáo)" in reasons


def test_a_protected_denunciation_is_never_tied_to_its_sender_s_other_letter():
    other = replace(DENUNCIATION, protected=False, content=QUY.content.replace("112", "118"))
    match = score(fingerprint(other), fingerprint(DENUNCIATION))
    assert match.relation == "" and not match.same_person and not match.household


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([QUY, TOAN, THANG, replace(DENUNCIATION, protected=False)]),
    st.booleans(),
    st.sampled_from(["", "0983221456", "0357220914"]),
    st.sampled_from(["", "Trần Văn Quý", "Kiều Thị Duyên", "Bùi Văn Tú"]),
)
def test_identity_never_explains_nor_decides_a_comparison_with_a_protected_denunciation(
    other, mine, phone, name
):
    """Whoever the other letter's sender is (even the denouncer's own phone and name), the answer and its reasons
    depend on the content only, and no reason speaks of a phone, an ID, a name or a household."""
    other = replace(other, protected=mine)
    masked = replace(DENUNCIATION, phone=phone, name=name, citizen_id="")
    match = score(fingerprint(masked), fingerprint(other))
    assert match == score(fingerprint(DENUNCIATION), fingerprint(other))
    assert not any(word in reason for reason in match.reasons for word in IDENTITY_WORDS)


# --------------------------------------------------------------------------------------------------------------
# Blocking keys of a matter and a household
# --------------------------------------------------------------------------------------------------------------


def test_two_people_naming_the_same_plot_share_a_key_and_the_adjacent_plot_does_not():
    heir = PetitionText(
        name="Phí Thị Liên", address="thôn Đồng Bùa", content="Tôi là đồng thừa kế thửa 112, tờ 9."
    )
    neighbour = replace(heir, content="Tôi là đồng thừa kế thửa 113, tờ 9.")
    assert {k[:2] for k in blocking_keys(fingerprint(QUY)) & blocking_keys(fingerprint(heir))} == {"m:"}
    assert not blocking_keys(fingerprint(QUY)) & blocking_keys(fingerprint(neighbour))


def test_a_relative_named_finds_the_relative_s_own_letters():
    son = PetitionText(
        name="Bùi Văn Tú", address="Thôn Thượng Lạp", content="Tôi là con trai ông Bùi Văn Toản."
    )
    shared = blocking_keys(fingerprint(son)) & blocking_keys(fingerprint(TOAN))
    assert {key.split(":")[0] for key in shared} >= {"n"}


def test_the_same_house_of_a_village_shares_a_household_key():
    son = PetitionText(name="Bùi Văn Tú", address="Số 27, thôn Thượng Lạp, xã Sông Lô", content="Bồi thường.")
    shared = blocking_keys(fingerprint(son)) & blocking_keys(fingerprint(TOAN))
    assert {key.split(":")[0] for key in shared} == {"h"}


def test_a_wife_saying_her_husband_wrote_before_is_the_same_household():
    veteran = PetitionText(
        citizen_id="026055002371",
        phone="0913225870",
        name="Tạ Văn Khang",
        address="Thôn Bình Hòa, xã Tam Sơn",
        content="Tôi là thương binh. Thẻ bảo hiểm y tế của tôi ghi sai năm sinh nên đi khám không được thanh toán. "
        "Đề nghị xã cấp lại thẻ bảo hiểm y tế.",
    )
    wife = PetitionText(
        name="Nguyễn Thị Gấm",
        address="Thôn Bình Hòa, xã Tam Sơn",
        content="Chồng tôi đã gửi đơn từ tháng 6 xin cấp lại thẻ bảo hiểm y tế ghi sai năm sinh, nay chưa có thẻ.",
    )
    answer, reasons = relation(wife, veteran)
    assert answer == "same_petition"
    assert "Cùng hộ: đơn nói người thân đã gửi đơn, cùng thôn" in reasons
    assert blocking_keys(fingerprint(wife)) & blocking_keys(fingerprint(veteran))  # found at intake
    elsewhere = replace(wife, address="Thôn Gò Chè, xã Tam Sơn")
    assert relation(elsewhere, veteran)[0] != "same_petition"


PRINTED = (
    "Khi làm đường vành đai phía tây, gia đình tôi phải di chuyển 2 ngôi mộ ra nghĩa trang mới. Theo phương án, "
    "gia đình tôi chỉ được hỗ trợ {amount} đồng, không đủ chi phí bốc mộ, xây lại và làm lễ theo phong tục. Đề nghị "
    "xã xem xét nâng mức hỗ trợ di chuyển mồ mả cho gia đình tôi."
)


def test_one_printed_letter_signed_by_two_households_is_two_claims_or_one_matter():
    first = PetitionText(
        name="Nông Văn Khiêm", address="Thôn Đồng Thành", content=PRINTED.format(amount="9.000.000")
    )
    own_claim = PetitionText(
        name="Nông Thị Lìu", address="Thôn Đồng Thành", content=PRINTED.format(amount="4.500.000")
    )
    same_claim = replace(own_claim, name="Hà Văn Chấn", content=first.content)
    assert relation(own_claim, first)[0] == ""  # each household its own amount: not even linked
    assert relation(same_claim, first)[0] == "same_matter"  # several households raising one matter


def test_a_body_s_cover_text_naming_the_citizen_is_the_citizen_s_petition():
    citizen = PetitionText(
        name="Nông Văn Khiêm",
        address="Thôn Đồng Thành, xã Hải Lựu",
        content=PRINTED.format(amount="9.000.000"),
    )
    cover = PetitionText(
        name="Văn phòng Đoàn ĐBQH và HĐND tỉnh Phú Thọ",
        content="Văn phòng nhận được phản ánh của ông Nông Văn Khiêm, thôn Đồng Thành, xã Hải Lựu về việc gia đình "
        "ông chỉ được hỗ trợ 9.000.000 đồng khi di chuyển 2 ngôi mộ để làm đường vành đai phía tây.\n"
        "Văn phòng kính chuyển để Ủy ban nhân dân xã xem xét, trả lời công dân.",
    )
    answer, reasons = relation(cover, citizen)
    assert answer == "same_petition"
    assert reasons[0] == "Văn bản chuyển đơn nêu tên người gửi đơn kia"


def test_an_owner_named_in_a_body_s_letter_is_not_the_citizen_it_forwards():
    _relatives, cited, _people = named_people(
        "Báo nhận được đơn của bà Lê Thị Yến phản ánh lò gạch của hộ ông Trần Văn Khởi gây khói bụi.",
        body=True,
    )
    assert cited == ("le thi yen",)


@pytest.mark.parametrize(
    "text",
    [
        "Mỏ đá Núi Đanh nổ mìn làm nứt nhà dân",
        "Bụi đá và nổ mìn từ mỏ đá Núi Đanh\nMỏ đá Núi Đanh nổ mìn mỗi ngày",
        "Công ty CP Khoáng sản Núi Đanh nổ mìn không báo trước",
        "Ông Khải trình bày: mỏ đá Núi Đanh nổ mìn, bụi đá phủ kín vườn.",
    ],
)
def test_an_operated_thing_is_known_by_its_proper_name_however_it_is_introduced(text):
    # The quarry and the company that runs it are one thing to the opinion board (issue #12).
    assert operated_objects(text) == {"operated:nui danh"}


@pytest.mark.parametrize(
    "text",
    [
        "Trại lợn ông Lực xả thải ra mương",  # a person's farm, known by a given name two villages may share
        "Xưởng gỗ ở thôn Bến Đò đốt mùn cưa ngoài trời",  # no proper name
        "Đường liên thôn qua Bến Đò hỏng nặng, ổ gà khắp nơi",  # a road: not an operated thing
        "",
    ],
)
def test_no_operated_thing_is_read_where_none_is_named(text):
    assert operated_objects(text) == frozenset()


@pytest.mark.parametrize(
    "introducer",
    [w for kind in ("farm", "kiln", "quarry", "company") for w in matter._OBJECT_WORDS[kind]],
)
def test_every_operated_things_introducer_is_seen_by_the_quick_look(introducer):
    # The look that spares most texts the full reading must let through every introducer the reading knows.
    assert operated_objects(f"Đề nghị xử lý {introducer} Hưng Phát xả thải") == {"operated:hung phat"}
