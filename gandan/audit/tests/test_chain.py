"""The audit trail cannot be deleted, and a row changed or removed behind the triggers' back is found by
`audit_verify`, on SQLite and on PostgreSQL (the suite runs on both)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from gandan.audit.chain import GENESIS, chain_verify, link
from gandan.audit.models import Event, SensitiveRead
from gandan.audit.services import event_record, sensitive_read_record

pytestmark = pytest.mark.django_db


def _verify() -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("audit_verify", "--no-progress", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def _lift(trigger: str, table: str) -> None:
    """What an intruder with the database's password does first (rolled back with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {table}_{trigger} ON {table}")
        else:
            cursor.execute(f"DROP TRIGGER {table}_{trigger}")


@pytest.fixture
def three_events(commune_leader, home_commune) -> list[Event]:
    return [
        event_record(
            actor=commune_leader, action=f"units.unit_update_{n}", obj=home_commune, details={"n": n}
        )
        for n in range(3)
    ]


@pytest.mark.parametrize("table", ["audit_event", "audit_sensitiveread"])
def test_the_database_refuses_a_raw_delete(table, three_events, commune_leader, home_commune):
    sensitive_read_record(actor=commune_leader, obj=home_commune, what="x", reason="y", unit=home_commune)
    before = Event.objects.count(), SensitiveRead.objects.count()

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 — a fixed table name

    assert (Event.objects.count(), SensitiveRead.objects.count()) == before


def test_postgresql_refuses_truncate_too(three_events):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else the test's own pending FK checks refuse first
        cursor.execute("TRUNCATE audit_event CASCADE")

    assert Event.objects.filter(pk=three_events[0].pk).exists()


def test_each_event_links_to_the_one_before(three_events):
    first, second, third = three_events

    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert third.hash == link(second.hash, Event.objects.get(pk=third.pk), "audit.event")
    assert len({e.hash for e in three_events}) == 3


def test_a_clean_chain_verifies(three_events, commune_leader, home_commune):
    sensitive_read_record(actor=commune_leader, obj=home_commune, what="x", reason="y", unit=home_commune)

    out, error = _verify()

    assert error is None
    assert "audit_event:" in out and "chain intact" in out and three_events[-1].hash in out


def test_a_row_rewritten_behind_the_triggers_back_is_reported(three_events):
    target = three_events[1]
    _lift("no_update", "audit_event")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET actor_name = %s WHERE id = %s", ["Người khác", target.pk])

    out, error = _verify()

    assert error is not None
    assert f"BROKEN at id {target.pk}" in out and "this row was changed" in out
    assert f"hash found    {target.hash}" in out


def test_a_row_rewritten_with_its_hash_recomputed_breaks_the_next_link(three_events):
    target, successor = three_events[1], three_events[2]
    _lift("no_update", "audit_event")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET object_repr = %s WHERE id = %s", ["khác", target.pk])
    forged = link(target.prev_hash, Event.objects.get(pk=target.pk), "audit.event")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET hash = %s WHERE id = %s", [forged, target.pk])

    out, error = _verify()

    assert error is not None and f"BROKEN at id {successor.pk}" in out


def test_a_deleted_row_leaves_a_gap_that_is_reported(three_events):
    removed, successor = three_events[1], three_events[2]
    _lift("no_delete", "audit_event")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [removed.pk])

    out, error = _verify()

    assert error is not None
    assert f"BROKEN at id {successor.pk}" in out and "removed or rewritten" in out
    assert f"prev_hash expected {three_events[0].hash}" in out and f"prev_hash found    {removed.hash}" in out


def test_a_changed_sensitive_read_is_reported(commune_leader, home_commune):
    read = sensitive_read_record(
        actor=commune_leader, obj=home_commune, what="x", reason="y", unit=home_commune
    )
    _lift("no_update", "audit_sensitiveread")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_sensitiveread SET reason = %s WHERE id = %s", ["", read.pk])

    count, head, fault = chain_verify(SensitiveRead)

    assert fault is not None and (fault.id, fault.field) == (read.pk, "hash")


def test_the_chain_stays_whole_across_the_desks_bulk_intake(desk_officer, home_commune):
    from gandan.dossiers.tests.factories import make_procedure, received

    last = Event.objects.order_by("-id").first()
    dossier = received(make_procedure(), home_commune, desk_officer)

    new = list(Event.objects.filter(pk__gt=last.pk if last else 0).order_by("id"))
    assert len([e for e in new if e.object_id == str(dossier.pk)]) >= 2
    prev = last.hash if last else GENESIS
    for event in new:
        assert event.prev_hash == prev
        prev = event.hash
    assert chain_verify(Event)[2] is None


def test_gandan_audit_verify_is_the_same_command(monkeypatch):
    from gandan import cli

    ran = []
    monkeypatch.setattr(cli, "_manage", lambda *args: ran.append(args))

    assert cli.main(["audit", "verify", "--no-progress"]) == 0
    assert ran == [("audit_verify", "--no-progress")]
