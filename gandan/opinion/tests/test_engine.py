"""The opinion engine on its own (gandan/opinion/engine): grouping as signals arrive, topics, bursts and signs."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from gandan.core.vnnlp import terms
from gandan.core.vnnlp.pipeline import people_about
from gandan.core.vntext import fold, tokens
from gandan.opinion.engine import Engine, IssueState, Params, SignalIn
from gandan.opinion.engine.bursts import by_age, count_between, poisson_tail
from gandan.opinion.engine.grouping import TermWeights, named_places
from gandan.opinion.engine.topics import TopicModel
from gandan.opinion.taxonomy import SEED
from gandan.opinion.tests.engine_cases import (
    COMPENSATION,
    CONCRETE_DUST,
    CULVERT,
    GROUPS,
    OTHER_COMMUNE_DUST,
    PIG_FARM,
    SINGLES,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = dt.datetime(2026, 9, 1, 8, tzinfo=VN)
KEYWORDS = {code: [k for k in keywords.splitlines() if k] for code, _n, _e, keywords in SEED}


def engine(texts=(), params: Params | None = None) -> Engine:
    """An engine whose term weights know `texts` (as if they were the corpus seen so far)."""
    weights = TermWeights({}, 0)
    for text in texts:
        weights.add(set(terms(text)))
    topics = TopicModel(KEYWORDS, {}, terms_of=terms, fallback="other")
    return Engine(weights=weights, topics=topics, params=params)


#: The villages the cases name (their places are their names), as the adapter knows a commune's villages.
VILLAGES = {village for cases in GROUPS for _g, village, _t in cases}


def signal(key, text, at, *, commune="xa-a", place="thon-1", people=1, fixed_topic=None) -> SignalIn:
    return SignalIn(
        key=key,
        terms=frozenset(terms(text)),
        commune=commune,
        place=place,
        at=at,
        day=at.astimezone(VN).date(),
        people=people,
        fixed_topic=fixed_topic,
        named=named_places(tokens(text), [(fold(v), v) for v in VILLAGES]),
        about=people_about(text),
    )


def interleaved():
    """The cases' signals as they would arrive: the matters mixed, three hours apart."""
    rows = [(group, village, text, "xa-a") for cases in GROUPS for group, village, text in cases]
    rows += [(group, village, text, "xa-b") for group, village, text in OTHER_COMMUNE_DUST]
    rows += [(group, village, text, "xa-a") for group, village, text in SINGLES]
    # A fixed shuffle: round-robin over the groups, so each matter's signals are spread over the others.
    by_group: dict[str, list] = {}
    for row in rows:
        by_group.setdefault(row[0], []).append(row)
    out = []
    for layer in itertools.zip_longest(*by_group.values()):
        out.extend(row for row in layer if row)
    return out


def pairwise_f1(labels: list[str], predicted: list[int]) -> float:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(labels)), 2):
        same, together = labels[i] == labels[j], predicted[i] == predicted[j]
        tp += same and together
        fp += together and not same
        fn += same and not together
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return 2 * precision * recall / (precision + recall)


def test_each_matter_told_in_different_words_gathers_into_one_issue():
    rows = interleaved()
    e = engine(text for _g, _v, text, _c in rows)
    states = []
    for i, (_group, village, text, commune) in enumerate(rows):
        outcome = e.process(signal(i, text, T0 + dt.timedelta(hours=3 * i), commune=commune, place=village))
        states.append(outcome.issue)
    # Where a signal ends up: an issue gathered into another later hands its signals to the survivor.
    issues = [state.resolved().key for state in states]
    assert pairwise_f1([g for g, *_ in rows], issues) >= 0.8
    # Each matter has one issue holding most of it.
    for cases in GROUPS:
        group = cases[0][0]
        keys = [issues[i] for i, row in enumerate(rows) if row[0] == group]
        assert max(keys.count(k) for k in keys) >= 0.66 * len(keys), group


def test_the_same_kind_of_matter_in_another_commune_is_never_the_same_issue():
    e = engine([t for _g, _v, t in CONCRETE_DUST + OTHER_COMMUNE_DUST])
    here = {
        e.process(signal(i, t, T0 + dt.timedelta(hours=i))).issue.key
        for i, (_g, _v, t) in enumerate(CONCRETE_DUST)
    }
    there = {
        e.process(signal(100 + i, t, T0 + dt.timedelta(days=1, hours=i), commune="xa-b")).issue.key
        for i, (_g, _v, t) in enumerate(CONCRETE_DUST)
    }
    assert not here & there


def test_a_quiet_matter_that_suddenly_draws_many_signals_raises_an_alert_at_the_signal_that_tipped_it():
    texts = [t for _g, _v, t in CULVERT]
    e = engine(texts * 3)
    outcomes = [e.process(signal(i, texts[i % len(texts)], T0 + dt.timedelta(hours=2 * i))) for i in range(8)]
    raised = [(i, o) for i, o in enumerate(outcomes) if o.raised]
    assert raised, "eight signals on one culvert in sixteen hours must alert"
    first, outcome = raised[0]
    assert outcome.issue.alert_raised_at == T0 + dt.timedelta(hours=2 * first)
    assert first >= Params().min_recent - 1  # not on the first signals: a handful is needed
    assert outcome.raised.reasons[0]["code"] == "burst"


def test_a_steady_theme_at_its_usual_level_never_alerts_however_long_it_runs():
    texts = [t for _g, _v, t in PIG_FARM]
    e = engine(texts * 4)
    raised = []
    at = T0
    for week in range(10):
        for k in range(3 + week % 2):  # three or four a week, for ten weeks
            at = T0 + dt.timedelta(days=7 * week + 2 * k, hours=k)
            outcome = e.process(signal(f"{week}-{k}", texts[(week + k) % len(texts)], at))
            raised += [outcome] if outcome.raised else []
    assert len({o.issue.key for o in [e.process(signal("last", texts[0], at))]}) == 1
    assert raised == []


def test_a_slow_rise_week_after_week_alerts():
    # One matter told the same way (grouping is tested above; here the rise is what is tested).
    text = COMPENSATION[0][2]
    e = engine([text] + [t for _g, _v, t in CULVERT + PIG_FARM])
    raised_week = None
    key = 0
    for week, count in enumerate([1, 1, 2, 3, 5, 8]):
        for k in range(count):
            key += 1
            outcome = e.process(signal(key, text, T0 + dt.timedelta(days=7 * week + k % 7, hours=k)))
            if outcome.raised and raised_week is None:
                raised_week = week
    assert raised_week is not None and raised_week <= 5


def test_a_crowd_petition_is_a_warning_at_once():
    e = engine([t for _g, _v, t in CULVERT])
    outcome = e.process(signal(1, CULVERT[0][2], T0, people=23))
    assert outcome.raised is not None and outcome.raised.level >= 2
    assert {"code": "crowd", "people": 23} in outcome.raised.reasons


def test_a_dismissed_issue_takes_new_signals_but_never_alerts():
    text = CULVERT[0][2]
    e = engine([text, PIG_FARM[0][2]])
    first = e.process(signal(0, text, T0)).issue
    first.status = "dismissed"
    outcomes = [e.process(signal(i, text, T0 + dt.timedelta(hours=i))) for i in range(1, 10)]
    assert {o.issue.key for o in outcomes} == {first.key}
    assert not any(o.raised for o in outcomes)


def test_a_signal_quiet_for_longer_than_the_active_window_opens_a_new_issue():
    e = engine([t for _g, _v, t in CULVERT])
    old = e.process(signal(0, CULVERT[0][2], T0)).issue.key
    later = e.process(signal(1, CULVERT[1][2], T0 + dt.timedelta(days=Params().active_days + 5))).issue.key
    assert later != old


def test_an_older_signal_imported_late_never_joins_an_issue_that_began_after_it():
    """A file of last month's letters imported after this week's were processed: each is taken as it arrived then,
    when this week's issue did not exist yet (its alert times must stay the times of its own signals)."""
    e = engine([t for _g, _v, t in CULVERT])
    recent = e.process(signal(0, CULVERT[0][2], T0 + dt.timedelta(days=20))).issue
    same_day = e.process(signal(1, CULVERT[1][2], T0 + dt.timedelta(days=20, hours=2))).issue
    assert same_day.key == recent.key  # the two agree: the refusal below is about time only
    older = e.process(signal(2, CULVERT[3][2], T0)).issue
    assert older.key != recent.key
    assert recent.first_seen == T0 + dt.timedelta(days=20)


def test_topics_come_from_the_keywords_with_or_without_diacritics():
    e = engine()
    assert e.process(signal(1, "Xin hỏi thủ tục cấp sổ đỏ mất bao lâu", T0)).topic == "land"
    assert e.process(signal(2, "xin hoi thu tuc cap so do mat bao lau", T0)).topic == "land"
    assert e.process(signal(3, "Trạm bơm thôn 3 hỏng, ruộng lúa thiếu nước tưới", T0)).topic == "irrigation"
    assert e.process(signal(4, "Cảm ơn", T0)).topic == "other"


def test_an_officials_topic_for_an_issue_is_kept_for_its_later_signals():
    texts = [t for _g, _v, t in CULVERT]
    e = engine(texts)
    issue = e.process(signal(0, texts[0], T0)).issue
    issue.topic, issue.topic_fixed = "utilities", True
    later = e.process(signal(1, texts[1], T0 + dt.timedelta(hours=1)))
    assert later.issue is issue and later.topic == "utilities" and issue.topic == "utilities"


def test_learned_terms_tip_a_signal_the_keywords_cannot_place():
    model = TopicModel(KEYWORDS, {}, terms_of=terms, fallback="other")
    text = "Chó thả rông cắn người ở xóm Trại"
    assert model.classify(set(terms(text))) == "other"
    model.learn("security", terms("chó thả rông cắn người"))
    assert model.classify(set(terms(text))) == "security"


def test_the_engine_forgets_quiet_issues_it_has_saved():
    e = engine([t for _g, _v, t in CULVERT])
    state = e.process(signal(0, CULVERT[0][2], T0)).issue
    state.dirty = False
    assert e.evict(T0 + dt.timedelta(days=1)) == [state]
    assert e.issues == {}


@given(st.integers(min_value=0, max_value=60), st.floats(min_value=0.0, max_value=40.0))
def test_the_poisson_tail_is_a_probability_that_falls_as_more_is_observed(observed, expected):
    p = poisson_tail(observed, expected)
    assert 0.0 <= p <= 1.0
    assert poisson_tail(observed + 1, expected) <= p + 1e-12


def test_issue_state_keeps_its_memory_small():
    issue = IssueState(key=1, commune="c", first_seen=T0, last_seen=T0)
    for i in range(2000):
        issue.add_terms({f"term{i}", "common"}, limit=80)
    assert len(issue.term_counts) <= 6 * 80
    assert issue.term_counts["common"] == 2000


def test_a_topic_rising_in_a_commune_through_many_matters_raises_a_theme_alert():
    e = engine()
    # A quiet month: one land question a week.
    for week in range(4):
        e.process(
            signal(f"q{week}", f"Hỏi về thủ tục cấp sổ đỏ lần {week}", T0 + dt.timedelta(days=7 * week))
        )
    day = T0 + dt.timedelta(days=30)
    plots = ["tranh chấp đất thửa 12 xứ đồng Cửa Ngòi", "ranh giới đất nhà ông Ba", "đất công bị lấn chiếm ở bãi sông",
             "bồi thường đất làm đường tỉnh", "sổ đỏ cấp sai diện tích", "tranh chấp đất lối đi chung xóm Trại",
             "đo đạc địa chính sai mốc giới", "thu hồi đất ao làng", "đất ở bị cấp trùng sổ",
             "đền bù đất trồng keo đồi Cao", "lấn chiếm đất hành lang kênh", "cấp sổ đỏ chậm cho đất ở xóm Đình"]  # fmt: skip
    outcomes = [
        e.process(signal(f"l{i}", f"Khiếu nại về {plot}", day + dt.timedelta(hours=4 * i), place=f"thon-{i}"))
        for i, plot in enumerate(plots)
    ]
    raised = [o.theme_raised for o in outcomes if o.theme_raised]
    assert raised and raised[0].reasons[0]["code"] == "burst"
    assert len({o.issue.key for o in outcomes}) >= 5  # many matters, not one issue


def test_one_matter_rising_is_the_issues_alert_not_its_topics():
    texts = [t for _g, _v, t in CULVERT]
    e = engine(texts * 3)
    outcomes = [
        e.process(signal(i, texts[i % len(texts)], T0 + dt.timedelta(hours=2 * i))) for i in range(12)
    ]
    assert any(o.raised for o in outcomes)
    assert not any(o.theme_raised for o in outcomes)


_days = st.dictionaries(
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 4, 30)), st.integers(1, 9), max_size=80
)


@given(_days, st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 4, 30)), st.integers(-3, 60))
def test_the_signals_of_a_span_of_days_are_counted_alike_however_the_count_is_taken(daily, first, length):
    """The burst model's counts of days (looked up day by day for a short span, or read in one pass over an issue's
    days) are the signals of exactly those days."""
    last = first + dt.timedelta(days=length)
    assert count_between(daily, first, last) == sum(n for day, n in daily.items() if first <= day <= last)
    spans = (3, 28, 7)
    counted = by_age(daily, last, spans)
    end = 0
    for span, value in zip(spans, counted, strict=True):
        newest, oldest = last - dt.timedelta(days=end), last - dt.timedelta(days=end + span - 1)
        assert value == sum(n for day, n in daily.items() if oldest <= day <= newest)
        end += span


def test_a_terms_weight_follows_every_change_of_its_rarity_and_kind():
    """The engine remembers what a term weighs; a signal counted, frequencies loaded from the database, or the
    place names learnt change that weight at once."""
    eng = engine(["cống thôn Tam Đa bị sập", "đèn đường hỏng", "rác thải ven đường"] * 5)
    before = eng.weigh("cong")
    assert before > 0
    eng.weights.add({"cong"})
    assert 0 < eng.weigh("cong") != before  # one more signal holds it: rarer no more
    more_common = eng.weigh("cong")
    eng.weights.load({"cong": 500})
    assert eng.weigh("cong") < more_common
    weight = eng.weigh("tam")
    assert weight > 0
    eng.places = frozenset({"tam"})  # "Tam Đa" is a village: its word says where, not what
    assert eng.weigh("tam") < weight


def test_the_representative_is_written_with_its_diacritics_when_the_issue_has_such_a_signal():
    """It titles the issue on the board: "Nước máy ở Bãi Sậy bị cắt", not "Nuoc may o Bai Say bi cat"."""
    from dataclasses import replace

    texts = [
        "nuoc may thon bai say bi cat tu hom qua khong bao truoc",
        "nuoc may thon bai say bi cat tu hom qua, khong bao truoc gi ca",
        "Nước máy thôn Bãi Sậy bị cắt từ hôm qua, chưa được báo trước, bà con phải đi xin nước.",
        "nuoc may thon bai say bi cat tu hom qua khong bao truoc, ca xom khong co nuoc",
    ]
    e = engine(texts * 3)
    outcomes = [
        e.process(replace(signal(i, text, T0 + dt.timedelta(hours=i)), legible=i == 2))
        for i, text in enumerate(texts)
    ]
    issue = outcomes[0].issue.resolved()
    assert {o.issue.resolved().key for o in outcomes} == {issue.key}
    assert outcomes[3].score > outcomes[2].score  # the last is more like the issue, and yet:
    assert issue.representative == 2

    # Without such a signal, the one most like the issue, as before.
    e = engine(texts * 3)
    outcomes = [
        e.process(replace(signal(i, text, T0 + dt.timedelta(hours=i)), legible=False))
        for i, text in enumerate(texts)
    ]
    best = max(range(1, 4), key=lambda i: outcomes[i].score)
    assert outcomes[0].issue.resolved().representative == best
