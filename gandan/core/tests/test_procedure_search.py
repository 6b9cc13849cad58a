"""Finding a procedure with a citizen's words: tables over a commune's catalogue, and properties of the ranking."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gandan.core.procedure_search import STOP_PHRASES, STOP_WORDS, Candidate, query_terms, rank
from gandan.core.vntext import fold, tokens

# The demo catalogue's procedures (gandan/dossiers/demo_catalogue.py), as the ranking sees them.
CATALOGUE = [
    Candidate(1, "Đăng ký khai sinh", "Hộ tịch", "1.001193"),
    Candidate(2, "Đăng ký kết hôn", "Hộ tịch", "1.000894"),
    Candidate(3, "Đăng ký khai tử", "Hộ tịch", "1.000656"),
    Candidate(4, "Đăng ký nhận cha, mẹ, con", "Hộ tịch", "1.001022"),
    Candidate(5, "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "2.000635"),
    Candidate(6, "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "1.004873"),
    Candidate(7, "Đăng ký giám hộ", "Hộ tịch", "1.004837"),
    Candidate(
        8,
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
        "Chứng thực",
        "2.000815",
    ),
    Candidate(9, "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "2.000884"),
    Candidate(
        10, "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "Chứng thực", "2.001035"
    ),
    Candidate(11, "Đăng ký thường trú", "Cư trú", "1.004222"),
    Candidate(12, "Đăng ký tạm trú", "Cư trú", "1.004194"),
    Candidate(13, "Xác nhận thông tin về cư trú", "Cư trú", "1.010041"),
    Candidate(14, "Đăng ký thành lập hộ kinh doanh", "Kinh doanh", "1.001612"),
    Candidate(15, "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Xây dựng", "1.009994"),
    Candidate(
        16,
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Đất đai",
        "1.012772",
    ),
    Candidate(17, "Hòa giải tranh chấp đất đai tại cấp xã", "Đất đai", "1.013967"),
    Candidate(18, "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", "1.001731"),
    Candidate(
        19, "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", "1.001776"
    ),
]
NAMES = {c.id: c.name for c in CATALOGUE}


def first(query: str, **kwargs) -> str:
    return NAMES[rank(CATALOGUE, query, **kwargs)[0].ids[0]]


def complete(query: str, **kwargs) -> list[str]:
    return [NAMES[i] for group in rank(CATALOGUE, query, **kwargs) if group.complete for i in group.ids]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("giấy khai sinh", "Đăng ký khai sinh"),
        ("khai sinh cho con", "Đăng ký khai sinh"),
        ("lam giay khai sinh cho con", "Đăng ký khai sinh"),
        ("sinh khai", "Đăng ký khai sinh"),
        ("KHAI SINH", "Đăng ký khai sinh"),
        ("thủ tục đăng ký kết hôn", "Đăng ký kết hôn"),
        ("lấy vợ", "Đăng ký kết hôn"),
        ("giấy xác nhận độc thân", "Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("giấy chứng tử", "Đăng ký khai tử"),
        ("tam tru", "Đăng ký tạm trú"),
        ("công chứng chữ ký", "Chứng thực chữ ký trong các giấy tờ, văn bản"),
        ("xay nha", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
        ("tranh chap dat", "Hòa giải tranh chấp đất đai tại cấp xã"),
        ("mo cua hang", "Đăng ký thành lập hộ kinh doanh"),
        ("con", "Đăng ký nhận cha, mẹ, con"),  # only stop words: they count after all
        ("1.004194", "Đăng ký tạm trú"),
    ],
)
def test_a_citizens_words_find_the_procedure_first(query, found):
    assert first(query) == found


def test_stop_words_neither_prevent_nor_add_a_match():
    # "con" would otherwise put "nhận cha, mẹ, con" beside the birth registration.
    assert complete("khai sinh cho con") == ["Đăng ký khai sinh"]
    assert complete("khai sinh") == ["Đăng ký khai sinh"]


def test_a_synonym_finds_the_catalogues_words_and_the_citizens_own_rank_first():
    # The residence field ("Cư trú") answers for the household book, which the Law on Residence 2020 abolished.
    assert set(complete("sổ hộ khẩu")) == {
        "Đăng ký thường trú",
        "Đăng ký tạm trú",
        "Xác nhận thông tin về cư trú",
    }
    # "tạm trú" is in one name and stands for "cư trú" in the others: the citizen's own words first.
    assert complete("tạm trú")[0] == "Đăng ký tạm trú"
    assert set(complete("công chứng")) == {NAMES[8], NAMES[9], NAMES[10]}


def test_procedures_matching_every_word_come_before_those_matching_some():
    groups = rank(CATALOGUE, "xác nhận cư trú")
    assert [NAMES[i] for i in groups[0].ids] == ["Xác nhận thông tin về cư trú"]
    assert groups[0].complete
    assert all(not g.complete for g in groups[1:])
    later = [NAMES[i] for g in groups[1:] for i in g.ids]
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in later and "Đăng ký tạm trú" in later


def test_results_are_grouped_by_field_the_most_used_first():
    usage = {2: 40, 6: 5, 1: 12, 12: 90, 11: 3}
    groups = rank(CATALOGUE, "", usage=usage)
    assert [g.field for g in groups][:2] == ["Cư trú", "Hộ tịch"]  # 93 dossiers, then 57
    assert [NAMES[i] for i in groups[0].ids] == [
        "Đăng ký tạm trú",
        "Đăng ký thường trú",
        "Xác nhận thông tin về cư trú",
    ]
    assert [NAMES[i] for i in groups[1].ids][:3] == [
        "Đăng ký kết hôn",
        "Đăng ký khai sinh",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
    ]


def test_the_whole_field_is_found_by_its_name():
    groups = rank(CATALOGUE, "ho tich")
    assert groups[0].field == "Hộ tịch" and groups[0].complete
    assert len(groups[0].ids) == 7


def test_nothing_matches_nonsense_nor_a_sentence_of_stop_words():
    assert rank(CATALOGUE, "xyzzy quux") == []
    assert rank(CATALOGUE, "không có thủ tục này") == []


def test_whole_syllables_match_not_their_starts():
    # "hoa" is the start of "hoặc" (in the certification of copies) and "co" of "con" and "cơ quan".
    assert [NAMES[i] for g in rank(CATALOGUE, "hoa giai") for i in g.ids] == [NAMES[17]]


def test_without_partial_matches_only_procedures_with_every_word_are_found():
    assert [NAMES[i] for g in rank(CATALOGUE, "khai sinh", partial=False) for i in g.ids] == [
        "Đăng ký khai sinh"
    ]
    assert "Đăng ký khai tử" in [NAMES[i] for g in rank(CATALOGUE, "khai sinh") for i in g.ids]


def test_the_terms_of_a_query():
    assert [t.words for t in query_terms("Làm thủ tục cấp giấy khai sinh cho con")] == [
        ("cap",),
        ("giay", "khai", "sinh"),
    ]
    assert [t.words for t in query_terms("cho con")] == [("cho",), ("con",)]
    assert query_terms("  ,.; ") == []


# --- Properties ---------------------------------------------------------------------------------------------------

# Words of the catalogue that neither are stop words nor belong to a stop phrase (those depend on their neighbours).
_IN_PHRASES = {w for p in STOP_PHRASES for w in p}
WORDS = sorted({w for c in CATALOGUE for w in tokens(c.name)} - STOP_WORDS - _IN_PHRASES)
queries = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)
usages = st.dictionaries(st.sampled_from([c.id for c in CATALOGUE]), st.integers(0, 500))


def _ids(groups) -> list[int]:
    return [i for g in groups for i in g.ids]


@given(queries, usages)
def test_the_order_of_the_words_does_not_matter(words, usage):
    forward = rank(CATALOGUE, " ".join(words), usage=usage, synonyms={})
    backward = rank(CATALOGUE, " ".join(reversed(words)), usage=usage, synonyms={})
    assert forward == backward


@given(queries, st.lists(st.sampled_from(sorted(STOP_WORDS - _IN_PHRASES)), max_size=4), st.randoms())
def test_stop_words_change_nothing(words, stops, rnd):
    mixed = words + stops
    rnd.shuffle(mixed)
    assert rank(CATALOGUE, " ".join(mixed), synonyms={}) == rank(CATALOGUE, " ".join(words), synonyms={})


@given(st.lists(st.sampled_from([w for c in CATALOGUE for w in c.name.split()]), min_size=1, max_size=4))
def test_accents_and_case_do_not_matter(words):
    query = " ".join(words)
    assert rank(CATALOGUE, query) == rank(CATALOGUE, fold(query)) == rank(CATALOGUE, fold(query).upper())


@given(queries, usages)
def test_each_procedure_once_complete_groups_first_and_every_word_in_them(words, usage):
    groups = rank(CATALOGUE, " ".join(words), usage=usage, synonyms={})
    ids = _ids(groups)
    assert len(ids) == len(set(ids))
    flags = [g.complete for g in groups]
    assert flags == sorted(flags, reverse=True)
    by_id = {c.id: c for c in CATALOGUE}
    for group in groups:
        assert {by_id[i].field for i in group.ids} == {group.field}
        if group.complete:
            for i in group.ids:
                text = tokens(f"{by_id[i].name} {by_id[i].field} {by_id[i].code}")
                assert all(w in text for w in words)


@given(queries)
def test_a_procedure_with_every_word_is_never_left_out(words):
    containing = [c.id for c in CATALOGUE if all(w in tokens(c.name) for w in words)]
    assume(containing)
    groups = rank(CATALOGUE, " ".join(words), synonyms={})
    complete_ids = {i for g in groups if g.complete for i in g.ids}
    assert set(containing) <= complete_ids


@given(usages)
def test_within_a_field_the_more_used_comes_first_when_both_match_alike(usage):
    for group in rank(CATALOGUE, "", usage=usage):
        counts = [usage.get(i, 0) for i in group.ids]
        assert counts == sorted(counts, reverse=True)
