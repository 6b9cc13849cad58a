"""GET /api/v1/calendar/due and /api/v1/calendar/days: the deadlines a citizen's receipt shows, and never a 500."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DUE = "/api/v1/calendar/due"
DAYS = "/api/v1/calendar/days"

pytestmark = pytest.mark.django_db


def get_due(query: str):
    return Client().get(f"{DUE}?{query}")


@pytest.mark.parametrize(
    ("query", "due", "counted_from"),
    [
        pytest.param("start=2026-02-13T10:00&working_days=3", "2026-02-25", "2026-02-13",
                     id="friday-before-tet-2026-skips-the-whole-tet-week"),
        pytest.param("start=2026-04-29T09:00&working_days=1", "2026-05-04", "2026-04-29",
                     id="wednesday-before-30-4-skips-30-4-1-5-and-the-weekend"),
        pytest.param("start=2026-01-09T10:00&working_days=1", "2026-01-10", "2026-01-09",
                     id="friday-09-01-2026-due-on-the-make-up-saturday"),
        pytest.param("start=2026-01-09T15:30&working_days=1", "2026-01-12", "2026-01-10",
                     id="after-the-15h-cut-off-counts-from-the-next-working-day"),
        pytest.param("start=2026-01-09T15:00&working_days=1", "2026-01-10", "2026-01-09",
                     id="at-15h-exactly-still-counts-today"),
        pytest.param("start=2026-01-02T09:00&working_days=1", "2026-01-06", "2026-01-05",
                     id="received-on-the-swapped-day-off"),
        pytest.param("start=2026-01-15&days=30", "2026-02-23", "2026-01-15",
                     id="30-days-ending-in-tet-move-to-the-next-working-day"),
        pytest.param("start=2026-04-01&days=30", "2026-05-04", "2026-04-01",
                     id="30-days-ending-on-1-5-move-past-the-weekend"),
        pytest.param("start=2026-03-02&days=10", "2026-03-12", "2026-03-02",
                     id="10-days-ending-on-a-working-day"),
        pytest.param(f"start={quote('2026-01-09T15:30+07:00')}&working_days=1", "2026-01-12", "2026-01-10",
                     id="aware-local-time-after-cut-off"),
        pytest.param("start=2026-01-09T08:30Z&working_days=1", "2026-01-12", "2026-01-10",
                     id="utc-08-30-is-15-30-local-after-cut-off"),
        pytest.param("start=2026-01-09T07:30Z&working_days=1", "2026-01-10", "2026-01-09",
                     id="utc-07-30-is-14-30-local-before-cut-off"),
        pytest.param("start=2026-01-08T18:00Z&working_days=1", "2026-01-10", "2026-01-09",
                     id="utc-evening-is-already-the-next-morning-local"),
    ],
)  # fmt: skip
def test_the_due_date_follows_the_official_calendar(query, due, counted_from):
    response = get_due(query)

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["due"], body["counted_from"]) == (due, counted_from)
    assert body["due_display"] == dt.date.fromisoformat(due).strftime("%d/%m/%Y")
    assert body["cutoff"] == "15:00"


def test_the_answer_lists_the_holidays_it_skipped():
    body = get_due("start=2026-02-13T10:00&working_days=3").json()

    assert body["days_off_skipped"] == [f"2026-02-{d}" for d in range(16, 21)]
    assert (body["rule"], body["number"]) == ("working_days", 3)


def test_zero_working_days_is_due_on_the_day_it_counts_from():
    assert get_due("start=2026-01-09T15:30&working_days=0").json()["due"] == "2026-01-10"


@pytest.mark.parametrize(
    ("query", "status", "code", "field"),
    [
        pytest.param("start=2026-01-09T10:00", 400, "rule_required", "working_days", id="neither-rule"),
        pytest.param("start=2026-01-09T10:00&working_days=1&days=1", 400, "rule_required", "working_days",
                     id="both-rules"),
        pytest.param("start=2026-13-45&days=1", 422, "invalid_input", "start", id="impossible-date"),
        pytest.param("start=09/01/2026&days=1", 422, "invalid_input", "start", id="not-iso"),
        pytest.param("start=&days=1", 422, "invalid_input", "start", id="empty-start"),
        pytest.param("days=1", 422, "invalid_input", "start", id="missing-start"),
        pytest.param("start=2026-01-09&days=-1", 422, "invalid_input", "days", id="negative-days"),
        pytest.param("start=2026-01-09&working_days=-5", 422, "invalid_input", "working_days",
                     id="negative-working-days"),
        pytest.param("start=2026-01-09&days=3651", 422, "invalid_input", "days", id="more-than-ten-years"),
        pytest.param("start=2026-01-09&working_days=99999999999999999999", 422, "invalid_input", "working_days",
                     id="huge-number"),
        pytest.param("start=2026-01-09&days=abc", 422, "invalid_input", "days", id="days-not-a-number"),
        pytest.param("start=0001-01-01T00:00&days=1", 400, "start_out_of_range", "start", id="year-1"),
        pytest.param("start=9999-12-31T23:59&days=3650", 400, "start_out_of_range", "start", id="year-9999"),
    ],
)  # fmt: skip
def test_bad_input_gets_an_error_with_a_stable_code_and_the_field(query, status, code, field):
    response = get_due(query)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert field in {e["field"] for e in body["errors"]}


def test_the_largest_period_allowed_still_answers():
    response = get_due("start=2100-12-31T10:00&days=3650")

    assert response.status_code == 200
    assert response.json()["due"].startswith("2110-")


def test_the_calendar_api_needs_no_login():
    assert Client().get(f"{DAYS}?year=2026").status_code == 200


# --- Never a 500 ------------------------------------------------------------------------------------------------

_values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    st.datetimes(timezones=st.timezones()).map(dt.datetime.isoformat),
    st.sampled_from(["", "null", "true", "1e3", "2026-02-30", "2026-01-09T25:00", "2026-01-09T10:00+99:00"]),
)
_queries = st.dictionaries(st.sampled_from(["start", "days", "working_days", "other"]), _values, max_size=4)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_queries)
def test_no_query_makes_the_due_endpoint_fail(query):
    response = Client().get(DUE, query)

    assert response.status_code < 500, (query, response.content)
    body = response.json()
    if response.status_code >= 400:
        assert body["code"] and body["message"]
    else:
        dt.date.fromisoformat(body["due"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=60))
def test_no_raw_query_string_makes_the_due_endpoint_fail(raw):
    response = Client().get(f"{DUE}?{quote(raw, safe='=&+:')}")

    assert response.status_code < 500, (raw, response.content)
    assert "code" in response.json() or "due" in response.json()


# --- Days of a year ---------------------------------------------------------------------------------------------


def test_the_days_of_2026_list_holidays_and_the_swap_in_order():
    days = Client().get(f"{DAYS}?year=2026").json()

    by_day = {d["day"]: d for d in days}
    assert by_day["2026-01-02"]["kind"] == "day_off"
    assert by_day["2026-01-10"]["kind"] == "working_day"
    assert "12729/VPCP-KGVX" in by_day["2026-01-10"]["legal_basis"]
    assert {f"2026-02-{d}" for d in range(16, 21)} <= set(by_day)
    assert "2026-11-24" not in by_day
    assert [d["day"] for d in days] == sorted(by_day)
    assert all(d["day"].startswith("2026-") for d in days)


def test_a_year_without_entries_is_an_empty_list():
    assert Client().get(f"{DAYS}?year=2035").json() == []


@pytest.mark.parametrize("query", ["", "year=abc", "year=1800", "year=2101"])
def test_days_without_a_sensible_year_is_a_422_with_a_code(query):
    response = Client().get(f"{DAYS}?{query}")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert response.json()["message"]
