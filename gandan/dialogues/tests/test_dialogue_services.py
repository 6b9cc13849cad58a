"""Scheduling, correcting, holding, closing and cancelling a dialogue: what the organiser may do, what is refused
(every problem at once, nothing saved), and who may not act at all."""

import datetime as dt

import pytest
from django.utils import timezone

from gandan.audit.models import Event
from gandan.dialogues.models import Dialogue
from gandan.dialogues.services.dialogues import (
    dialogue_cancel,
    dialogue_close,
    dialogue_hold,
    dialogue_schedule,
    dialogue_update,
)
from gandan.dialogues.tests.factories import at, facts, planned
from gandan.errors import DomainError, NotAllowed
from gandan.kit.history import clock_at

pytestmark = pytest.mark.django_db


def test_the_organiser_schedules_a_dialogue_of_his_commune(home_commune, organiser):
    dialogue = dialogue_schedule(
        commune=home_commune, facts=facts(title="  Đối thoại   năm 2026 "), by=organiser
    )

    assert dialogue.status == Dialogue.Status.PLANNED
    assert dialogue.title == "Đối thoại năm 2026"
    assert dialogue.unit_path == home_commune.path
    assert "doi thoai nam 2026" in dialogue.title_search
    assert Event.objects.filter(action="dialogues.dialogue_create", object_id=str(dialogue.pk)).exists()


def test_every_missing_fact_is_reported_at_once_and_nothing_is_saved(home_commune, organiser):
    before = Dialogue.objects.count()
    with pytest.raises(DomainError) as refused:
        dialogue_schedule(
            commune=home_commune,
            facts=facts(
                kind=Dialogue.Kind.THEMATIC, title="", topic="", place=" ", chaired_by="", starts_at=None
            ),
            by=organiser,
        )
    assert set(refused.value.errors) == {"title", "topic", "place", "chaired_by", "starts_at"}
    assert Dialogue.objects.count() == before


def test_questions_cannot_be_accepted_after_the_dialogue_starts(home_commune, organiser):
    with pytest.raises(DomainError) as refused:
        dialogue_schedule(
            commune=home_commune, facts=facts(starts_at=at(5), questions_until=at(6)), by=organiser
        )
    assert "questions_until" in refused.value.errors


def test_a_year_typed_wrong_is_refused(home_commune, organiser):
    with pytest.raises(DomainError) as refused:
        dialogue_schedule(commune=home_commune, facts=facts(starts_at=at(365 * 20)), by=organiser)
    assert "starts_at" in refused.value.errors


def test_an_officer_without_the_permission_cannot_schedule(home_commune, desk):
    with pytest.raises(NotAllowed):
        dialogue_schedule(commune=home_commune, facts=facts(), by=desk)


def test_an_organiser_cannot_schedule_for_another_commune(other_commune, organiser):
    with pytest.raises(NotAllowed):
        dialogue_schedule(commune=other_commune, facts=facts(), by=organiser)
    assert not Dialogue.objects.filter(unit_path=other_commune.path, title=facts().title).exists()


def test_a_village_cannot_hold_a_dialogue(home_commune, organiser):
    village = home_commune.children.filter(valid_to__isnull=True).first()
    with pytest.raises(DomainError):
        dialogue_schedule(commune=village, facts=facts(), by=organiser)


def test_a_correction_is_audited_with_the_fields_changed(home_commune, organiser):
    dialogue = planned(home_commune)
    dialogue_update(dialogue=dialogue, facts=facts(place="Nhà văn hóa thôn Bến Đò"), by=organiser)

    dialogue.refresh_from_db()
    assert dialogue.place == "Nhà văn hóa thôn Bến Đò"
    event = Event.objects.filter(action="dialogues.dialogue_update", object_id=str(dialogue.pk)).get()
    assert event.details["fields"] == "place"


def test_a_dialogue_is_held_only_once_it_has_started(home_commune, organiser):
    dialogue = planned(home_commune)
    with pytest.raises(DomainError) as refused:
        dialogue_hold(dialogue=dialogue, by=organiser)
    assert refused.value.code == "dialogue_not_started"
    with clock_at(dialogue.starts_at + dt.timedelta(hours=2)):
        dialogue_hold(dialogue=dialogue, by=organiser)
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.HELD


def test_closing_needs_the_minutes_and_a_held_dialogue(home_commune, organiser):
    dialogue = planned(home_commune)
    with pytest.raises(DomainError):
        dialogue_close(dialogue=dialogue, minutes="Biên bản", by=organiser)  # not held yet
    with clock_at(dialogue.starts_at + dt.timedelta(hours=2)):
        dialogue_hold(dialogue=dialogue, by=organiser)
        with pytest.raises(DomainError) as refused:
            dialogue_close(dialogue=dialogue, minutes="   ", by=organiser)
        assert refused.value.field == "minutes"
        dialogue_close(dialogue=dialogue, minutes="Hội nghị có 120 cử tri tham dự.", by=organiser)
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.CLOSED
    assert dialogue.minutes == "Hội nghị có 120 cử tri tham dự."


def test_a_held_dialogue_cannot_be_moved_into_the_future(home_commune, organiser):
    dialogue = planned(home_commune)
    with clock_at(dialogue.starts_at + dt.timedelta(hours=2)):
        dialogue_hold(dialogue=dialogue, by=organiser)
        with pytest.raises(DomainError) as refused:
            dialogue_update(
                dialogue=dialogue,
                facts=facts(starts_at=timezone.now() + dt.timedelta(days=3), questions_until=None),
                by=organiser,
            )
    assert "starts_at" in refused.value.errors


def test_cancelling_needs_a_reason_and_stops_everything(home_commune, organiser):
    dialogue = planned(home_commune)
    with pytest.raises(DomainError):
        dialogue_cancel(dialogue=dialogue, reason="", by=organiser)
    dialogue_cancel(dialogue=dialogue, reason="Trùng lịch kỳ họp HĐND xã; sẽ tổ chức lại.", by=organiser)
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.CANCELLED
    assert dialogue.cancel_reason.startswith("Trùng lịch")
    with pytest.raises(DomainError):
        dialogue_update(dialogue=dialogue, facts=facts(), by=organiser)
    with pytest.raises(DomainError):
        dialogue_hold(dialogue=dialogue, by=organiser)
