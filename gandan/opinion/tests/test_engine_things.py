"""A thing named by its proper name — a quarry, a farm, a company ("mỏ đá Núi Đanh") — is one matter wherever its
neighbours live: a letter from another village naming it joins its issue at once (the rule that keeps a household's
matter told in the same words in two villages apart does not hold it back), and an issue that is about it is not
gathered into another village matter that never names it, whatever common words they share."""

import datetime as dt

from gandan.opinion.engine import Params, SignalIn
from gandan.opinion.services.textwork import text_facts
from gandan.opinion.tests.test_engine import T0, VN, engine

HOURS = dt.timedelta(hours=5)


def _signal(key: int, text: str, at: dt.datetime, place: str) -> SignalIn:
    facts = text_facts(text)
    return SignalIn(
        key=key,
        terms=facts.terms,
        objects=facts.objects,
        commune="xa-a",
        place=place,
        commune_place="xa-a-itself",
        at=at,
        day=at.astimezone(VN).date(),
    )


NAMED = [
    "Mỏ đá Núi Đanh nổ mìn rất mạnh, nhà chúng tôi bị nứt tường, bụi đá bám đầy mái nhà.",
    "Mỏ đá Núi Đanh nổ mìn và xe chở đá làm bụi mù mịt, nhiều nhà bị nứt tường, trẻ em ho nhiều.",
]
UNNAMED = [text.replace("Mỏ đá Núi Đanh", "Mỏ đá") for text in NAMED]


def test_a_letter_from_another_village_naming_the_same_quarry_joins_its_issue_at_once():
    eng = engine(NAMED * 3)
    first = eng.process(_signal(1, NAMED[0], T0, "thon-1"))
    other_village = eng.process(_signal(2, NAMED[1], T0 + HOURS, "thon-2"))
    assert not other_village.created and other_village.issue is first.issue


def test_the_same_words_without_the_quarrys_name_wait_until_the_matter_is_established():
    # The rule the name lifts: a young issue of one village takes no letter from another.
    eng = engine(UNNAMED * 3)
    first = eng.process(_signal(1, UNNAMED[0], T0, "thon-1"))
    other_village = eng.process(_signal(2, UNNAMED[1], T0 + HOURS, "thon-2"))
    assert other_village.created and other_village.issue is not first.issue


# A village's own matter that shares the quarry letters' common words ("nhà", "tường", "nứt", "bụi") and never
# names the quarry: households' walls built onto the common lane, cracked by their own works (in thôn 1; the quarry's
# letters come from thôn 2).
WALLS = [
    "Nhà ông Sơn xây tường lấn sang lối đi chung, tường nứt, bụi bay vào nhà hàng xóm.",
    "Hộ dân xây tường lấn lối đi chung của xóm, tường mới xây đã nứt, bụi xi măng bay khắp nhà.",
    "Tường xây lấn lối đi chung nứt toác, đất đá và bụi bay vào nhà dân.",
    "Xây tường lấn lối đi chung, nhà bên cạnh bị nứt tường, bụi bay mù mịt.",
]


# What else the commune wrote: the common words of the letters above are rare in it.
ELSE = [
    "Đèn đường thôn 3 hỏng cả tháng nay chưa ai sửa",
    "Đề nghị nạo vét kênh mương trước mùa mưa",
    "Hồ sơ cấp sổ đỏ nộp ba tháng chưa có kết quả",
    "Trạm y tế xã thiếu thuốc cho người cao tuổi",
    "Trường mầm non cần thêm phòng học cho các cháu",
    "Mất điện từ sáng đến chiều không báo trước",
]


def _walls_then_quarry(params: Params, *, walls_known: bool = True):
    eng = engine(WALLS + NAMED + ELSE * 10, params)
    walls = [eng.process(_signal(k, text, T0 + k * HOURS, "thon-1")) for k, text in enumerate(WALLS, start=1)]
    walls[0].issue.things_known = walls_known
    later = T0 + 6 * HOURS
    quarry = [
        eng.process(_signal(10 + k, text, later + k * HOURS, "thon-2"))
        for k, text in enumerate(NAMED + NAMED)
    ]
    return walls[0].issue.resolved(), quarry[-1].issue.resolved()


def test_an_issue_about_a_named_quarry_is_not_gathered_into_a_village_matter_that_never_names_it():
    walls, quarry = _walls_then_quarry(Params())
    assert walls is not quarry
    assert quarry.things == {"nui danh": 4} and walls.n == 4


def test_without_the_rule_the_quarry_would_be_gathered_into_the_walls():
    # The case above is one the grouping would merge (common words, the same days, the walls' issue established).
    walls, quarry = _walls_then_quarry(Params(object_apart=0))
    assert walls is quarry


TRUCKS = [
    "Xe chở vật liệu không che bạt chạy qua thôn làm bụi mù mịt, các hộ ven đường phải đóng cửa.",
    "Xe chở vật liệu chạy suốt ngày, bụi mù mịt, đề nghị bắt xe che bạt.",
]


def _quarry_or_trucks(params: Params):
    eng = engine(NAMED + TRUCKS + ELSE * 10, params)
    quarry = eng.process(_signal(1, NAMED[0], T0, "thon-1"))
    trucks = [
        eng.process(_signal(2 + k, text, T0 + (1 + k) * HOURS, "thon-2")) for k, text in enumerate(TRUCKS)
    ]
    # From thôn 2, about the quarry's blasting and its trucks' dust.
    letter = eng.process(_signal(9, NAMED[1], T0 + 4 * HOURS, "thon-2"))
    return letter.issue, quarry.issue, trucks[-1].issue


def test_a_letter_naming_the_quarry_goes_to_the_quarrys_issue_not_to_its_own_villages_about_the_dust():
    letter, quarry, trucks = _quarry_or_trucks(Params())
    assert letter is quarry and trucks is not quarry


def test_were_names_to_count_for_nothing_the_letter_would_go_to_its_villages_trucks():
    letter, _quarry, trucks = _quarry_or_trucks(Params(object_bonus=0.0))
    assert letter is trucks


def test_an_issue_stored_before_things_were_read_is_not_taken_for_one_that_never_names_them():
    # Loaded from a row without "things": its letters may well name the quarry; nothing keeps it apart.
    walls, quarry = _walls_then_quarry(Params(), walls_known=False)
    assert walls is quarry
