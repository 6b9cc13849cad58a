"""The fast writers of a large import save exactly what Django would: a signal's time read back is the time given."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from gandan.opinion.models import Signal
from gandan.opinion.services.bulk import _converter, rows_insert
from gandan.opinion.services.recording import signal_prepare
from gandan.units.models import Unit

ZONES = [
    dt.UTC,
    ZoneInfo("Asia/Ho_Chi_Minh"),
    ZoneInfo("America/New_York"),
    dt.timezone(dt.timedelta(hours=-3)),
]


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.sampled_from(ZONES),
)
@settings(max_examples=200, deadline=None)
def test_an_aware_time_is_converted_as_django_converts_it(moment, zone):
    field = Signal._meta.get_field("at")
    value = moment.replace(tzinfo=zone)

    assert _converter(field)(value) == field.get_db_prep_save(value, connection)


@pytest.mark.django_db
def test_a_signal_written_by_the_fast_insert_reads_back_at_its_time():
    commune = Unit.objects.get(code="08848", valid_to__isnull=True)
    at = dt.datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    signal = signal_prepare(
        text="Đường thôn bị sạt lở", unit=commune, source_kind="import", source_id="x1", at=at
    )
    rows_insert(Signal, [signal])

    stored = Signal.objects.get(source_id="x1")
    assert stored.at == at
    assert stored.at.astimezone(dt.UTC).hour == 16
    assert _converter(Signal._meta.get_field("topic"))(None) is None
