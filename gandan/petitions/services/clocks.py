"""Statutory clocks on the database: the rule versions (ClockRule rows) and each case's clocks (Clock rows).

The arithmetic is gandan.core.petition_clocks; here we choose the version in force on the day the case was received
(a case keeps it for life), start and stop clocks, and keep Petition.statutory_due in step for the worklists."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core import petition_clocks as pc
from gandan.errors import DomainError
from gandan.petitions.models import Clock, ClockRule, Petition
from gandan.workcalendar.selectors import work_calendar


def clock_rules_seed() -> int:
    """Create the default versions that are missing (by key and valid_from). Never edits an existing row."""
    have = set(ClockRule.objects.values_list("key", "valid_from"))
    new = [
        ClockRule(
            key=r.key,
            label=r.label,
            days=r.days,
            unit=str(r.unit),
            suspension=str(r.suspension),
            legal_basis=r.legal_basis,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            note=r.note,
        )
        for r in pc.DEFAULT_RULES
        if (r.key, r.valid_from) not in have
    ]
    ClockRule.objects.bulk_create(new)
    return len(new)


def rule_for(key: str, on: dt.date) -> ClockRule:
    """The version in force on `on`: of the rows whose validity covers the day, the newest (a correction)."""
    rule = (
        ClockRule.objects.filter(key=key, valid_from__lte=on).exclude(valid_to__lt=on).order_by("-id").first()
    )
    if rule is None:
        raise DomainError(
            "clock_rule_missing",
            _("No time limit “%(key)s” is in force on %(day)s. Ask the administrator to add it.")
            % {"key": key, "day": on.strftime("%d/%m/%Y")},
        )
    return rule


def _due(rule: ClockRule, start: dt.date, petition: Petition | None = None) -> dt.date | None:
    suspensions = []
    if petition is not None and petition.pk:
        suspensions = [pc.Suspension(start=s.start, end=s.end) for s in petition.suspensions.all()]
    return pc.deadline(
        start,
        rule.days,
        pc.DayUnit(rule.unit),
        calendar=work_calendar(),
        suspensions=suspensions,
        mode=pc.SuspensionMode(rule.suspension),
    )


def clock_start(
    petition: Petition, role: str, key: str, start: dt.date, *, with_suspensions: bool = False
) -> Clock:
    """Start a statutory clock with the version in force at receipt."""
    rule = rule_for(key, petition.received_on)
    due = _due(rule, start, petition if with_suspensions else None)
    clock = Clock.objects.create(
        petition=petition, role=role, rule=rule, started_on=start, original_due=due, due=due
    )
    return clock


def clock_stop(petition: Petition, role: str, on: dt.date) -> Clock | None:
    clock = petition.clocks.filter(role=role, stopped_on__isnull=True).order_by("-id").first()
    if clock is None:
        return None
    clock.stopped_on = on
    clock.late = clock.due is not None and on > clock.due
    clock.save(update_fields=["stopped_on", "late"])
    return clock


def clock_stop_all(petition: Petition, on: dt.date) -> None:
    for clock in petition.clocks.filter(stopped_on__isnull=True):
        clock.stopped_on = on
        clock.late = clock.due is not None and on > clock.due
        clock.save(update_fields=["stopped_on", "late"])


def clock_recompute(petition: Petition, role: str) -> Clock | None:
    """Recompute a running statutory clock after a suspension opened or closed, or an extension was added."""
    clock = (
        petition.clocks.filter(role=role, stopped_on__isnull=True)
        .select_related("rule")
        .order_by("-id")
        .first()
    )
    if clock is None or clock.rule is None:
        return clock
    due = _due(clock.rule, clock.started_on, petition)
    if due is not None and clock.extensions:
        ext_rule = rule_for("denunciation.extension", petition.received_on)
        for _i in range(clock.extensions):
            due = pc.extend(due, ext_rule.days, pc.DayUnit(ext_rule.unit), calendar=work_calendar())
            if due is None:
                break
    clock.due = due
    clock.save(update_fields=["due"])
    return clock


def sync_current_due(petition: Petition) -> None:
    """Petition.statutory_due = the earliest running statutory clock (what the worklists sort and filter on)."""
    dues = [
        c.due
        for c in petition.clocks.filter(stopped_on__isnull=True).exclude(role=Clock.Role.HANDLER)
        if c.due is not None
    ]
    petition.statutory_due = min(dues) if dues else None
    petition.save(update_fields=["statutory_due", "updated_at"])


@transaction.atomic
def clock_rule_correct(
    *,
    key: str,
    days: int,
    unit: str,
    legal_basis: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    suspension: str = "pause",
    label: str = "",
    note: str = "",
    by: User,
) -> ClockRule:
    """An official's correction of a time limit: a new version, never an edit. Cases already received keep
    the version they got; new cases received on or after `valid_from` get this one."""
    from gandan.core.vntext import normalize
    from gandan.petitions.services.common import require

    require(by, "clock_rules.edit")
    errors: dict[str, str] = {}
    if not ClockRule.objects.filter(key=key).exists():
        errors["key"] = _("Choose one of the existing time limits.")
    if not 0 <= days <= 365:
        errors["days"] = _("The number of days is between 0 and 365.")
    if unit not in ClockRule.Unit.values:
        errors["unit"] = _("Choose working days or calendar days.")
    if suspension not in ClockRule.Suspension.values:
        errors["suspension"] = _("Choose what a suspension does to this time limit.")
    legal_basis = normalize(legal_basis or "")
    if not legal_basis:
        errors["legal_basis"] = _("Give the legal basis of the corrected time limit (document and article).")
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = _("The end of validity cannot be before its start.")
    if errors:
        raise DomainError(
            "clock_rule_invalid", errors=errors
        )  # every field's problem, so forms and the API show them all
    previous = ClockRule.objects.filter(key=key).order_by("-id").first()
    assert previous is not None  # the key was checked above
    rule = ClockRule.objects.create(
        key=key,
        label=normalize(label) or previous.label,
        days=days,
        unit=unit,
        suspension=suspension,
        legal_basis=legal_basis,
        valid_from=valid_from,
        valid_to=valid_to,
        note=normalize(note, multiline=True),
        created_by=by,
    )
    event_record(
        actor=by,
        action="petitions.clock_rule_correct",
        obj=rule,
        unit=by.unit,
        details={"key": key, "days": days, "unit": unit, "valid_from": valid_from.isoformat()},
    )
    return rule
