"""Tests for gandan.core.vnnlp: what an official would notice in the opinion board (examples)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.core.vnnlp import (
    add_phrases,
    content_words,
    cues,
    looks_vietnamese,
    mask_pii,
    terms,
    urgency,
    well_written,
)
from gandan.core.vntext import fold


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of the term sets of two texts."""
    x, y = set(terms(a)), set(terms(b))
    return len(x & y) / len(x | y)


ROAD = "Đường liên thôn Hoành Sơn bị sạt lở nghiêm trọng, không ai sửa, xe đi lại rất nguy hiểm."
ROAD_PLAIN = "duong lien thon hoanh son bi sat lo nghiem trong, khong ai sua, xe di lai rat nguy hiem"
ROAD_CHAT = "đg liên thôn hoành sơn bị sạt lở nghiêm trọng quáaaa, ko ai sửa, xe đi lại rất nguy hiểm!!!"
DUST = "Nhà máy bê tông ở thôn Đồng Thịnh xả bụi và nước thải ra ruộng lúa của bà con."


def test_the_same_complaint_typed_three_ways_gives_the_same_terms() -> None:
    assert terms(ROAD) == terms(ROAD_PLAIN)
    assert overlap(ROAD, ROAD_CHAT) >= 0.8
    assert {"sat_lo", "hoanh_son", "duong", "nguy_hiem"} <= set(terms(ROAD_CHAT))


def test_a_different_matter_shares_few_terms() -> None:
    assert overlap(ROAD, DUST) <= 0.1
    assert {"bui", "nuoc_thai", "be_tong", "dong_thinh"} <= set(terms(DUST))


def test_letter_formulae_and_function_words_are_dropped() -> None:
    text = (
        "Kính gửi UBND xã Yên Lãng. Tôi là Trần Thị Hoa, chúng tôi xin đề nghị xem xét giải quyết việc "
        "tình trạng cống thoát nước bị tắc. Trân trọng cảm ơn!"
    )
    words = content_words(text)
    # The writer's name ("Trần Thị Hoa") is not what the letter is about either (vnnlp.names).
    assert words == ["yen", "lang", "cong", "thoat", "nuoc", "tac"]
    assert content_words("Ủy ban nhân dân xã") == content_words("UBND xã") == []


@pytest.mark.parametrize(
    "text",
    [
        "xin cấp sổ đỏ",
        "xin cap so do",
        "xin cấp GCN QSDĐ",
        "xin cấp giấy chứng nhận quyền sử dụng đất",
        "xin cap giay chung nhan QSDD",
        "Xin cấp Sổ Hồng",
    ],
)
def test_the_land_use_certificate_is_one_term_however_it_is_written(text: str) -> None:
    assert terms(text) == ["cap", "so_do", "cap_so_do"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ko ai sửa", ["sua"]),
        ("hok ai sửa", ["sua"]),
        ("k ai sửa, dc j đâu", ["sua"]),
        ("hông có ai sửa", ["sua"]),
        ("cống bị hỏng", ["cong", "hong"]),
        ("cống bị hông", ["cong", "hong"]),  # "hông" standing alone is the broken culvert, not "không"
        ("mua 5kg gạo, 50k", ["mua", "5", "gao", "50"]),  # after a number, "k"/"kg" are units
        ("thu hồi 300m2 đất, 2 m3 cát", ["thu", "hoi", "300", "dat", "2", "cat"]),
        ("nc sạch wá bẩn, mún hỏi ng phụ trách", ["nuoc", "sach", "ban", "hoi", "phu", "trach"]),
        ("dzậy thì thui", []),
        ("TĐC và GPMB ở tdp 3", ["tai_dinh_cu", "giai_phong_mat_bang", "to_dan_pho", "3"]),
        ("thôn3 thửa 0123", ["thon", "3", "thua", "123"]),
        ("CA xã không đến", ["cong_an", "xa"]),
        ("CẢ XÃ KHÔNG ĐẾN", ["xa"]),
        ("Cả thôn đều biết", ["thon", "biet"]),
    ],
)
def test_abbreviations_and_chat_spellings_are_read(text: str, expected: list[str]) -> None:
    assert content_words(text) == expected


def test_plot_numbers_and_places_are_kept_as_terms() -> None:
    found = terms("Tranh chấp ranh giới thửa 123 tờ bản đồ số 15 thôn Hoành Sơn")
    assert {"thua_123", "so_15", "ban_do", "hoanh_son", "ranh_gioi", "tranh_chap"} <= set(found)


def test_village_names_made_of_stop_words_are_kept_once_added() -> None:
    assert "ben_do" not in terms("cống thôn Bến Đò bị tắc")
    assert add_phrases(["Thôn Bến Đò", "Bến Đò", "Đồng Cả", "x"]) == 3
    assert add_phrases(["ben do"]) == 0
    assert content_words("cống thôn Bến Đò bị tắc") == content_words("cong thon ben do bi tac")
    assert content_words("cong thon ben do bi tac") == ["cong", "thon_ben_do", "tac"]
    assert "dong_ca" in terms("nhà máy ở Đồng Cả xả bụi")


def test_pairs_do_not_cross_punctuation() -> None:
    assert "lo_xe" not in terms("đường sạt lở. Xe tải đi qua")
    assert "sat_lo" in terms("đường sạt lở. Xe tải đi qua")


def test_a_segmenter_gives_words_instead_of_pairs() -> None:
    def segment(text: str) -> str:
        return text.replace("sạt lở", "sạt_lở").replace("Hoành Sơn", "Hoành_Sơn")

    found = terms("Đường thôn Hoành Sơn sạt lở nặng", segmenter=segment)
    assert found == ["duong", "thon", "hoanh", "son", "sat", "lo", "nang", "hoanh_son", "sat_lo"]
    assert terms("đường ko ai sửa", segmenter=lambda t: ["đường", "ko", "ai", "sửa"]) == ["duong", "sua"]


def test_underthesea_as_segmenter() -> None:
    underthesea = pytest.importorskip("underthesea")
    found = terms(ROAD, segmenter=lambda t: underthesea.word_tokenize(t, format="text"))
    assert "sat_lo" in found and "son_sat" not in found


# --------------------------------------------------------------------------- urgency and cues


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Bà con rất bức xúc, đã nhiều lần gửi đơn mà vẫn chưa được giải quyết", 3),
        ("ba con rat buc xuc, da nhieu lan gui don ma van chua dc giai quyet", 3),
        ("Nếu không giải quyết, cả thôn sẽ kéo lên xã và sẽ khiếu kiện vượt cấp lên tỉnh", 3),
        ("KHẨN CẤP: nhà văn hóa có nguy cơ sập, nguy hiểm cho các cháu", 3),
        ("Cháy lớn ở xưởng gỗ, 2 người phải đi cấp cứu", 2),
        ("Tôi hok thể chịu đựng nổi nữa", 1),
        ("bà con tụ tập, chặn đường, căng băng rôn phản đối", 3),
        ("Cá chết hàng loạt ở hồ, nghi ngộ độc", 2),
        # neutral texts: short words that look like cues once folded do not count
        ("Xin hỏi thủ tục cấp giấy khai sinh cho con", 0),
        ("Tôi muốn gặp cán bộ địa chính, sắp tới tôi chạy xe lên xã", 0),
        ("Đoạn đường này không nguy hiểm nhưng hơi hẹp", 0),
        ("Cả thôn Hoành Sơn góp ý về quy hoạch nhà văn hóa", 0),
        ("", 0),
    ],
)
def test_urgency_counts_distinct_cues(text: str, count: int) -> None:
    assert urgency(text) == count


def test_cues_name_the_kinds_of_sign() -> None:
    assert cues("Rất bức xúc vì đã gửi đơn ngày 12/3 mà chưa được trả lời, hàng chục hộ bị ảnh hưởng") == {
        "anger",
        "repeat",
        "crowd",
    }
    assert cues("Điện giật chết trâu nhà tôi") == {"urgency"}
    assert cues("bà con cả xóm kéo nhau lên xã") == {"anger", "crowd"}
    assert cues("Xin cấp lại giấy khai sinh") == frozenset()


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    "text",
    [
        "Đường thôn Hoành Sơn bị sạt lở",
        "duong thon hoanh son bi sat lo ko ai sua",
        "ko dc j het tr oi, ubnd xa lam ngo",
        "UBND xã ko giải quyết, bà con bức xúc wá",
        "cong thoat nuoc bi tac 3 thang nay roi",
        "Nhà máy xả khói, karaoke ồn ào đến 12h đêm",
    ],
)
def test_vietnamese_is_recognised_with_or_without_diacritics(text: str) -> None:
    assert looks_vietnamese(text)


@pytest.mark.parametrize(
    "text",
    [
        "The road in the village is broken",
        "It is not safe for children to walk to school",
        "La route du village est cassée depuis trois mois",
        "村里的路坏了三个月",
        "Дорога в деревне разбита",
        "12345 67 !!! ...",
        "",
        "   ",
    ],
)
def test_other_languages_and_no_words_are_not_vietnamese(text: str) -> None:
    assert not looks_vietnamese(text)


# --------------------------------------------------------------------------- personal data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SĐT của tôi 0912 345 678, gọi giúp.", "SĐT của tôi ***, gọi giúp."),
        ("lh 0912.345.678 hoặc +84 912-345-678.", "lh *** hoặc ***."),
        ("Zalo: 84912345678 / 0084 912 345 678", "Zalo: *** / ***"),
        ("máy bàn (024) 3825 1234 nhé", "máy bàn *** nhé"),
        ("ĐT: 3825 1234", "ĐT: ***"),
        ("CCCD 001203001234, CMND 125 456 789", "CCCD ***, CMND ***"),
        ("CCCD số 0012 0300 1234.", "CCCD số ***."),
        ("CCCD 025 087 001 234, căn cước 026.187.000.123", "CCCD ***, căn cước ***"),
        ("email nguyenvana@gmail.com nhé", "email *** nhé"),
        ("mail: nguyen.van.a (at) gmail (dot) com", "mail: ***"),
        ("mail anhtuan a còng yahoo chấm com chấm vn.", "mail ***."),
        ("ngày 12/03/2026 gọi 0912345678", "ngày 12/03/2026 gọi ***"),
        ("ngày 12.03.2026 0912345678", "ngày 12.03.2026 ***"),
        ("thôn 3 0912 345 678 hoặc 0987654321 0912345678", "thôn 3 *** hoặc *** ***"),
        ("+84 0912 345 678", "+84 ***"),
    ],
)
def test_phones_ids_and_emails_are_masked(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "thửa 123 tờ bản đồ số 15, năm 2024, ngày 12/03/2026",
        "bồi thường 5.000.000 đồng, hộ khác được 150.000.000 đ, tổng 1.250.000.000",
        "hỗ trợ 5 triệu, tiền đền bù 123456789",
        "Quyết định số 1234/QĐ-UBND ngày 12-03-2026",
        "nhà số 45 ngõ 12, tổ 3, thôn 2",
        "gặp nhau at 5pm ở nhà văn hóa",
    ],
)
def test_plots_dates_money_and_decisions_are_not_masked(text: str) -> None:
    assert mask_pii(text) == text


def test_the_protected_name_is_masked_in_any_spelling() -> None:
    text = "Tôi là Nguyễn Văn An, anh An ở thôn 3. NGUYEN VAN AN rất sợ bị trả thù; Văn An không dám đi."
    masked = mask_pii(text, ["Nguyễn Văn An"])
    assert masked == "Tôi là ***, anh *** ở thôn 3. *** rất sợ bị trả thù; *** không dám đi."
    assert mask_pii("ông Bình và ông Tâm", ["Tâm", " "]) == "ông Bình và ông ***"


# --------------------------------------------------------------------------- the seed topics' keywords


def test_every_seed_keyword_yields_the_terms_a_text_holding_it_yields() -> None:
    from gandan.opinion.taxonomy import SEED

    for code, _name, _name_en, keywords in SEED:
        for keyword in keywords.splitlines():
            wanted = set(terms(keyword))
            assert wanted, f"{code}: {keyword!r} has no terms"
            for text in (
                f"Bà con phản ánh {keyword} ở thôn Hoành Sơn",
                f"ba con phan anh {fold(keyword)} o thon 3",
            ):
                assert wanted <= set(terms(text)), (code, keyword, text)


def test_a_remark_too_short_to_judge_is_taken_as_written():
    # A rating remark of two words must not refuse a whole import as "not Vietnamese".
    assert looks_vietnamese("Tốt, thanks.")
    assert looks_vietnamese("Ok, thanks")
    assert not looks_vietnamese("The road to the village is broken again")
    assert not looks_vietnamese("道路坏了")


def test_an_address_in_a_vietnamese_text_does_not_make_it_foreign():
    assert looks_vietnamese("Email nguyenvana@gmail.com báo đường hỏng ở thôn Bến Đò, đề nghị sửa")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Nước máy ở Tân Tiến bị cắt từ hôm qua không báo trước.", True),
        ("Đề nghị ban quản lý chợ xem xét lại phí thu cho các hộ kinh doanh tại chợ Tam Sơn", True),
        ("Nuoc may o Tan Tien bi cat tu hom qua", False),
        # Numbers, dates, masked data and acronyms carry no marks in any writing: they do not count.
        ("Đèn đường thôn Bến Đò tắt 1 tuần, 0987 654 321, 12/3/2025, liên hệ ***, UBND xã chưa sửa", True),
        # Diacritics on a few words only.
        ("Nuoc may có mau vàng, k dam dung, thôn Go Che nhiều ho nhu v.", False),
        ("Cho hoi nuoc máy có mùi lạ, không nấu an đươc, thon Go Che nhiều hộ nhu vậy.", False),
        # Shouted, also when a contact follows in small letters.
        ("VÁN CẦU TREO ĐỒNG MĂNG VÕNG NẶNG??!! Liên hệ 0912345678", False),
        ("", False),
    ],
)
def test_a_text_is_well_written_when_it_has_its_diacritics_and_is_not_shouted(text, written):
    assert well_written(text) is written


MARKED = ["nước", "máy", "thôn", "đường", "hỏng", "bụi", "mù", "ruộng", "cống", "sập", "điện", "mất"]
PLAIN = ["ban", "co", "ai", "cho", "to"]


@given(
    st.lists(st.sampled_from(MARKED), min_size=3, max_size=30), st.lists(st.sampled_from(PLAIN), max_size=30)
)
def test_a_text_is_well_written_by_the_share_of_its_marked_words_never_folded_or_shouted(marked, plain):
    text = " ".join(marked + plain).capitalize()
    assert well_written(text) is (len(marked) >= 0.6 * (len(marked) + len(plain)))
    assert not well_written(fold(text))
    assert not well_written(text.upper())
