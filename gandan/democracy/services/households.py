"""The household register of each village (sổ hộ gia đình for the household votes, Law 10/2022 Art. 15–21): adding a
household with its representative, changing it, marking it as left (the row stays: past votes keep their count).
Each function checks everything first and reports every problem at once in one DomainError, then writes in one
transaction with its audit event. Every change needs "democracy.manage" and a village inside the officer's units.

The checks of one household's own data (`household_problems`) are shared with the spreadsheet import."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import normalize, search_key
from gandan.democracy.models import Household
from gandan.errors import NON_FIELD, DomainError, NotAllowed, too_long
from gandan.kit.params import day_in_range
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = Perm.DEMOCRACY_MANAGE
MAX_CODE, MAX_NAME, MAX_ADDRESS = 30, 120, 300


def require_manage(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def day_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def today() -> dt.date:
    return timezone.localdate()


def commune_of(village: Unit) -> Unit | None:
    parent = village.parent
    while parent is not None and parent.kind not in COMMUNE_KINDS:
        parent = parent.parent
    return parent


def village_problem(by: User, village: Unit | None) -> str | None:
    """Why `by` may not keep the register (or hold a vote) of `village`, or None."""
    if village is None or village.kind not in GRASSROOTS_KINDS or village.valid_to is not None:
        return _("Choose a village or residential group in force.")
    if not in_user_scope(by, village.path):
        return _("You can only work on the villages of your own unit.")
    if commune_of(village) is None:
        return _("This village belongs to no commune: correct the unit list first.")
    return None


def clean_code(code: str) -> str:
    """A household number as the register writes it: trimmed, inner spaces single ("12", "A-15", "Tổ 3/12")."""
    return normalize(str(code or ""))


def household_problems(
    *, code: str, representative: str, address: str, online_optin: bool, optin_on: dt.date | None
) -> dict[str, str]:
    """What is wrong with one household's own data, field → message (the values are already normalised)."""
    errors: dict[str, str] = {}
    if not code:
        errors["code"] = _("Enter the household's number in the village register, e.g. 15.")
    elif problem := too_long(code, max_length=MAX_CODE):
        errors["code"] = problem
    if not representative:
        errors["representative"] = _(
            "Enter the full name of the household's representative, e.g. Nguyễn Văn An."
        )
    elif problem := too_long(representative, max_length=MAX_NAME):
        errors["representative"] = problem
    elif not any(ch.isalpha() for ch in representative):
        errors["representative"] = _("A full name is written with letters, e.g. Nguyễn Văn An.")
    if problem := too_long(address, max_length=MAX_ADDRESS):
        errors["address"] = problem
    if optin_on is not None:
        if not day_in_range(optin_on):
            errors["optin_on"] = _("Enter a real date, e.g. 01/07/2025.")
        elif optin_on > today():
            errors["optin_on"] = _("The day the household agreed is still to come: check the date.")
        elif not online_optin:
            errors["optin_on"] = _(
                "A date of agreement is given but the household did not agree to vote online: tick the box or "
                "clear the date."
            )
    return errors


def _values(
    *, code: str, representative: str, address: str, online_optin: bool, optin_on: dt.date | None
) -> tuple[dict[str, object], dict[str, str]]:
    values: dict[str, object] = {
        "code": clean_code(code),
        "representative": normalize(representative or ""),
        "address": normalize(address or ""),
        "online_optin": bool(online_optin),
        "optin_on": optin_on if online_optin else None,
    }
    errors = household_problems(
        code=str(values["code"]),
        representative=str(values["representative"]),
        address=str(values["address"]),
        online_optin=bool(online_optin),
        optin_on=optin_on,
    )
    if online_optin and optin_on is None and "optin_on" not in errors:
        values["optin_on"] = today()  # agreed today, as the officer records it
    values["name_key"] = search_key(str(values["representative"]))[:120]
    return values, errors


def code_taken_message(village: Unit, holder: Household) -> str:
    if holder.left_on is not None:
        return _(
            "Number %(code)s is already in the register of %(village)s (%(name)s, left on %(day)s): give the "
            "household another number."
        ) % {
            "code": holder.code,
            "village": village.name,
            "name": holder.representative,
            "day": day_text(holder.left_on),
        }
    return _("Number %(code)s is already in the register of %(village)s (%(name)s).") % {
        "code": holder.code,
        "village": village.name,
        "name": holder.representative,
    }


def _raise(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


@transaction.atomic
def household_add(
    *,
    village: Unit,
    code: str,
    representative: str,
    address: str = "",
    online_optin: bool = False,
    optin_on: dt.date | None = None,
    by: User,
) -> Household:
    """Register a household of a village of the officer's units with its representative. A number is once in a
    village's register (a household that left keeps its number)."""
    require_manage(by)
    values, errors = _values(
        code=code,
        representative=representative,
        address=address,
        online_optin=online_optin,
        optin_on=optin_on,
    )
    commune = None
    if problem := village_problem(by, village):
        errors["village"] = problem
    else:
        commune = commune_of(village)
        holder = Household.objects.filter(village=village, code__iexact=values["code"]).first()
        if holder is not None and "code" not in errors:
            errors["code"] = code_taken_message(village, holder)
    _raise("household_invalid", errors)
    assert commune is not None
    try:
        with transaction.atomic():
            household = Household.objects.create(
                village=village, unit_path=village.path, commune_path=commune.path, **values
            )
    except IntegrityError:  # the same number registered meanwhile by another officer
        holder = Household.objects.filter(village=village, code__iexact=values["code"]).first() or Household(
            code=str(values["code"]), representative=""
        )
        raise DomainError("household_invalid", code_taken_message(village, holder), field="code") from None
    event_record(
        actor=by,
        action="democracy.household_add",
        obj=household,
        unit=village,
        details={"village": village.pk, "code": household.code},
    )
    return household


def _lock(household: Household) -> Household:
    return Household.objects.select_for_update(of=("self",)).select_related("village").get(pk=household.pk)


@transaction.atomic
def household_update(
    *,
    household: Household,
    code: str,
    representative: str,
    address: str = "",
    online_optin: bool = False,
    optin_on: dt.date | None = None,
    by: User,
) -> Household:
    """Change a household's number, representative, address or online opt-in (its village stays)."""
    require_manage(by)
    household = _lock(household)
    if not in_user_scope(by, household.unit_path):
        raise NotAllowed("not_allowed", _("You can only work on the villages of your own unit."))
    values, errors = _values(
        code=code,
        representative=representative,
        address=address,
        online_optin=online_optin,
        optin_on=optin_on,
    )
    if household.left_on is not None:
        errors[NON_FIELD] = _(
            "This household left on %(day)s: it is kept for the record and no longer changed."
        ) % {"day": day_text(household.left_on)}
    if online_optin and household.online_optin and optin_on is None:
        values["optin_on"] = household.optin_on  # the date it agreed stays when the form leaves it empty
    holder = (
        Household.objects.filter(village=household.village, code__iexact=values["code"])
        .exclude(pk=household.pk)
        .first()
    )
    if holder is not None and "code" not in errors:
        errors["code"] = code_taken_message(household.village, holder)
    _raise("household_invalid", errors)
    changed = {k: v for k, v in values.items() if getattr(household, k) != v}
    for key, value in changed.items():
        setattr(household, key, value)
    if changed:
        try:
            with transaction.atomic():
                household.save(update_fields=list(changed))
        except IntegrityError:
            raise DomainError(
                "household_invalid",
                _("Number %(code)s is already in the register of %(village)s.")
                % {"code": values["code"], "village": household.village.name},
                field="code",
            ) from None
        event_record(
            actor=by,
            action="democracy.household_update",
            obj=household,
            unit=household.village,
            details={"changed": sorted(k for k in changed if k != "name_key")},
        )
    return household


@transaction.atomic
def household_leave(*, household: Household, on: dt.date | None, by: User) -> Household:
    """Mark a household as having left the village on `on` (a day that has come). It stays in the register for the
    record; from that day it no longer counts among the village's households nor votes."""
    require_manage(by)
    household = _lock(household)
    if not in_user_scope(by, household.unit_path):
        raise NotAllowed("not_allowed", _("You can only work on the villages of your own unit."))
    errors: dict[str, str] = {}
    if household.left_on is not None:
        errors[NON_FIELD] = _("This household already left on %(day)s.") % {
            "day": day_text(household.left_on)
        }
    if on is None or not day_in_range(on):
        errors["on"] = _("Enter the date, e.g. %(day)s.") % {"day": day_text(today())}
    elif on > today():
        errors["on"] = _("A household leaves on a day that has come: check the date.")
    _raise("household_leave_invalid", errors)
    assert on is not None
    household.left_on = on
    household.save(update_fields=["left_on"])
    event_record(
        actor=by,
        action="democracy.household_leave",
        obj=household,
        unit=household.village,
        details={"on": on.isoformat()},
    )
    return household
