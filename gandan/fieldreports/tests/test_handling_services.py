"""The handling services: assigning, linking a duplicate, turning a report into a petition, hiding it, a note; each
refused cleanly when it must be, with nothing changed, and the reporter told of every change of state."""

import pytest

from gandan.audit.models import Event
from gandan.core import fieldreports as rules
from gandan.errors import Conflict, DomainError, NotAllowed
from gandan.fieldreports.models import FieldReport, Update
from gandan.fieldreports.services import report_move
from gandan.fieldreports.services.assignment import report_assign, report_note
from gandan.fieldreports.services.conversion import report_to_petition
from gandan.fieldreports.services.duplicates import report_link_duplicate
from gandan.fieldreports.services.visibility import report_hide
from gandan.fieldreports.staff_selectors import nearby_suggestions
from gandan.fieldreports.tests.factories import make_report
from gandan.notify.models import InboxItem, Notification
from gandan.opinion.models import Signal
from gandan.petitions.models import Petition

pytestmark = pytest.mark.django_db


def test_the_reporter_is_told_of_each_change_of_state(handler, report):
    for action, note in [("acknowledge", ""), ("start", ""), ("fix", "Đã vá ổ gà."), ("reopen", "Lại hỏng.")]:
        update = report_move(report=report, action=action, note=note, by=handler)
        assert Notification.objects.filter(key=f"fieldreports:{report.pk}:status:{update.pk}").exists(), (
            action
        )


def test_an_illegal_move_is_refused_and_changes_nothing(handler, report):
    before = Update.objects.filter(report=report).count()
    with pytest.raises(Conflict) as error:
        report_move(report=report, action="reopen", note="x", by=handler)
    assert error.value.code == "move_not_allowed" and str(error.value.message)
    report.refresh_from_db()
    assert report.status == "new" and Update.objects.filter(report=report).count() == before


@pytest.mark.parametrize("action", sorted(rules.NOTE_REQUIRED))
def test_the_steps_that_need_a_note_refuse_without_one(handler, report, action):
    FieldReport.objects.filter(pk=report.pk).update(
        status="fixed" if action == rules.Action.REOPEN else "investigating"
    )
    report.refresh_from_db()
    with pytest.raises(DomainError) as error:
        report_move(report=report, action=action, note="  ", by=handler)
    assert error.value.field == "note"


def test_an_officer_of_another_commune_cannot_act(stranger, report):
    for call in (
        lambda: report_move(report=report, action="acknowledge", by=stranger),
        lambda: report_assign(report=report, officer=stranger, by=stranger),
        lambda: report_hide(report=report, reason="Không phù hợp.", by=stranger),
        lambda: report_note(report=report, note="x", by=stranger),
    ):
        with pytest.raises(NotAllowed):
            call()
    report.refresh_from_db()
    assert report.status == "new" and report.assigned_to is None and not report.hidden


def test_assigning_posts_to_the_officers_inbox(desk, handler, stranger, chair, report):
    report_assign(report=report, officer=handler, by=desk)
    assert FieldReport.objects.get(pk=report.pk).assigned_to == handler
    assert InboxItem.objects.filter(recipient=handler, kind="field_report", object_id=str(report.pk)).exists()
    assert Event.objects.filter(action="fieldreports.assign", object_id=str(report.pk)).exists()
    with pytest.raises(DomainError):
        report_assign(report=report, officer=stranger, by=desk)
    report_assign(report=report, officer=None, by=chair)
    assert FieldReport.objects.get(pk=report.pk).assigned_to is None


def test_a_closed_report_is_not_assigned(desk, handler, report):
    report_move(report=report, action="no_further_action", note="Không cần.", by=desk)
    with pytest.raises(Conflict):
        report_assign(report=report, officer=handler, by=desk)


def test_a_public_note_keeps_the_state(handler, report):
    update = report_note(report=report, note="Sáng mai cán bộ ra hiện trường.", by=handler)
    assert update.status == "new" and update.action == ""
    with pytest.raises(DomainError):
        report_note(report=report, note=" ", by=handler)


def test_the_nearby_open_report_is_suggested_and_linked(handler, report, songlo):
    later = make_report(songlo, offset="0.0005")  # about 22 m north of the first (0.0003)
    far = make_report(songlo, offset="0.01")  # about 1.1 km
    suggested = nearby_suggestions(handler, later)
    # The demo's own potholes near the same village may be offered too; every one is near, open, of the category.
    distances = dict((r.pk, metres) for r, metres in suggested)
    assert 15 < distances[report.pk] < 30
    assert [metres for _r, metres in suggested] == sorted(metres for _r, metres in suggested)
    assert all(r.is_open and r.category_id == later.category_id and m <= 150 for r, m in suggested)
    assert far.pk not in [r.pk for r, _m in nearby_suggestions(handler, later)]
    update = report_link_duplicate(report=later, original=report, by=handler)
    later.refresh_from_db()
    assert later.status == "duplicate" and later.duplicate_of == report and report.code in update.note
    assert Notification.objects.filter(key=f"fieldreports:{later.pk}:status:{update.pk}").exists()


def test_a_duplicate_must_point_to_an_earlier_open_report(handler, report, songlo):
    later = make_report(songlo, offset="0.0004")
    with pytest.raises(DomainError):
        report_link_duplicate(report=report, original=later, by=handler)
    with pytest.raises(DomainError):
        report_link_duplicate(report=report, original=report, by=handler)
    report_move(report=report, action="fix", note="Đã vá.", by=handler)
    with pytest.raises(DomainError):
        report_link_duplicate(report=later, original=report, by=handler)
    later.refresh_from_db()
    assert later.status == "new" and later.duplicate_of is None


def test_the_report_becomes_a_petition_with_its_content(handler, report):
    update = report_to_petition(
        report=report,
        kind="reflection",
        subject="Đường liên thôn có ổ gà",
        petitioner_name="",
        petitioner_address="Thôn Đồng, xã Sông Lô",
        by=handler,
    )
    report.refresh_from_db()
    petition = Petition.objects.get(code=report.petition_code)
    assert report.status == "to_petition" and report.closed_at is not None
    assert report.description in petition.content and petition.channel == "online"
    assert petition.unit_id == report.unit_id and petition.kind == "reflection"
    assert petition.code in update.note
    assert Event.objects.filter(action="fieldreports.to_petition", object_id=str(report.pk)).exists()


def test_a_citizen_s_report_made_a_petition_is_heard_once_as_public_opinion(handler, songlo):
    """The report's description is an opinion signal from its intake; the petition made of it is the same citizen's
    words, not a second voice (counted twice, it doubled the report's weight in an issue and its burst, and the
    officer's subject — "lấn chiếm, xây dựng ở thôn …" — glued different matters of a category into one issue)."""
    report = make_report(songlo)
    report_to_petition(
        report=report, kind="reflection", subject="Phản ánh: đường liên thôn có ổ gà", petitioner_name="",
        petitioner_address="Thôn Đồng, xã Sông Lô", by=handler,
    )  # fmt: skip
    report.refresh_from_db()
    petition = Petition.objects.get(code=report.petition_code)
    heard = {(s.source_kind, s.source_id) for s in Signal.objects.all()}
    assert ("field_report", str(report.pk)) in heard
    assert ("petition", str(petition.pk)) not in heard


def test_a_failed_petition_saves_nothing(handler, songlo):
    anonymous = make_report(songlo, name="", phone="0987654321")
    petitions = Petition.objects.count()
    with pytest.raises(DomainError) as error:
        report_to_petition(
            report=anonymous, kind="reflection", subject="Đường hỏng", petitioner_name="", petitioner_address="",
            by=handler,
        )  # fmt: skip
    assert {"petitioner_name", "petitioner_address"} <= set(error.value.errors)
    with pytest.raises(DomainError) as error:
        report_to_petition(
            report=anonymous, kind="denunciation", subject="", petitioner_name="A", petitioner_address="B",
            by=handler,
        )  # fmt: skip
    assert {"kind", "subject"} <= set(error.value.errors)
    anonymous.refresh_from_db()
    assert anonymous.status == "new" and not anonymous.petition_code
    assert Petition.objects.count() == petitions


def test_a_closed_report_does_not_become_a_petition(handler, report):
    report_move(report=report, action="fix", note="Đã vá.", by=handler)
    with pytest.raises(Conflict):
        report_to_petition(
            report=report,
            kind="reflection",
            subject="x",
            petitioner_name="A",
            petitioner_address="B",
            by=handler,
        )
