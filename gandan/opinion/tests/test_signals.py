"""Recording citizens' texts as opinion signals (opinion/services.py)."""

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

import pytest

from gandan.errors import DomainError
from gandan.opinion.models import Signal
from gandan.opinion.services import signal_record

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = dt.datetime(2026, 3, 2, 9, 15, tzinfo=VN)


def test_a_signal_is_stored_in_nfc_with_a_folded_copy_for_search(home_commune):
    typed = unicodedata.normalize("NFD", "Đường  thôn Bến Đò\u200b bị sạt lở ")

    signal = signal_record(text=typed, unit=home_commune, source_kind="portal.comment", source_id=7, at=AT)

    assert signal.text == "Đường thôn Bến Đò bị sạt lở"
    assert unicodedata.is_normalized("NFC", signal.text)
    assert signal.text_folded == "duong thon ben do bi sat lo"
    assert (signal.unit, signal.unit_path, signal.at) == (home_commune, "25.08848", AT)
    assert (signal.source_kind, signal.source_id) == ("portal.comment", "7")


def test_both_tone_placements_fold_to_the_same_search_text(home_commune):
    old_style = signal_record(
        text="Nước sinh hoạt hòa lẫn bùn", unit=home_commune, source_kind="k", source_id=1
    )
    new_style = signal_record(
        text="Nước sinh hoạt hoà lẫn bùn", unit=home_commune, source_kind="k", source_id=2
    )

    assert old_style.text == new_style.text
    assert old_style.text_folded == new_style.text_folded == "nuoc sinh hoat hoa lan bun"


def test_line_breaks_of_a_long_text_are_kept(home_commune):
    signal = signal_record(
        text="Dòng một\r\n\r\n\r\n\r\nDòng hai", unit=home_commune, source_kind="k", source_id=1
    )

    assert signal.text == "Dòng một\n\n\nDòng hai"


def test_recording_the_same_source_twice_keeps_one_signal_with_the_latest_text(home_commune, other_commune):
    first = signal_record(
        text="Đèn đường hỏng", unit=home_commune, source_kind="petitions.petition", source_id=42
    )

    again = signal_record(
        text="Đèn đường thôn Bãi Sậy hỏng",
        unit=home_commune,
        source_kind="petitions.petition",
        source_id="42",
    )

    assert again.pk == first.pk
    assert Signal.objects.filter(source_kind="petitions.petition", source_id="42").count() == 1
    assert Signal.objects.get(pk=first.pk).text == "Đèn đường thôn Bãi Sậy hỏng"


def test_the_same_id_from_another_source_is_another_signal(home_commune):
    petition = signal_record(text="Một", unit=home_commune, source_kind="petitions.petition", source_id=1)
    comment = signal_record(text="Hai", unit=home_commune, source_kind="portal.comment", source_id=1)

    assert petition.pk != comment.pk


def test_a_retried_call_counts_the_text_once(home_commune):
    for _ in range(3):
        signal_record(
            text="Rác thải ở bãi sông", unit=home_commune, source_kind="portal.comment", source_id=9
        )

    assert Signal.objects.filter(text_folded__contains="rac thai").count() == 1


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200d", "\n\n\t"])
def test_a_signal_without_text_is_refused(home_commune, text):
    with pytest.raises(DomainError) as refused:
        signal_record(text=text, unit=home_commune, source_kind="portal.comment", source_id=1)

    assert (refused.value.code, refused.value.field) == ("signal_text_empty", "text")
    assert not Signal.objects.exists()


def test_a_signal_needs_a_unit():
    with pytest.raises(DomainError) as refused:
        signal_record(text="Có nội dung", unit=None, source_kind="portal.comment", source_id=1)

    assert refused.value.code == "signal_unit_required"


def test_a_village_signal_is_filed_under_its_commune(home_commune):
    from gandan.units.models import Unit

    village = Unit.objects.filter(parent=home_commune, valid_to__isnull=True).first()
    signal = signal_record(text="Cống thôn bị vỡ", unit=village, source_kind="k", source_id=1)

    assert (signal.unit_path, signal.commune_path) == (village.path, home_commune.path)
