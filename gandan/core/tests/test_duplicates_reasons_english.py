"""A duplicate's reasons in English: a page in English says "Same phone number", not "Cùng số điện thoại", and
what the reason quotes from the letters (a road, a village, a number) is the same in both languages."""

import copy
import json
from pathlib import Path

import pytest

from gandan.core.duplicates import fingerprint, score
from gandan.core.duplicates.evaluation import petition_text
from gandan.core.duplicates.reasons import Reason, in_language
from gandan.core.duplicates.scoring import score_candidates

DATA = Path(__file__).resolve().parent / "data"
# Words of the Vietnamese wordings: none may be left in an English one (quoted names aside, see below).
VIETNAMESE = (
    "Cùng",
    "Khác",
    "Đơn ",
    "Nội dung",
    "thửa",
    "tờ bản đồ",
    "ngày ",
    "tháng",
    "người gửi",
    "văn bản",
    "hộ:",
)


def _reasons_of_set(name: str) -> list[str]:
    """Every reason the check gives on a tuning set, each new letter against every stored one of its commune."""
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    petitions = data["petitions"] if isinstance(data, dict) else data
    stored = [(p["id"], fingerprint(petition_text(p))) for p in petitions if p["role"] == "stored"]
    found = []
    for p in petitions:
        if p["role"] == "new":
            matches = score_candidates(fingerprint(petition_text(p)), stored)
            found += [reason for _sid, match in matches if match.relation for reason in match.reasons]
    return found


@pytest.fixture(scope="module")
def reasons() -> list[str]:
    return _reasons_of_set("petitions_dupes_tuning5.json") + _reasons_of_set("petitions_dupes_tuning6.json")


def test_every_reason_the_check_gives_has_an_english_wording(reasons):
    assert len(reasons) > 300
    plain = sorted({r for r in reasons if not isinstance(r, Reason)})
    assert not plain, plain[:5]
    for reason in set(reasons):
        english = reason.english
        assert english != str(reason) and english[:1].isascii() and english[:1].isupper(), english
        # A label quoted from the letters is in both wordings; the rest of the English one is English.
        left = english
        for word in str(reason).split():
            if len(word) > 2 and word in english and not word[:1].isascii():
                left = left.replace(word, "")
        assert not [w for w in VIETNAMESE if w in left], (str(reason), english)


def test_the_kinds_of_reasons_read_as_a_clerk_would_check_them():
    a = fingerprint(
        petition_text(
            {
                "name": "Nguyễn Thị Hoa",
                "phone": "0912345678",
                "address": "Thôn Đồng Thịnh, xã Sông Lô",
                "subject": "Tranh chấp đất",
                "content": "Tranh chấp ranh giới thửa đất số 57, tờ bản đồ 15 với hộ ông Bình ở thôn Đồng Thịnh.",
            }
        )
    )
    b = fingerprint(
        petition_text(
            {
                "name": "Nguyễn Thị Hoa",
                "phone": "0912345678",
                "address": "Thôn Đồng Thịnh, xã Sông Lô",
                "subject": "Nhắc lại đơn",
                "content": "Tôi đã gửi đơn về tranh chấp thửa đất số 57, tờ bản đồ 15 mà chưa được trả lời.",
            }
        )
    )
    english = [in_language(reason, "en") for reason in score(a, b).reasons]
    vietnamese = [in_language(reason, "vi") for reason in score(a, b).reasons]

    assert "Same phone number" in english and "Cùng số điện thoại" in vietnamese
    assert "Same full name and address" in english
    assert (
        "Same land plot no. 57, map sheet 15" in english and "Cùng thửa đất số 57, tờ bản đồ 15" in vietnamese
    )
    assert in_language("Lý do khác", "en") == "Lý do khác"  # a plain string has no other wording
    assert in_language(Reason("Cùng số điện thoại", "Same phone number"), "en-us") == "Same phone number"


def test_a_reason_keeps_its_english_through_a_copy():
    reason = Reason("Cùng đường ĐT 307", "Both letters name đường ĐT 307")
    copied = copy.deepcopy(reason)
    assert copied == "Cùng đường ĐT 307" and copied.english == "Both letters name đường ĐT 307"
