"""The stored key is vntext.search_key, folded word by word for speed: the two must never differ."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gandan.core.vntext import search_key
from gandan.search.services import MAX_INDEXED_CHARS, MAX_TOKEN_CHARS, index_key

LETTERS = list("aăâeêioôơuưydđbcghklmnpqrstvxAĂÂEÊIOÔƠUƯYĐ") + ["ò", "ó", "ả", "ã", "ạ", "Ờ", "ữ", "ệ"]
MARKS = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u031b", "\u0306"]
SEPARATORS = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u3000", ",", ".", "-", "_", "'", '"']
INVISIBLE = ["\u200b", "\u200d", "\ufeff", "\u00ad", "\x00", "\x07"]
OTHER = ["0", "7", "²", "½", "Ω", "ß", "İ", "ﬁ", "東", "🙂", "é", "ø", "ð", "ɖ", "Σ", "ς"]

text = st.lists(st.sampled_from(LETTERS + MARKS + SEPARATORS + INVISIBLE + OTHER), max_size=60).map("".join)


@settings(max_examples=500)
@given(text)
@example("Đường Lãng Công, thôn 3")
@example("hoà  HÒA\u00a0hoa\u0300")
@example("\u0301a b\u0301")
@example("a\u200b b\u200bc")
@example("ΣΑΣ ς")
def test_index_key_is_search_key(value):
    assert index_key(value) == search_key(value)


def test_tokens_are_cut_to_the_maximum_length():
    assert index_key("x" * 100 + " ngắn") == "x" * MAX_TOKEN_CHARS + " ngan"


def test_the_key_is_cut_at_a_token_boundary():
    key = index_key("abcdefghi " * 20_000)

    assert len(key) <= MAX_INDEXED_CHARS
    assert key.endswith("abcdefghi")
    assert set(key.split(" ")) == {"abcdefghi"}
