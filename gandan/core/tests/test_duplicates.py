"""Tests for gandan.core.duplicates: normalisation, blocking keys, scoring, and the written petition set."""

import json
import os
import subprocess
import sys
import unicodedata
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gandan.core.duplicates import (
    ANYONE_THRESHOLD,
    BANDS,
    NUM_PERMUTATIONS,
    ROWS,
    SAME_PERSON_THRESHOLD,
    Fingerprint,
    Match,
    PetitionText,
    address_places,
    blocking_keys,
    content_shingles,
    content_words,
    find_duplicates,
    fingerprint,
    is_duplicate,
    minhash_signature,
    name_tokens,
    normalize_citizen_id,
    normalize_phone,
    score,
)
from gandan.core.duplicates.blocking import MAX_HOUSEHOLD_KEYS, MAX_MATTER_KEYS, MAX_NAMED_KEYS

DATA = Path(__file__).resolve().parent / "data"
PETITIONS = DATA / "petitions_dupes.json"

BODY = """Gia đình tôi đang sử dụng thửa đất số 245, tờ bản đồ số 12 tại thôn Đồng Thịnh.
Tháng 8 vừa qua, hộ ông Lê Văn Tâm ở liền kề đã xây tường gạch lấn sang đất nhà tôi khoảng 0,8 m, dài gần 20 m.
Trưởng thôn đã hòa giải một lần nhưng không thành.
Tôi đề nghị xã cử cán bộ địa chính xuống đo đạc lại ranh giới và buộc hộ ông Tâm dỡ phần tường xây lấn."""

OTHER_MATTER = """Mương thủy lợi xứ đồng Cửa Đình là mương dẫn nước chính cho khoảng 6 ha lúa của các hộ xóm 2.
Từ đầu vụ xuân, một đoạn mương dài chừng 50 m đã bị đổ phế thải xây dựng lấp gần hết, nước không chảy được.
Đề nghị xã chỉ đạo hợp tác xã nạo vét lại đoạn mương và xử lý người đổ phế thải."""

HUNG = PetitionText(
    citizen_id="026065123456",
    phone="0912345678",
    name="Nguyễn Văn Hùng",
    address="Thôn Đồng Thịnh, xã Sông Lô, tỉnh Phú Thọ",
    content="Kính gửi: Ủy ban nhân dân xã Sông Lô\nTôi tên là Nguyễn Văn Hùng, sinh năm 1965.\n"
    + BODY
    + "\nXin trân trọng cảm ơn!\nNgười làm đơn\nNguyễn Văn Hùng",
)


def strip_diacritics(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", plain).replace("đ", "d").replace("Đ", "D")


# --------------------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(+84) 912-345-678", "0912345678"),
        ("0084 912 345 678", "0912345678"),
        ("+84 0912 345 678", "0912345678"),  # country code and trunk 0 both typed
        ("912 345 678", "0912345678"),
        ("01688 123 456", "0388123456"),  # old 11-digit Viettel prefix renumbered in 2018
        ("0123 456 789", ""),  # an old 012x prefix without its 11th digit is not a number
        ("0211 3862 123", ""),  # Phú Thọ landline: shared by a household or an office
        ("0412345678", ""),
        ("12345", ""),
        ("", ""),
    ],
)
def test_it_normalises_phone_numbers(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("026065123456", "026065123456"),
        ("026 065 123 456", "026065123456"),
        ("026.065.123.456", "026065123456"),
        ("02606512345", ""),
        ("000000000000", ""),
        ("", ""),
    ],
)
def test_it_normalises_citizen_ids(raw, expected):
    assert normalize_citizen_id(raw) == expected


@pytest.mark.parametrize(
    "name",
    ["Nguyễn Văn Hùng", "NGUYỄN VĂN HÙNG", "Nguyen Van Hung", "Ông Nguyễn Văn Hùng", "nguyễn  văn hùng"],
)
def test_it_folds_names_and_drops_titles(name):
    assert name_tokens(name) == ("nguyen", "van", "hung")


def test_a_title_is_kept_when_it_is_all_there_is():
    assert name_tokens("bà Lan") == ("ba", "lan")


@pytest.mark.parametrize(
    ("name", "expected"), [("Chu Văn An", ("chu", "van", "an")), ("Cù Huy Cận", ("cu", "huy", "can"))]
)
def test_surnames_spelled_like_titles_are_kept(name, expected):
    assert name_tokens(name) == expected


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("Thôn Đồng Thịnh, xã Sông Lô, tỉnh Phú Thọ", ("dong thinh", "song lo")),
        ("thon Dong Thinh xa Song Lo tinh Phu Tho", ("dong thinh", "song lo")),
        ("Đồng Thịnh - Sông Lô - Phú Thọ", ("dong thinh", "song lo")),
        ("Xóm 2, thôn Đồng Thịnh, xã Sông Lô", ("dong thinh", "song lo")),
        ("Số 12, thôn Cao Phong, xã Tam Sơn", ("cao phong", "tam son")),
        ("thôn Đồng Thịnh, xã Đồng Thịnh (cũ), huyện Sông Lô, tỉnh Vĩnh Phúc", ("dong thinh",)),
        ("Thôn 3, xã Tam Sơn", ("3", "tam son")),
        ("khu 3, xã Hải Lựu, Phú Thọ", ("3", "hai luu")),
        ("xóm Chùa, xã Tam Sơn", ("chua", "tam son")),  # a group stands in for a missing village
        ("Lãng Sơn, Yên Lãng, Phú Thọ", ("lang son", "yen lang")),  # the village, not the province Lạng Sơn
        ("thôn Đồng Mồ, xã Phương Khoan, huyện Sông Lô", ("dong mo", "phuong khoan")),  # not "phường"
        ("thon Dong Mo, xa Phuong Khoan", ("dong mo", "phuong khoan")),
        ("Số 12/3, thôn Cao Phong, xã Tam Sơn", ("cao phong", "tam son")),
        ("thôn Lãng Sơn, xã Yên Lãng", ("lang son", "yen lang")),
        ("Phú Thọ", ()),
        ("", ()),
    ],
)
def test_it_reduces_addresses_to_places(address, expected):
    assert address_places(address) == expected


def test_the_old_and_the_new_address_of_a_village_agree_on_the_village():
    old = fingerprint(PetitionText(address="thôn Gò Gạo, xã Đôn Nhân, huyện Sông Lô, tỉnh Vĩnh Phúc"))
    new = fingerprint(PetitionText(address="Thôn Gò Gạo - xã Hải Lựu - tỉnh Phú Thọ"))
    assert old.places[0] == new.places[0] == "go gao"


def test_address_tokens_drop_administrative_words_and_the_province():
    fp = fingerprint(PetitionText(address="Thôn Đồng Thịnh, xã Sông Lô, tỉnh Phú Thọ"))
    assert fp.address == ("dong", "thinh", "song", "lo")


def test_a_forwarding_body_is_not_a_person():
    fp = fingerprint(
        PetitionText(phone="0968000001", name="Ủy ban MTTQ Việt Nam xã Sông Lô", address="xã Sông Lô")
    )
    assert fp.organisation
    assert fp.name == () and fp.places == ()
    assert not any(key.startswith(("p:", "n:")) for key in blocking_keys(fp))


@pytest.mark.parametrize(
    "name", ["Báo Phú Thọ - Ban Bạn đọc", "Ban Tiếp công dân tỉnh Phú Thọ", "UBND xã Tam Sơn"]
)
def test_it_recognises_forwarding_bodies(name):
    assert fingerprint(PetitionText(name=name)).organisation


@pytest.mark.parametrize("name", ["Lê Văn Bảo", "Bao Van Thanh", "Văn Thị Hoa", "Đoàn Văn Hậu"])
def test_people_named_like_bodies_are_people(name):
    assert not fingerprint(PetitionText(name=name)).organisation


# --------------------------------------------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------------------------------------------


def test_the_letter_frame_does_not_count_as_content():
    formal = HUNG.content
    portal = (
        "Chào các anh chị cán bộ xã. Tôi là Nguyễn Văn Hùng, thôn Đồng Thịnh, sđt 0912345678.\n"
        + BODY
        + "\nXin cảm ơn."
    )
    sender = name_tokens(HUNG.name)
    assert (
        content_shingles(formal, sender=sender)
        == content_shingles(BODY)
        == content_shingles(portal, sender=sender)
    )


def test_a_letter_that_is_only_salutations_has_no_content():
    text = (
        "Kính gửi: Chủ tịch UBND xã Sông Lô\nTôi tên là Trần Thị Lan.\nXin chân thành cảm ơn!\nNgười làm đơn"
    )
    assert content_shingles(text) == frozenset()
    assert content_words(text) == frozenset()


def test_a_self_introduction_is_dropped_but_a_sentence_about_someone_else_is_kept():
    shingles = content_shingles(
        "Tôi là Đỗ Thị Nhung, sinh năm 1986. Tôi là hàng xóm của cụ Xuân ở thôn Suối Cát."
    )
    assert "hang xom cua" in shingles
    assert not any("nhung" in shingle for shingle in shingles)


def test_abbreviations_give_the_same_shingles_as_the_full_words():
    full = "Ủy ban nhân dân xã không cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi"
    short = "UBND xã ko cấp GCNQSDĐ cho gđ tôi"
    assert content_shingles(full) == content_shingles(short)


def test_reordered_sentences_keep_their_shingles():
    lines = BODY.split("\n")
    assert content_shingles("\n".join([lines[2], lines[0], lines[1], lines[3]])) == content_shingles(BODY)


def test_the_minhash_signature_is_deterministic_and_empty_without_content():
    shingles = content_shingles(BODY)
    assert len(minhash_signature(shingles)) == NUM_PERMUTATIONS
    assert minhash_signature(shingles) == minhash_signature(sorted(shingles, reverse=True))
    assert minhash_signature([]) == ()


def test_blocking_keys_are_the_same_in_another_process():
    """Python's hash() is salted per process; stored keys must not depend on it."""
    code = (
        "import json; from gandan.core.duplicates import PetitionText, fingerprint, blocking_keys;"
        f"print(json.dumps(sorted(blocking_keys(fingerprint(PetitionText(**{asdict(HUNG)!r}))))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).resolve().parents[3],
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {json.dumps(sorted(blocking_keys(fingerprint(HUNG)))) + "\n"}


# --------------------------------------------------------------------------------------------------------------
# Blocking keys
# --------------------------------------------------------------------------------------------------------------


def test_keys_are_few_short_and_tagged():
    keys = blocking_keys(fingerprint(HUNG))
    # Identity, bands, and what the letter is about: the plot 245/12 and the neighbour it names (Lê Văn Tâm, whose
    # own letters are stored under his name key).
    assert len(keys) <= 3 + BANDS + MAX_HOUSEHOLD_KEYS + MAX_NAMED_KEYS + MAX_MATTER_KEYS
    assert all(len(key) <= 40 for key in keys)
    assert {key.split(":")[0] for key in keys} == {"c", "p", "n", "m"} | {f"b{i}" for i in range(BANDS)}


def test_the_same_person_written_differently_shares_the_identity_keys():
    again = PetitionText(
        citizen_id="026 065 123 456",
        phone="+84 912 345 678",
        name="NGUYEN VAN HUNG",
        address="Xóm 2, thôn Đồng Thịnh, xã Đồng Thịnh (cũ), huyện Sông Lô",
        content="Tôi gửi lại đơn về việc khác.",
    )
    shared = blocking_keys(fingerprint(HUNG)) & blocking_keys(fingerprint(again))
    assert {key.split(":")[0] for key in shared} == {"c", "p", "n"}


def test_identical_content_from_another_sender_shares_every_band_key():
    forwarded = PetitionText(
        name="Báo Phú Thọ - Ban Bạn đọc", phone="0913556677", content="Báo Phú Thọ chuyển đơn.\n" + BODY
    )
    shared = blocking_keys(fingerprint(HUNG)) & blocking_keys(fingerprint(forwarded))
    assert {key for key in blocking_keys(fingerprint(HUNG)) if key.startswith("b")} <= shared
    assert len({key for key in shared if key.startswith("b")}) == BANDS


def test_namesakes_in_two_villages_do_not_share_a_name_key():
    other = PetitionText(name="Nguyễn Văn Hùng", address="thôn Cao Phong, xã Tam Sơn")
    assert not blocking_keys(fingerprint(HUNG)) & blocking_keys(fingerprint(other))


def test_the_citizen_id_cannot_be_read_from_any_key():
    keys = blocking_keys(fingerprint(HUNG))
    text = " ".join(keys)
    assert HUNG.citizen_id not in text
    assert HUNG.citizen_id[-6:] not in text and HUNG.phone[-6:] not in text
    assert all(key.split(":", 1)[1].isalnum() and key.split(":", 1)[1].islower() for key in keys)


def test_the_secret_changes_every_key():
    plain = blocking_keys(fingerprint(HUNG))
    peppered = blocking_keys(fingerprint(HUNG), secret=b"pepper kept outside the database")
    assert len(peppered) == len(plain) and not plain & peppered


def test_the_lsh_s_curve_matches_the_documented_choice():
    def found(s: float) -> float:
        return 1 - (1 - s**ROWS) ** BANDS

    assert found(0.5) > 0.9 and found(0.6) > 0.99
    assert found(0.1) < 0.025 and found(0.05) < 0.003


# --------------------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------------------


def test_a_copy_sent_again_scores_as_the_same_person_with_near_identical_content():
    again = replace(
        HUNG, phone="+84 912 345 678", name="NGUYỄN VĂN HÙNG", content=strip_diacritics(HUNG.content)
    )
    match = score(fingerprint(HUNG), fingerprint(again))
    assert match.same_person and is_duplicate(match)
    assert match.reasons == (
        "Cùng số căn cước",
        "Cùng số điện thoại",
        "Cùng họ tên và địa chỉ",
        "Cùng thửa đất số 245, tờ bản đồ 12",
        "Cùng nêu tên Lê Văn Tâm",
        "Nội dung gần trùng (100%)",
    )
    assert match.relation == "same_petition"
    assert match.content_similarity == 1.0 and match.score == 1.0


def test_the_same_person_on_another_matter_is_not_a_duplicate():
    match = score(fingerprint(HUNG), fingerprint(replace(HUNG, content=OTHER_MATTER)))
    assert match.same_person
    assert match.vocabulary_similarity < SAME_PERSON_THRESHOLD
    assert not is_duplicate(match)
    assert match.reasons[-1].startswith("Nội dung khác nhau")


def test_the_same_person_rewording_the_same_matter_is_a_duplicate():
    reworded = """Ngày 20/9 tôi đã gửi đơn về việc hộ ông Lê Văn Tâm xây tường lấn đất nhà tôi nhưng chưa được trả lời.
Phần tường ông Tâm xây lấn sang thửa đất số 245 của gia đình tôi dài khoảng 20 m, chỗ rộng nhất gần 1 m.
Việc hòa giải ở thôn đã không thành.
Tôi đề nghị xã khẩn trương cử cán bộ địa chính xuống đo đạc và buộc ông Tâm tháo dỡ công trình xây lấn."""
    match = score(fingerprint(HUNG), fingerprint(replace(HUNG, citizen_id="", content=reworded)))
    assert match.reasons[:2] == ("Cùng số điện thoại", "Cùng họ tên và địa chỉ")
    assert match.content_similarity < ANYONE_THRESHOLD
    assert is_duplicate(match)


def test_a_forwarded_letter_is_a_duplicate_of_the_original_whoever_forwards_it():
    cover = (
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã Sông Lô nhận được đơn của ông Nguyễn Văn Hùng, thôn Đồng Thịnh.\n"
        "Ban Thường trực chuyển đơn đến Ủy ban nhân dân xã để xem xét, giải quyết theo thẩm quyền.\n"
    )
    forwarded = PetitionText(
        name="Ủy ban MTTQ Việt Nam xã Sông Lô", phone="0968000001", content=cover + HUNG.content
    )
    match = score(fingerprint(HUNG), fingerprint(forwarded))
    assert is_duplicate(match)
    # The Front's cover names the citizen whose letter it forwards: that is the identity evidence, not the body's own
    # name or phone.
    assert match.same_person
    assert match.reasons[0] == "Văn bản chuyển đơn nêu tên người gửi đơn kia"
    assert "Cùng số điện thoại" not in match.reasons
    assert match.reasons[-1].startswith("Nội dung gần trùng (")
    uncited = replace(
        forwarded, content=cover.replace("của ông Nguyễn Văn Hùng", "của một công dân") + HUNG.content
    )
    match = score(fingerprint(HUNG), fingerprint(uncited))
    assert is_duplicate(match) and not match.same_person


def test_a_neighbour_with_a_similar_land_complaint_is_not_a_duplicate():
    neighbour = PetitionText(
        phone="0977111222",
        name="Bùi Thị Nga",
        address="thôn Đồng Thịnh, xã Sông Lô",
        content="""Gia đình tôi đang sử dụng thửa đất số 61, tờ bản đồ số 12 tại thôn Đồng Thịnh.
Khi làm lại chuồng trâu, hộ ông Phạm Văn Sáu ở liền kề đã xây tường lấn sang đất nhà tôi khoảng 0,6 m, dài 9 m.
Trưởng thôn đã hòa giải nhưng không thành.
Tôi đề nghị xã cử cán bộ địa chính xuống đo đạc lại ranh giới và buộc hộ ông Sáu dỡ phần tường xây lấn.""",
    )
    match = score(fingerprint(HUNG), fingerprint(neighbour))
    assert not match.same_person and match.person_evidence == 0
    assert not is_duplicate(match)


def test_namesakes_in_two_villages_are_not_the_same_person():
    other = PetitionText(name="Nguyễn Văn Hùng", address="thôn Cao Phong, xã Tam Sơn", content=BODY)
    match = score(fingerprint(replace(HUNG, citizen_id="", phone="")), fingerprint(other))
    assert not match.same_person and match.person_evidence == 0


def test_different_citizen_ids_rule_out_the_same_person():
    relative = replace(HUNG, citizen_id="026190654321", name="Nguyễn Thị Hoa")
    match = score(fingerprint(HUNG), fingerprint(relative))
    assert not match.same_person
    assert "Khác số căn cước" in match.reasons and "Cùng số điện thoại" in match.reasons


def test_an_abbreviated_middle_name_in_the_same_village_is_the_same_person():
    short = PetitionText(name="Nguyễn V. Hùng", address="Đồng Thịnh, Sông Lô", content=BODY)
    match = score(fingerprint(replace(HUNG, citizen_id="", phone="")), fingerprint(short))
    assert match.same_person and "Cùng họ tên và địa chỉ" in match.reasons


def test_a_missing_village_makes_the_identity_only_likely():
    vague = PetitionText(name="Nguyễn Văn Hùng", address="xã Sông Lô, Phú Thọ", content=OTHER_MATTER)
    match = score(fingerprint(replace(HUNG, citizen_id="", phone="")), fingerprint(vague))
    assert match.person_evidence == 0.5 and not match.same_person
    assert "Cùng họ tên, địa chỉ gần trùng" in match.reasons
    assert not is_duplicate(match)


def test_empty_petitions_are_never_duplicates():
    match = score(Fingerprint(), Fingerprint())
    assert match == Match(0.0, False, 0.0, ("Nội dung khác nhau (0% từ ngữ chung)",))
    assert not is_duplicate(match)


def test_find_duplicates_returns_only_duplicates_best_first():
    new = fingerprint(HUNG)
    candidates = [
        ("other-matter", fingerprint(replace(HUNG, content=OTHER_MATTER))),
        ("copy", fingerprint(replace(HUNG, content=strip_diacritics(HUNG.content)))),
        ("forwarded", fingerprint(PetitionText(name="Báo Phú Thọ", content="Báo chuyển đơn.\n" + BODY))),
        (
            "stranger",
            fingerprint(PetitionText(name="Lê Văn Sơn", address="thôn Lũng Hạ", content=OTHER_MATTER)),
        ),
    ]
    found = find_duplicates(new, candidates)
    assert [key for key, _ in found] == ["copy", "forwarded"]
    assert found[0][1].score >= found[1][1].score
    assert [key for key, _ in find_duplicates(new, candidates, limit=1)] == ["copy"]
    weak = find_duplicates(new, candidates, include_weak=True)
    assert [key for key, _ in weak] == ["copy", "forwarded", "other-matter"]


# --------------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------------

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Bùi", "Đặng", "Vũ", "Ngô"]
MIDDLES = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Đức"]
GIVEN = ["Hùng", "Lan", "Tâm", "Sơn", "Thủy", "Nga", "Đạt", "Hương", "Tuấn", "Phúc"]
VILLAGES = ["Đồng Thịnh", "Bến Đò", "Cao Phong", "Gò Chè", "Khe Lau", "Núi Sỏi", "Trường Xuân", "Lãng Sơn"]
COMMUNES = ["Sông Lô", "Tam Sơn", "Hải Lựu", "Yên Lãng"]
VOCABULARY = [
    "đất", "ruộng", "tường", "lấn", "chiếm", "mương", "nước", "thải", "lò", "gạch", "khói", "bụi", "cát",
    "sông", "đường", "bê", "tông", "nứt", "vỡ", "trợ", "cấp", "khuyết", "tật", "nghèo", "karaoke", "ồn",
    "trâu", "bò", "lúa", "ngô", "keo", "rừng", "mốc", "giới", "thửa", "bản", "đồ", "bồi", "thường", "giải",
    "phóng", "mặt", "bằng", "trưởng", "hòa", "giải", "tiền", "đóng", "góp", "lợn", "trại", "mùi", "hôi",
    "đêm", "bão", "mái", "nhà", "cây", "đổ", "điện", "đèn", "cống", "ngập", "chợ", "trường", "học", "cầu",
    "đò", "phao", "sạt", "lở", "kè", "đê", "giếng", "sổ", "đỏ", "hồ", "sơ", "chứng", "nhận", "245", "12",
    "500.000", "20", "0,8",
]  # fmt: skip

sentences = st.lists(st.sampled_from(VOCABULARY), min_size=4, max_size=14).map(" ".join)
contents = st.lists(sentences, min_size=1, max_size=6).map(".\n".join)
names = st.tuples(st.sampled_from(SURNAMES), st.sampled_from(MIDDLES), st.sampled_from(GIVEN)).map(" ".join)
addresses = st.tuples(st.sampled_from(VILLAGES), st.sampled_from(COMMUNES)).map(
    lambda vc: f"thôn {vc[0]}, xã {vc[1]}"
)
phones = st.one_of(st.just(""), st.from_regex(r"09[0-9]{8}", fullmatch=True))
ids = st.one_of(st.just(""), st.from_regex(r"026[01][0-9]{8}", fullmatch=True))
petitions = st.builds(
    PetitionText, citizen_id=ids, phone=phones, name=names, address=addresses, content=contents
)


@st.composite
def petition_pairs(draw: st.DrawFn) -> tuple[PetitionText, PetitionText]:
    """Two petitions that often share the person, a sentence or the whole content."""
    a = draw(petitions)
    b = draw(petitions)
    if draw(st.booleans()):
        b = replace(b, citizen_id=a.citizen_id, phone=a.phone, name=a.name, address=a.address)
    if draw(st.booleans()):
        b = replace(b, content=a.content.split("\n")[0] + "\n" + b.content)
    return a, b


@settings(max_examples=150, deadline=None)
@given(petition_pairs())
def test_score_is_symmetric_and_bounded(pair):
    a, b = (fingerprint(p) for p in pair)
    match = score(a, b)
    assert match == score(b, a)
    assert 0.0 <= match.score <= 1.0
    assert 0.0 <= match.content_similarity <= 1.0 and 0.0 <= match.vocabulary_similarity <= 1.0
    assert is_duplicate(match) == is_duplicate(score(b, a))


@settings(max_examples=150, deadline=None)
@given(petitions, st.sampled_from(["strip", "upper", "both"]))
def test_a_copy_typed_without_diacritics_or_in_capitals_is_a_duplicate(petition, how):
    """Holds for any petition with content words; one made only of function words ("giải giải cầu") names no
    matter and, like an empty one, is never a duplicate (see test_empty_petitions_are_never_duplicates)."""
    assume(fingerprint(petition).words)

    def retype(text: str) -> str:
        text = strip_diacritics(text) if how in ("strip", "both") else text
        return text.upper() if how in ("upper", "both") else text

    copy = PetitionText(
        citizen_id=petition.citizen_id,
        phone=petition.phone,
        name=retype(petition.name),
        address=retype(petition.address),
        content=retype(petition.content),
    )
    match = score(fingerprint(petition), fingerprint(copy))
    assert match.same_person
    assert is_duplicate(match)

    def identity_and_bands(p: PetitionText) -> set[str]:
        # Keys of what a letter is about may differ: names of roads and farms are read from their capitals.
        return {key for key in blocking_keys(fingerprint(p)) if not key.startswith("m:")}

    assert identity_and_bands(petition) == identity_and_bands(copy)
