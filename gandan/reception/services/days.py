"""Citizen reception services, the reception days: scheduling a leader's reception day (the office the leader holds,
no deputy standing in from 01/07/2026, one day per leader and date), marking it as held or cancelling it, and the
status of a day.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import Conflict, DomainError, too_long
from gandan.petitions.services.common import local_today, require, text_required
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.reception.services.helpers import MANAGE, _check_unit, _raise_all
from gandan.reception.services.minimums import (
    _ROLE_OF,
    _UNIT_KINDS,
    NO_DELEGATION_BASIS,
    NO_DELEGATION_FROM,
    is_deputy,
)
from gandan.units.models import Unit

SCHEDULE_AHEAD_DAYS = 366


def day_status(day: ReceptionDay) -> str:
    if day.cancelled_reason:
        return "cancelled"
    if day.held:
        return "held"
    return "scheduled"


# --- Reception days ------------------------------------------------------------------------------------------------


def office_errors(
    *, unit: Unit, leader: User | None, leader_kind: str, day: dt.date | None
) -> dict[str, str]:
    """What is wrong with `leader` receiving citizens as `leader_kind` of `unit` on `day` (from 1/7/2026 a deputy
    cannot stand in): field → message, empty when nothing is."""
    errors: dict[str, str] = {}
    if leader_kind not in LeaderKind.values:
        errors["leader_kind"] = _("Choose in which capacity the leader receives citizens.")
    elif unit.kind not in _UNIT_KINDS[LeaderKind(leader_kind)]:
        errors["leader_kind"] = _("This office does not exist at the level of %(unit)s.") % {
            "unit": unit.name
        }
    if leader is None or not leader.is_active or leader.unit_id != unit.pk:
        errors["leader"] = _("Choose an active officer of %(unit)s.") % {"unit": unit.name}
    elif leader_kind in _ROLE_OF and not leader.has_role(_ROLE_OF[LeaderKind(leader_kind)]):
        errors["leader"] = _("%(who)s does not hold this office: choose the %(office)s.") % {
            "who": leader,
            "office": LeaderKind(leader_kind).label.lower(),
        }
    elif day is not None and day >= NO_DELEGATION_FROM and is_deputy(leader):
        errors["leader"] = _(
            "From 01/07/2026 the head receives citizens in person; a deputy cannot stand in (%(basis)s)."
        ) % {"basis": NO_DELEGATION_BASIS}
    return errors


@transaction.atomic
def reception_day_schedule(
    *,
    unit: Unit,
    leader: User,
    leader_kind: str,
    day: dt.date,
    place: str,
    ad_hoc: bool = False,
    ad_hoc_reason: str = "",
    by: User,
) -> ReceptionDay:
    """Schedule a leader's reception day. The leader is an active officer of the unit holding the office
    (`leader_kind`); from 1/7/2026 a deputy cannot stand in. An ad-hoc day (Art. 18(3)) needs its reason. A leader
    has at most one reception day per date."""
    require(by, MANAGE)
    _check_unit(by, unit)
    errors = office_errors(unit=unit, leader=leader, leader_kind=leader_kind, day=day)
    today = local_today()
    if day is None:
        errors["day"] = _("Enter the date, e.g. 15/04/2026.")
    elif abs((day - today).days) > SCHEDULE_AHEAD_DAYS:
        errors["day"] = _("Choose a date within a year of today.")
    place = normalize(place or "")
    if not place:
        errors["place"] = _("Enter the place, e.g. “Phòng tiếp công dân, UBND xã”.")
    elif problem := too_long(place, max_length=300):
        errors["place"] = problem
    ad_hoc_reason = normalize(ad_hoc_reason or "", multiline=True)
    if ad_hoc and not ad_hoc_reason:
        errors["ad_hoc_reason"] = _(
            "Say why an ad-hoc reception is needed (e.g. a group of many people, a complex or urgent case)."
        )
    if not errors.get("leader") and day is not None:
        existing = ReceptionDay.objects.filter(leader=leader, day=day).first()
        if existing is not None:
            errors["day"] = (
                _("%(who)s already has a reception day on %(day)s (cancelled); choose another date.")
                if existing.cancelled_reason
                else _("%(who)s already has a reception day on %(day)s.")
            ) % {"who": leader, "day": day.strftime("%d/%m/%Y")}
    _raise_all("reception_day_invalid", errors)
    try:
        with (
            transaction.atomic()
        ):  # a concurrent double booking hits the unique constraint: answer it the same way
            day_obj = ReceptionDay.objects.create(
                unit=unit,
                unit_path=unit.path,
                leader=leader,
                leader_kind=leader_kind,
                day=day,
                place=place,
                ad_hoc=bool(ad_hoc),
                ad_hoc_reason=ad_hoc_reason if ad_hoc else "",
            )
    except IntegrityError:
        raise DomainError(
            "reception_day_taken",
            _("%(who)s already has a reception day on %(day)s.")
            % {"who": leader, "day": day.strftime("%d/%m/%Y")},
            field="day",
        ) from None
    event_record(
        actor=by,
        action="petitions.reception_day_schedule",
        obj=day_obj,
        unit=unit,
        details={"leader": leader.pk, "kind": leader_kind, "day": day.isoformat(), "ad_hoc": bool(ad_hoc)},
    )
    return day_obj


def _lock_day(day_obj: ReceptionDay) -> ReceptionDay:
    return ReceptionDay.objects.select_for_update().select_related("unit", "leader").get(pk=day_obj.pk)


@transaction.atomic
def reception_day_held(*, day_obj: ReceptionDay, by: User) -> ReceptionDay:
    """The leader received citizens that day (only then does a regular day count towards the minimum)."""
    require(by, MANAGE)
    day_obj = _lock_day(day_obj)
    _check_unit(by, day_obj.unit)
    if day_obj.cancelled_reason:
        raise Conflict("reception_day_cancelled", _("This reception day was cancelled."))
    if day_obj.held:
        raise Conflict("reception_day_held", _("This reception day is already marked as held."))
    if day_obj.day > local_today():
        raise Conflict(
            "reception_day_future",
            _("A reception day can be marked as held on or after its date (%(day)s).")
            % {"day": day_obj.day.strftime("%d/%m/%Y")},
        )
    day_obj.held = True
    day_obj.save(update_fields=["held"])
    event_record(
        actor=by,
        action="petitions.reception_day_held",
        obj=day_obj,
        unit=day_obj.unit,
        details={"day": day_obj.day.isoformat()},
    )
    return day_obj


@transaction.atomic
def reception_day_cancel(*, day_obj: ReceptionDay, by: User, reason: str) -> ReceptionDay:
    require(by, MANAGE)
    day_obj = _lock_day(day_obj)
    _check_unit(by, day_obj.unit)
    reason = text_required(reason, field="reason", message=_("Say why the reception day is cancelled."))
    if day_obj.held:
        raise Conflict("reception_day_held", _("A reception day that was held cannot be cancelled."))
    if day_obj.cancelled_reason:
        raise Conflict("reception_day_cancelled", _("This reception day was already cancelled."))
    if day_obj.records.exists():
        raise Conflict(
            "reception_day_has_records",
            _("Citizens were already recorded on this day: mark it as held instead."),
        )
    day_obj.cancelled_reason = reason
    day_obj.save(update_fields=["cancelled_reason"])
    event_record(
        actor=by,
        action="petitions.reception_day_cancel",
        obj=day_obj,
        unit=day_obj.unit,
        details={
            "day": day_obj.day.isoformat(),
            "reason": reason[:300],
        },  # an excerpt: the day keeps it whole
    )
    return day_obj
