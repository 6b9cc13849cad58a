"""The English-sentence detector the page-walk tests use: it must catch forgotten English and leave Vietnamese alone."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gandan.kit.english import COMMON_WORDS, english_sentences

# Vietnamese syllables that are also spelled like short English words once their accents are dropped ("tờ", "đồ",
# "in", "an toàn", "cán bộ", "máy", "thẻ", "nốt", "bút", "ít", "át", "á", "thêm", "yết", "bé", "hè", "úp", "mỹ"):
# none of them may count as English, or a citizen typing without accents would trip the check.
_UNACCENTED = "to do in an can may the not but it at a them yet be he up my me so no on am ma la ban con cho tin than ten"
UNACCENTED_VIETNAMESE = _UNACCENTED.split()


@pytest.mark.parametrize(
    "text",
    [
        "Which kind of petition should I choose?",
        "Please enter your phone number",
        "Tick this box to agree that the commune may contact you.",
        "Hồ sơ của bạn\nYour dossier has been received.\nMã hồ sơ: HS-2026-000123",
        "Tôi nên chọn loại đơn nào? (Which kind of petition should I choose?)",
        "Open Closed All",
    ],
)
def test_it_finds_english_sentences(text):
    assert english_sentences(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tôi nên chọn loại đơn nào?",
        "Nộp hồ sơ trực tuyến — UBND xã Tân Phú, huyện Định Quán",
        "Mã hồ sơ: HS-2026-000123. Gửi thư tới hoso@ubnd.gov.vn hoặc xem https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "Nguyen Van An, Tran Thi My, Le The Anh",
        "toi can lam the can cuoc cho con, them giay to do UBND cap",
        "PDF JPEG PNG, tối đa 10 MB",
        "UBND CCCD SMS OTP QR API",
        "Gần Dân",
        "",
    ],
)
def test_it_leaves_vietnamese_names_codes_and_addresses_alone(text):
    assert english_sentences(text) == []


def test_it_returns_the_english_words_it_found():
    assert english_sentences("Mã: HS-1. Please choose the commune, then press Send. Xã Tân Phú") == [
        "Please choose the commune then press Send"
    ]


def test_a_line_break_or_a_full_stop_ends_a_sentence():
    # Two English words on one line and one on the next are not a sentence of three.
    assert english_sentences("Xem hồ sơ: Open file\nstatus") == []
    assert english_sentences("of the. Your") == []


def test_common_words_leave_out_every_unaccented_vietnamese_syllable_we_know():
    assert COMMON_WORDS.isdisjoint(UNACCENTED_VIETNAMESE)


@given(st.lists(st.sampled_from(UNACCENTED_VIETNAMESE), max_size=30))
def test_vietnamese_typed_without_accents_is_never_english(words):
    assert english_sentences(" ".join(words)) == []


@given(st.text(alphabet="ăâđêôơưáàảãạếềểễệốồổỗộớờởỡợúùủũụứừửữựíìỉĩị0123456789-./@:,", max_size=60))
def test_text_without_plain_ascii_words_is_never_english(text):
    assert english_sentences(text) == []
