"""The key's shape and the rate as pure rules (property tests)."""

from hypothesis import given
from hypothesis import strategies as st

from gandan.apikeys import rules


def test_a_new_key_carries_its_prefix_and_hashes_to_64_hex_digits():
    for _ in range(50):
        key, prefix = rules.new_key()
        assert rules.key_prefix(key) == prefix
        assert len(rules.key_hash(key)) == 64
        assert rules.key_hash(key) != rules.key_hash(rules.new_key()[0])


@given(st.text(max_size=120))
def test_any_other_text_has_no_prefix_or_a_well_formed_one(text):
    prefix = rules.key_prefix(text)
    assert prefix is None or (len(prefix) == rules.PREFIX_LENGTH and text.startswith(f"gd_{prefix}_"))


@given(st.lists(st.sampled_from([*rules.SCOPES, "admin", "", "READ"]), max_size=6))
def test_unknown_scopes_are_exactly_those_outside_the_list(scopes):
    assert rules.unknown_scopes(scopes) == [s for s in scopes if s not in rules.SCOPES]
    assert rules.perms_of([s for s in scopes if s in rules.SCOPES]) <= rules.perms_of(list(rules.SCOPES))


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["s", "min", "minute", "hour", "h"]))
def test_a_rate_reads_back(count, unit):
    rate = rules.parse_rate(f"{count}/{unit}")
    assert rate.limit == count and rate.seconds in {1, 60, 3600}


@given(st.text(max_size=20))
def test_a_rate_is_either_read_or_refused(text):
    try:
        rate = rules.parse_rate(text)
    except ValueError:
        return
    assert rate.limit >= 1
