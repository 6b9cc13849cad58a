"""An audit trail a chairman can read (gandan/audit/labels.py): Vietnamese action names declared by each module,
the record's name linked to its page only when the reader may open it, status names instead of codes, and filters
by person and by record."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from gandan.audit.services import event_record
from gandan.dossiers.models import Dossier, Status
from gandan.petitions.models import Petition
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

PAGE = "/staff/audit/"


def vi(msgid: str) -> str:
    with override("vi"):
        return escape(gettext(msgid))


def rows(response) -> list[str]:
    return rows_of(response.content.decode())


def rows_of(page: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>.*?</tr>", page, re.S)


@pytest.fixture
def dossier(home_commune) -> Dossier:
    return Dossier.objects.filter(unit=home_commune).order_by("id")[0]


def test_an_action_is_named_in_vietnamese_and_an_unknown_code_shown_as_it_is(commune_leader, dossier):
    event_record(actor=commune_leader, action="dossiers.accept", obj=dossier, details={"from": 1, "to": 2})
    event_record(actor=commune_leader, action="test.something_new", obj=dossier)

    page = client_for(commune_leader).get(PAGE, {"record": dossier.code}).content.decode()

    assert (
        f'data-action="dossiers.accept" title="dossiers.accept">{vi("Received, appointment given")}<' in page
    )
    assert 'title="test.something_new">test.something_new<' in page


def test_the_record_is_named_and_linked_and_its_statuses_are_named(commune_leader, dossier):
    event_record(
        actor=commune_leader,
        action="dossiers.accept",
        obj=dossier,
        details={"from": int(Status.NEW), "to": int(Status.ACCEPTED), "note": ""},
    )

    # Newest first: the event just recorded is the first row (the demo's own events of this dossier follow it).
    row = rows(client_for(commune_leader).get(PAGE, {"record": dossier.code}))[0]

    assert f'<a href="{reverse("dossiers:detail", args=[dossier.pk])}">{dossier.code}</a>' in row
    with override("vi"):
        assert escape(str(Status.NEW.label)) in row and escape(str(Status.ACCEPTED.label)) in row
    assert "to: 2" not in row


def test_a_record_outside_the_readers_units_is_neither_named_nor_linked(
    commune_leader, home_commune, other_commune
):
    # An event of xã Sông Lô about a petition that is now xã Tam Sơn's (e.g. forwarded there).
    foreign = Petition.objects.filter(unit=other_commune).order_by("id").first()
    event_record(actor=commune_leader, action="petitions.forward", obj=foreign, unit=home_commune)

    response = client_for(commune_leader).get(PAGE, {"record": f"petitions.petition:{foreign.pk}"})

    (row,) = rows(response)
    assert foreign.code not in row
    assert reverse("petitions:detail", args=[foreign.pk]) not in row
    assert vi("petition") in row  # the kind of record only


def test_the_reader_filters_by_person(commune_leader, desk_officer, dossier):
    event_record(actor=commune_leader, action="dossiers.accept", obj=dossier)
    event_record(actor=desk_officer, action="dossiers.transfer", obj=dossier)
    client = client_for(commune_leader)

    page = client.get(PAGE, {"person": desk_officer.pk, "record": dossier.code}).content.decode()

    found = rows_of(page)
    assert 'data-action="dossiers.transfer"' in found[0]  # newest first: the hand-over just recorded
    # Every row is the desk officer's (the demo's year has her own events on this dossier too), none the leader's.
    assert all(str(desk_officer) in r and str(commune_leader) not in r for r in found)
    assert f'<option value="{desk_officer.pk}" selected>' in page


def test_the_people_offered_are_those_of_the_readers_units(commune_leader, other_commune_leader):
    page = client_for(commune_leader).get(PAGE).content.decode()

    assert f'<option value="{commune_leader.pk}">' in page
    assert f'<option value="{other_commune_leader.pk}">' not in page


def test_the_reader_filters_by_a_records_code_typed_loosely(commune_leader, dossier):
    other = Dossier.objects.filter(unit=dossier.unit).exclude(pk=dossier.pk).order_by("id").first()
    event_record(actor=commune_leader, action="dossiers.accept", obj=dossier)
    event_record(actor=commune_leader, action="dossiers.accept", obj=other)

    found = rows(client_for(commune_leader).get(PAGE, {"record": f" {dossier.code.lower()} "}))

    assert found and all(dossier.code in r for r in found)
    assert not any(other.code in r for r in found)


def test_a_module_words_the_details_of_its_own_actions(commune_leader, home_commune):
    # The demo recorded Sông Lô's schedules: the chairman every Thursday, 07:30–11:00.
    page = client_for(commune_leader).get(PAGE, {"action": "reception.schedule_create"}).content.decode()

    with override("vi"):
        assert escape(gettext("Every %(d)s") % {"d": gettext("Thursday")}) in page
    assert "07:30–11:00" in page
    assert "frequency: weekly" not in page


def test_a_message_sent_by_the_system_reads_in_vietnamese(commune_leader, dossier):
    """The trial found "system", "notify.sent" and "dossiers:1049:receipt" raw on the page."""
    from gandan.notify.models import Notification

    note = Notification.objects.create(
        key=f"dossiers:{dossier.pk}:receipt-test",
        channel="sms",
        body="Hồ sơ đã được tiếp nhận.",
        object_type="dossiers.dossier",
        object_id=str(dossier.pk),
        unit_path=dossier.unit_path,
    )
    # As the worker records a message it sent (notify.services): no actor, the message as the record.
    event_record(
        actor=None,
        action="notify.sent",
        obj=note,
        unit=dossier.unit,
        details={
            "key": note.key,
            "channel": note.channel,
            "attempts": 1,
            "about": f"dossiers.dossier#{dossier.pk}",
        },
    )

    page = client_for(commune_leader).get(PAGE, {"action": "notify.sent"}).content.decode()
    row = rows_of(page)[0]

    assert f"<td>{vi('System')}</td>" in row and ">system<" not in row
    assert f">{vi('Message sent to the citizen')}<" in row
    assert f"{vi('Message')} — {vi('dossier')} {dossier.code}" in row
    assert "receipt-test" not in row
    assert f"{vi('Sent by')}: {vi('SMS / Zalo')}" in row


def test_the_action_filter_names_no_two_actions_alike():
    from gandan.audit.labels import action_labels

    with override("vi"):
        labels = list(action_labels().values())
    assert len(labels) == len(set(labels))


def test_every_action_recorded_in_the_code_has_a_name():
    """Every literal action code passed to the audit trail (grep of the sources) is named for the page."""
    from pathlib import Path

    from gandan.audit.labels import action_labels

    root = Path(__file__).resolve().parents[2]
    codes = set()
    for source in root.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts:
            continue
        text = source.read_text()
        codes |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
        codes |= set(re.findall(r'_audit\(\w+, "([a-z_]+\.[a-z_]+)"', text))
    assert "notify.sent" in codes and "accounts.user_create" in codes
    assert sorted(codes - set(action_labels())) == []
