"""Tests for gandan.core.vntext: table tests for the documented cases plus properties."""

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gandan.core.vntext import MAX_BLANK_LINES, fold, matches, normalize, search_key, shingles, tokens

TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _vietnamese_letters() -> list[str]:
    """All lowercase and uppercase letters of the Vietnamese alphabet, every tone included."""
    lower = [nfc(vowel + tone) for vowel in VOWELS for tone in ("", *TONE_MARKS)] + list(CONSONANTS)
    return lower + [letter.upper() for letter in lower]


VIETNAMESE_LETTERS = _vietnamese_letters()
vietnamese_text = st.text(alphabet=[*VIETNAMESE_LETTERS, " "], max_size=40)
vietnamese_multiline_text = st.text(alphabet=[*VIETNAMESE_LETTERS, " ", "\n", "\r"], max_size=40)


def naive_fold(text: str) -> str:
    """Reference fold that does not go through normalize: drop marks, map đ, lowercase."""
    stripped = "".join(c for c in nfd(text) if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def tone_count(text: str) -> int:
    return sum(nfd(text).count(mark) for mark in TONE_MARKS)


# --------------------------------------------------------------------------- normalize


@pytest.mark.parametrize(
    ("spellings", "expected"),
    [
        (["hoà", "hòa"], "hòa"),
        (["hoá", "hóa"], "hóa"),
        (["thuỷ", "thủy"], "thủy"),
        (["khoẻ", "khỏe"], "khỏe"),
        (["toà", "tòa"], "tòa"),
        (["uỷ", "ủy"], "ủy"),
        (["uỷ ban", "ủy ban"], "ủy ban"),
        (["hoạ", "họa"], "họa"),
        (["HOÀ", "HÒA"], "HÒA"),
        (["Hoà Bình", "Hòa Bình"], "Hòa Bình"),
        # u of "qu" / i of "gi" belong to the consonant; misplaced tones are repaired
        (["quý", "qúy"], "quý"),
        (["quà", "qùa"], "quà"),
        (["già", "gìa"], "già"),
        (["giá", "gía"], "giá"),
        # three-vowel open clusters: middle vowel
        (["hoài", "hòai", "hoaì"], "hoài"),
        (["xoáy", "xóay", "xoaý"], "xoáy"),
        (["khuỷu", "khủyu", "khuyủ"], "khuỷu"),
        # final consonant: last vowel
        (["hoàng", "hòang"], "hoàng"),
        (["toán", "tóan"], "toán"),
        (["huỳnh", "hùynh"], "huỳnh"),
        # quality vowel takes the tone; ươ puts it on ơ
        (["người", "ngừơi", "ngươì"], "người"),
        (["rượu", "rựơu", "rươụ"], "rượu"),
        (["tuổi", "tủôi"], "tuổi"),
        (["thuyền", "thùyên", "thuỳên"], "thuyền"),
        (["thuở", "thủơ"], "thuở"),
        (["mùa"], "mùa"),
        (["kìa"], "kìa"),
        (["gửi"], "gửi"),
        (["việt"], "việt"),
        (["giữ"], "giữ"),
        (["gìn"], "gìn"),
    ],
)
def test_normalize_unifies_tone_placement(spellings: list[str], expected: str) -> None:
    for spelling in spellings:
        for form in (nfc(spelling), nfd(spelling)):
            assert normalize(form) == expected, form


@pytest.mark.parametrize(
    "text",
    [
        "quý",
        "giữ",
        "gìn",
        "người",
        "hoàng",
        "thuyền",
        "tuổi",
        "việt",
        "Hòa Bình",
        "Nguyễn Thị Minh Khai",
        "Ủy ban nhân dân xã Hòa Thuận",
        "Đất đai",
    ],
)
def test_normalize_keeps_canonical_text(text: str) -> None:
    assert normalize(text) == text
    assert normalize(nfd(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "café",
        "résumé",
        "naïve",
        "Ñandú",
        "rió",
        "dúo",
        "façade",
        "Москва",
        "東京",
        "COVID-19",
        "3.14159",
        "abc123 x_y",
        "e-mail: a@b.vn",
    ],
)
def test_normalize_leaves_non_vietnamese_words_alone(text: str) -> None:
    assert normalize(text) == nfc(text)
    assert normalize(nfd(text)) == nfc(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  hai   ba\t\tbốn  ", "hai ba bốn"),
        ("một\nhai\r\nba", "một hai ba"),
        ("ho\u200bà", "hòa"),
        ("\ufeffxã", "xã"),
        ("a\u200c\u200d\u2060b", "ab"),
        ("thôn\x00 3\x07", "thôn 3"),
        ("\u00a0xã\u2003Hòa\u3000", "xã Hòa"),
        ("", ""),
        ("   \n\t ", ""),
    ],
)
def test_normalize_cleans_whitespace_and_invisible_characters(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("  a   b  \n  c\t d ", "a b\nc d"),
        ("a\n\nb", "a\n\nb"),
        ("a\n\n\nb", "a\n\n\nb"),
        ("a\n\n\n\n\n\nb", "a" + "\n" * (MAX_BLANK_LINES + 1) + "b"),
        ("a\n \n\t\n  \n \nb", "a" + "\n" * (MAX_BLANK_LINES + 1) + "b"),
        ("\n\n  a\n\n", "a"),
        ("hoà\u2028khoẻ", "hòa\nkhỏe"),
        ("x\u200b\ny", "x\ny"),
    ],
)
def test_normalize_multiline(text: str, expected: str) -> None:
    assert normalize(text, multiline=True) == expected


def test_normalize_repairs_marks_typed_in_wrong_order() -> None:
    # a + acute + circumflex does not compose under NFC; normalize emits "ấ".
    assert normalize("d\u0061\u0301\u0302u") == "dấu"


# --------------------------------------------------------------------------- fold & friends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đất đai", "dat dai"),
        ("Hòa", "hoa"),
        ("hoà", "hoa"),
        ("Nguyễn", "nguyen"),
        ("ĐƯỜNG", "duong"),
        ("  Ủy   ban ", "uy ban"),
        ("Ðà Nẵng", "da nang"),  # U+00D0 eth, a common lookalike of Đ
        ("café", "cafe"),
        ("Hòa\nBình", "hoa binh"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


def test_tokens() -> None:
    assert tokens("Đường Lãng Công, thôn 3") == ["duong", "lang", "cong", "thon", "3"]
    assert tokens("Tổ 12/khu_phố-4") == ["to", "12", "khu", "pho", "4"]
    assert tokens(" ,.; ") == []


def test_shingles() -> None:
    assert shingles("Đường Lãng Công, thôn 3") == {"duong lang", "lang cong", "cong thon", "thon 3"}
    assert shingles("Đường Lãng Công", n=3) == {"duong lang cong"}
    assert shingles("Đường Lãng", n=3) == {"duong lang"}
    assert shingles("Hòa", n=1) == {"hoa"}
    assert shingles("hoà hòa") == {"hoa hoa"}
    assert shingles("  ...  ") == set()
    with pytest.raises(ValueError):
        shingles("a b", n=0)


def test_search_key() -> None:
    assert search_key("Đường Lãng Công, thôn 3") == "duong lang cong thon 3"
    assert search_key("Tranh chấp  ĐẤT ĐAI!") == "tranh chap dat dai"
    assert search_key("") == ""


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("dat dai", "Tranh chấp ĐẤT ĐAI", True),
        ("hoa", "Hòa Bình", True),
        ("hoà", "Hòa Bình", True),
        ("xa", "Sông Lô", False),
        ("binh hoa", "Hòa Bình", True),
        ("ng", "Nguyễn Văn A", True),
        ("uyen", "Nguyễn Văn A", False),
        ("thon 3", "Đường Lãng Công, thôn 3", True),
        ("thon 4", "Đường Lãng Công, thôn 3", False),
        ("", "anything", True),
        ("a", "", False),
    ],
)
def test_matches(query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected


# --------------------------------------------------------------------------- properties


@given(st.text())
@example("ho\u200bà")
@example("a \u0301 b")
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_multiline_is_idempotent(text: str) -> None:
    once = normalize(text, multiline=True)
    assert normalize(once, multiline=True) == once
    assert "\r" not in once


@given(vietnamese_text)
def test_normalize_is_idempotent_on_vietnamese(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(vietnamese_multiline_text)
def test_normalize_multiline_is_idempotent_on_vietnamese(text: str) -> None:
    once = normalize(text, multiline=True)
    assert normalize(once, multiline=True) == once


@given(st.one_of(st.text(), vietnamese_text))
def test_normalize_ignores_unicode_form(text: str) -> None:
    assert normalize(nfd(text)) == normalize(text)
    assert normalize(nfc(text)) == normalize(text)


@given(st.one_of(st.text(), vietnamese_text))
def test_normalize_never_changes_fold(text: str) -> None:
    assert fold(normalize(text)) == fold(text)


@given(vietnamese_text)
def test_normalize_only_moves_tone_marks(text: str) -> None:
    result = normalize(text)
    assert naive_fold(result) == naive_fold(text)
    assert tone_count(result) == tone_count(text)


@given(vietnamese_text)
def test_fold_of_vietnamese_is_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == naive_fold(text)
    assert all(token.isascii() for token in tokens(text))


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


_INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh"]
_INITIALS += ["nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
_RHYMES = [
    # open rhymes
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi",
    "ua", "ui", "uy", "ưa", "ưi", "ưu", "uơ",
    "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
    # rhymes with a final consonant
    "an", "ăn", "ân", "anh", "ang", "em", "êm", "inh", "ong", "ông", "ơn", "ung", "ưng",
    "iên", "yên", "oan", "oăn", "oen", "uân", "uôn", "ươn", "uyên",
    "oang", "oanh", "oach", "uych", "uynh", "uyt", "ương", "ươc", "iêng", "oong",
]  # fmt: skip


@st.composite
def toned_syllable_variants(draw: st.DrawFn) -> tuple[str, str]:
    """A syllable with one tone on some vowel, and the same syllable with it on another vowel."""
    initial = draw(st.sampled_from(_INITIALS))
    rhyme = draw(st.sampled_from(_RHYMES))
    tone = draw(st.sampled_from(TONE_MARKS))
    letters = list(initial + rhyme)
    vowel_positions = [i for i, letter in enumerate(letters) if nfd(letter)[0] in "aeiouy"]
    first, second = (draw(st.sampled_from(vowel_positions)) for _ in range(2))
    upper = draw(st.lists(st.booleans(), min_size=len(letters), max_size=len(letters)))
    cased = [letter.upper() if up else letter for letter, up in zip(letters, upper, strict=True)]

    def with_tone_at(position: int) -> str:
        return nfc("".join(letter + tone if i == position else letter for i, letter in enumerate(cased)))

    return with_tone_at(first), with_tone_at(second)


@given(toned_syllable_variants())
def test_tone_position_in_input_does_not_matter(variants: tuple[str, str]) -> None:
    first, second = variants
    assert normalize(first) == normalize(second)
    assert normalize(nfd(first)) == normalize(second)
    assert tone_count(normalize(first)) == 1
