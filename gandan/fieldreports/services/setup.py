"""The field reports' setup, kept as data by officials: the categories (Open311 services), their extra questions, the
versioned time limits and the village points.

Who may do what:
- categories, their questions and their time limits are installation-wide (an Open311 client sees one list of
  services), so only the province supervisor and the administrator change them (`require_catalogue`); a commune's
  chairman reads them;
- a village's or a commune's point belongs to the commune: its chairman keeps the points of his commune, the
  province supervisor and the administrator those of the whole province (`require_places`, by the user's scope).

A time limit is never corrected in place: a correction is a new row valid from a day not before today, so a report
keeps the due day computed at its receipt and the history stays readable. Every service is one transaction with its
audit event; on any problem it raises DomainError naming each field, and nothing is saved."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm, Role
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core import fieldreports as rules
from gandan.core.vntext import normalize
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.fieldreports.models import Attribute, Category, FieldReport, PlacePoint, TimerRule
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

CATALOGUE_ROLES = frozenset({Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN})
LIST_TYPES = frozenset({rules.Datatype.SINGLE.value, rules.Datatype.MULTI.value})
HANDLER_ROLES = (Role.CASE_HANDLER.value, Role.DESK_OFFICER.value, Role.UNIT_LEADER.value)
OPTION_KEY_MAX = 50
OPTION_NAME_MAX = 150
OPTIONS_MAX = 50
TIMER_DAYS_MAX = 90


def may_edit_catalogue(user: User | None) -> bool:
    return bool(user is not None and user.can(Perm.FIELDREPORTS_SETUP) and user.role_set & CATALOGUE_ROLES)


def require_catalogue(user: User | None) -> None:
    if not may_edit_catalogue(user):
        raise NotAllowed(
            "not_allowed",
            _(
                "Only the province supervisor and the administrator change the report categories, their questions "
                "and their time limits."
            ),
        )


def may_edit_place(user: User | None, unit: Unit) -> bool:
    return bool(user is not None and user.can(Perm.FIELDREPORTS_SETUP) and in_user_scope(user, unit.path))


def _check_lengths(values: dict[str, tuple[str, int]], errors: dict[str, str]) -> None:
    for name, (value, limit) in values.items():
        message = too_long(value, max_length=limit)
        if message and name not in errors:
            errors[name] = message


# --- Categories ------------------------------------------------------------------------------------------------------


@dataclass
class CategoryFacts:
    code: str
    name: str
    description: str = ""
    keywords: str = ""
    group: str = ""
    level: str = Category.Level.COMMUNE
    handler_role: str = Role.CASE_HANDLER.value
    active: bool = True
    order: int = 100


def _clean_category(facts: CategoryFacts, *, category: Category | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    code = (facts.code or "").strip()
    values = {
        "name": normalize(facts.name or ""),
        "description": normalize(facts.description or ""),
        "keywords": normalize(facts.keywords or ""),
        "group": normalize(facts.group or ""),
    }
    if category is None:
        if not rules.SERVICE_CODE.match(code):
            errors["code"] = _(
                "The code is 1 to 50 small letters without diacritics, digits, “-” or “_”, starting with a letter "
                "or a digit, e.g. duong-hu-hong."
            )
        elif Category.objects.filter(code=code).exists():
            errors["code"] = _("Another category already has the code “%(code)s”. Choose another.") % {
                "code": code
            }
    if not values["name"]:
        errors["name"] = _("Give the category a name, e.g. “Đường, cầu, cống hư hỏng”.")
    _check_lengths(
        {
            "name": (values["name"], 150),
            "description": (values["description"], 500),
            "keywords": (values["keywords"], 300),
            "group": (values["group"], 100),
        },
        errors,
    )
    if facts.level not in Category.Level.values:
        errors["level"] = _("Choose who handles reports of this category.")
    if facts.handler_role not in HANDLER_ROLES:
        errors["handler_role"] = _("Choose the role told of each new report.")
    if not 0 <= facts.order <= 32_767:
        errors["order"] = _("The order is a whole number from 0 to 32767.")
    if errors:
        raise DomainError("category_invalid", errors=errors)
    return {
        **values,
        "level": facts.level,
        "handler_role": facts.handler_role,
        "active": bool(facts.active),
        "order": facts.order,
        **({"code": code} if category is None else {}),
    }


@transaction.atomic
def category_save(*, category: Category | None, facts: CategoryFacts, by: User) -> Category:
    """Create a category (`category` None) or correct one. Its code, what Open311 clients keep, is set once. Saving
    bumps `changed_at`, the changeset of Open311's discovery."""
    require_catalogue(by)
    values = _clean_category(facts, category=category)
    created = category is None
    if category is None:
        category = Category(**values)
        before: dict[str, Any] = {}
    else:
        category = Category.objects.select_for_update().get(pk=category.pk)
        before = {name: getattr(category, name) for name in values}
        for name, value in values.items():
            setattr(category, name, value)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:  # a category of the same code made by someone else at the same moment
        raise DomainError(
            "category_code_taken",
            _("Another category already has the code “%(code)s”. Choose another.") % {"code": facts.code},
            field="code",
        ) from None
    changed = sorted(name for name, value in values.items() if before.get(name) != value)
    event_record(
        actor=by,
        action="fieldreports.category_save",
        obj=category,
        unit=by.unit,
        details={"code": category.code, "created": created, "changed": changed},
    )
    return category


@transaction.atomic
def category_delete(*, category: Category, by: User) -> None:
    """Remove a category nobody ever reported under; one with reports is only switched off (`active`)."""
    require_catalogue(by)
    if FieldReport.objects.filter(category=category).exists():
        raise DomainError(
            "category_has_reports",
            _(
                "Reports were received under this category: it cannot be deleted. Untick “accepting reports” to "
                "stop new ones."
            ),
        )
    code = category.code
    event_record(
        actor=by, action="fieldreports.category_delete", obj=category, unit=by.unit, details={"code": code}
    )
    category.delete()


# --- Extra questions -------------------------------------------------------------------------------------------------


@dataclass
class AttributeFacts:
    code: str
    datatype: str
    description: str
    required: bool = False
    variable: bool = True
    help: str = ""
    order: int = 1
    options: list[tuple[str, str]] | None = None  # (key, name) of a list's options, as typed


def _clean_options(
    datatype: str, options: list[tuple[str, str]], errors: dict[str, str]
) -> list[dict[str, str]]:
    if datatype not in LIST_TYPES:
        if options:
            errors["options"] = _("Only a question answered from a list has options: remove them.")
        return []
    cleaned: list[dict[str, str]] = []
    seen: set[str] = set()
    for key, name in options:
        key, name = normalize(key or ""), normalize(name or "")
        if not key or not name:
            errors["options"] = _("Each option needs a key and a name, e.g. “lon | Lớn (trên 1 m)”.")
            return []
        if len(key) > OPTION_KEY_MAX or len(name) > OPTION_NAME_MAX:
            errors["options"] = _("An option's key is at most %(key)s characters, its name %(name)s.") % {
                "key": OPTION_KEY_MAX,
                "name": OPTION_NAME_MAX,
            }
            return []
        if key in seen:
            errors["options"] = _("The key “%(key)s” is used twice: each option needs its own key.") % {
                "key": key
            }
            return []
        seen.add(key)
        cleaned.append({"key": key, "name": name})
    if not cleaned:
        errors["options"] = _("A question answered from a list needs at least one option.")
    elif len(cleaned) > OPTIONS_MAX:
        errors["options"] = _("At most %(n)s options.") % {"n": OPTIONS_MAX}
    return cleaned


def _clean_attribute(
    facts: AttributeFacts, *, category: Category, attribute: Attribute | None
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    code = (facts.code or "").strip()
    description = normalize(facts.description or "")
    help_text = normalize(facts.help or "")
    others = Attribute.objects.filter(category=category)
    if attribute is not None:
        others = others.exclude(pk=attribute.pk)
    if not rules.ATTRIBUTE_CODE.match(code):
        errors["code"] = _("The code is 1 to 50 letters without diacritics, digits, “-” or “_”, e.g. muc_do.")
    elif others.filter(code=code).exists():
        errors["code"] = _("This category already has a question with the code “%(code)s”.") % {"code": code}
    if facts.datatype not in {d.value for d in rules.Datatype}:
        errors["datatype"] = _("Choose the kind of answer.")
    if not description:
        errors["description"] = _("Write the question as the reporter will read it.")
    _check_lengths({"description": (description, 500), "help": (help_text, 300)}, errors)
    if not 1 <= facts.order <= 32_767:
        errors["order"] = _("The order is a whole number from 1 to 32767.")
    elif others.filter(order=facts.order).exists():
        errors["order"] = _(
            "Another question of this category has the order %(n)s. Choose another number."
        ) % {"n": facts.order}
    values = _clean_options(facts.datatype, facts.options or [], errors)
    if facts.required and not facts.variable:
        errors["required"] = _("A question that asks for no answer cannot be required.")
    if errors:
        raise DomainError("attribute_invalid", errors=errors)
    return {
        "code": code,
        "datatype": facts.datatype,
        "description": description,
        "datatype_description": help_text,
        "required": bool(facts.required),
        "variable": bool(facts.variable),
        "order": facts.order,
        "values": values,
    }


@transaction.atomic
def attribute_save(
    *, category: Category, attribute: Attribute | None, facts: AttributeFacts, by: User
) -> Attribute:
    """Add an extra question to `category` (`attribute` None) or correct one. The category's `changed_at` moves, so
    Open311 clients read its service definition again."""
    require_catalogue(by)
    if attribute is not None and attribute.category_id != category.pk:
        raise ValueError("the question belongs to another category")
    category = Category.objects.select_for_update().get(pk=category.pk)
    values = _clean_attribute(facts, category=category, attribute=attribute)
    created = attribute is None
    if attribute is None:
        attribute = Attribute(category=category, **values)
    else:
        for name, value in values.items():
            setattr(attribute, name, value)
    try:
        with transaction.atomic():
            attribute.save()
    except IntegrityError:  # the same code or order saved by someone else at the same moment
        raise DomainError(
            "attribute_taken",
            _("Another question of this category has this code or order. Choose another."),
            field="order",
        ) from None
    category.save(update_fields=["changed_at"])
    event_record(
        actor=by,
        action="fieldreports.attribute_save",
        obj=category,
        unit=by.unit,
        details={"category": category.code, "code": attribute.code, "created": created},
    )
    return attribute


@transaction.atomic
def attribute_delete(*, attribute: Attribute, by: User) -> None:
    """Remove an extra question (answers already given stay on their reports)."""
    require_catalogue(by)
    category = Category.objects.select_for_update().get(pk=attribute.category_id)
    code = attribute.code
    attribute.delete()
    category.save(update_fields=["changed_at"])
    event_record(
        actor=by,
        action="fieldreports.attribute_delete",
        obj=category,
        unit=by.unit,
        details={"category": category.code, "code": code},
    )


# --- Time limits -----------------------------------------------------------------------------------------------------


@transaction.atomic
def timer_add(
    *,
    category: Category,
    valid_from: dt.date,
    days: int,
    source: str,
    by: User,
    today: dt.date | None = None,
) -> TimerRule:
    """A new time limit of `category` from `valid_from` (today or later): reports received from that day are due
    `days` working days after their receipt; those received before keep their due day."""
    require_catalogue(by)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    source = normalize(source or "")
    if valid_from < today:
        errors["valid_from"] = _(
            "A time limit applies from today or a later day (%(today)s at the earliest): a past day would change "
            "what reports already received were promised."
        ) % {"today": today.strftime("%d/%m/%Y")}
    if not 1 <= days <= TIMER_DAYS_MAX:
        errors["days"] = _("Give from 1 to %(max)s working days.") % {"max": TIMER_DAYS_MAX}
    if not source:
        errors["source"] = _("Name the decision that sets this time limit, e.g. Quyết định số 12/QĐ-UBND.")
    _check_lengths({"source": (source, 300)}, errors)
    category = Category.objects.select_for_update().get(pk=category.pk)
    if (
        "valid_from" not in errors
        and TimerRule.objects.filter(category=category, valid_from=valid_from).exists()
    ):
        errors["valid_from"] = _(
            "A time limit from %(day)s is already recorded; it is never changed. Choose a later day."
        ) % {"day": valid_from.strftime("%d/%m/%Y")}
    if errors:
        raise DomainError("timer_invalid", errors=errors)
    rule = TimerRule.objects.create(
        category=category, valid_from=valid_from, days=days, source=source, created_by=by
    )
    event_record(
        actor=by,
        action="fieldreports.timer_add",
        obj=category,
        unit=by.unit,
        details={"category": category.code, "valid_from": valid_from.isoformat(), "days": days},
    )
    return rule


# --- Place points ----------------------------------------------------------------------------------------------------


def _coordinate(raw: str, *, low: float, high: float, field: str, errors: dict[str, str]) -> Decimal | None:
    text = (raw or "").strip()
    if not text:
        errors[field] = _("Enter the %(what)s in decimal degrees, e.g. %(example)s.") % {
            "what": _("latitude") if field == "lat" else _("longitude"),
            "example": "21.4502" if field == "lat" else "105.3861",
        }
        return None
    value = rules.parse_coordinate(text, low=low, high=high)
    if value is None:
        errors[field] = _(
            "%(value)s is not a %(what)s inside the province (between %(low)s and %(high)s). Check the number: "
            "latitude first, then longitude."
        ) % {
            "value": text,
            "what": _("latitude") if field == "lat" else _("longitude"),
            "low": low,
            "high": high,
        }
        return None
    return Decimal(f"{value:.6f}")


@transaction.atomic
def place_save(*, unit: Unit, lat: str, long: str, source: str, by: User) -> PlacePoint:
    """Record (or correct) the point of a village or a commune's centre of the user's units. Both coordinates lie in
    the province's extent (settings.GANDAN_FIELDREPORTS_BOX)."""
    if not may_edit_place(by, unit):
        raise NotAllowed("not_allowed", _("You may not set the point of this place."))
    if unit.kind not in GRASSROOTS_KINDS | COMMUNE_KINDS or unit.valid_to is not None:
        raise DomainError("place_kind", _("Only a village or a commune in force has a point."))
    south, west, north, east = settings.GANDAN_FIELDREPORTS_BOX
    errors: dict[str, str] = {}
    la = _coordinate(lat, low=south, high=north, field="lat", errors=errors)
    lo = _coordinate(long, low=west, high=east, field="long", errors=errors)
    source = normalize(source or "")
    _check_lengths({"source": (source, 300)}, errors)
    if errors or la is None or lo is None:
        raise DomainError("place_invalid", errors=errors)
    point = PlacePoint.objects.select_for_update().filter(unit=unit).first()
    before = (str(point.lat), str(point.long)) if point is not None else None
    if point is None:
        point = PlacePoint.objects.create(unit=unit, lat=la, long=lo, source=source)
    else:
        point.lat, point.long, point.source = la, lo, source
        point.save(update_fields=["lat", "long", "source"])
    event_record(
        actor=by,
        action="fieldreports.place_save",
        obj=unit,
        unit=unit,
        details={
            "unit": unit.name,
            "lat": str(la),
            "long": str(lo),
            **({"before": f"{before[0]}, {before[1]}"} if before else {}),
        },
    )
    return point


def audit_setup_actions() -> dict[str, str]:
    """The audit trail's words for these services (merged into module.audit_actions)."""
    return {
        "fieldreports.category_save": _("Saved a field report category"),
        "fieldreports.category_delete": _("Deleted a field report category"),
        "fieldreports.attribute_save": _("Saved an extra question of a field report category"),
        "fieldreports.attribute_delete": _("Removed an extra question of a field report category"),
        "fieldreports.timer_add": _("Set a new time limit for a field report category"),
        "fieldreports.place_save": _("Recorded the point of a village or commune"),
    }
