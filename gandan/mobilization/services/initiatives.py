"""The "dân vận khéo" models (DOMAIN.md §7.3), their register and their life: registering a model (or a copy of a
recognised one: replication), correcting it, starting it, withdrawing it. Reviewing, recognising and sending back
are in `initiative_decisions`, the evidence in `evidence`. Each change is one transaction with its audit event;
every problem of the input is reported at once and nothing is saved.

A model belongs to the commune that registers it (`unit`, optionally one of its villages); records keep the
commune's path. A recognised model is public (the showcase), so any commune may replicate it: the copy is a new
model of the copying commune, registered, pointing at its source (`copied_from`)."""

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.mobilization import models_rules as rules
from gandan.core.vntext import normalize, search_key
from gandan.errors import Conflict, DomainError, NotAllowed, too_long
from gandan.mobilization.models import Initiative, Team
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = Perm.MOBILIZATION_MANAGE
RECOGNISE = Perm.MODELS_RECOGNISE
YEAR_MIN, YEAR_MAX = (
    2000,
    2100,
)  # a model's period: the movement dates from 2020 [S]; older ones are typed wrong
MAX_FIGURES = 20
FIGURE_LABEL_LENGTH, FIGURE_UNIT_LENGTH = 200, 40
FIGURE_MAX = Decimal(10) ** 15  # beyond any count or sum of money a commune reports


# --- Shared checks ------------------------------------------------------------------------------------------------


def require(by: User | None, *perms: str) -> None:
    """Refuse unless one of `perms` is granted to `by`."""
    if by is None or not any(by.can(p) for p in perms):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def in_scope(by: User, path: str) -> bool:
    return in_user_scope(by, path)


def check_in_scope(by: User, initiative: Initiative) -> None:
    if not in_scope(by, initiative.unit_path):
        raise NotAllowed("out_of_scope", _("You can only act on the models of your own units."))


def lock(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("unit", "village")
        .get(pk=initiative.pk)
    )


def status_label(status: str) -> str:
    labels: dict[str, Any] = dict(Initiative.STATUS_CHOICES)
    return str(labels.get(status, status))


def level_label(level: str) -> str:
    labels: dict[str, Any] = dict(Initiative.LEVEL_CHOICES)
    return str(labels.get(level, level))


def transition(initiative: Initiative, action: rules.Action) -> rules.Status:
    """The status `action` leads to, or a Conflict saying in Vietnamese why not."""
    try:
        return rules.next_status(initiative.status, action)
    except rules.TransitionError as exc:
        raise Conflict(
            "transition_not_allowed",
            _("This action is not possible for a model that is “%(status)s”.")
            % {"status": status_label(initiative.status)},
        ) from exc


def raise_all(code: str, errors: Mapping[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


def search_text(name: str, owner_name: str, place: str) -> str:
    """The folded words a model is found by: its name, its owner and its place."""
    return search_key(f"{name} {owner_name} {place}")[:1000]


def _check_commune(by: User, unit: Unit | None, errors: dict[str, str]) -> None:
    if unit is None or unit.kind not in COMMUNE_KINDS or unit.valid_to is not None:
        errors["unit"] = _("Choose the commune or ward that registers the model.")
    elif not in_scope(by, unit.path):
        errors["unit"] = _("You can only register models of your own commune.")


def _check_village(unit: Unit | None, village: Unit | None, errors: dict[str, str]) -> None:
    if village is None or unit is None:
        return
    if (
        village.kind not in GRASSROOTS_KINDS
        or village.valid_to is not None
        or not village.path.startswith(unit.path + ".")
    ):
        errors["village"] = _("Choose a village or residential group of %(unit)s, or none.") % {
            "unit": unit.name
        }


def _check_team(unit: Unit | None, team: Team | None, errors: dict[str, str]) -> None:
    if team is not None and unit is not None and team.commune_path != unit.path:
        errors["team"] = _("Choose a mobilisation team of %(unit)s.") % {"unit": unit.name}


def _check_period(start: dt.date | None, end: dt.date | None, errors: dict[str, str]) -> None:
    bounds = {"min": YEAR_MIN, "max": YEAR_MAX}
    if start is None:
        errors["period_start"] = _("Enter when the model started, e.g. 01/03/2025.")
    elif not YEAR_MIN <= start.year <= YEAR_MAX:
        errors["period_start"] = _("Enter a date between the years %(min)s and %(max)s.") % bounds
    if end is not None:
        if not YEAR_MIN <= end.year <= YEAR_MAX:
            errors["period_end"] = _("Enter a date between the years %(min)s and %(max)s.") % bounds
        elif start is not None and end < start:
            errors["period_end"] = _("The end of the period cannot be before its start (%(start)s).") % {
                "start": start.strftime("%d/%m/%Y")
            }


_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def parse_figure_value(raw: Any) -> Decimal | None:
    """A figure's value as typed by a Vietnamese officer ("1.200" is one thousand two hundred, "2,5" two and a
    half) or sent as a JSON number; None when it is not a number."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = "".join(str(raw).split())
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            text = text.replace(".", "")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _figure_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def clean_figures(
    figures: Sequence[Mapping[str, Any]] | None, errors: dict[str, str]
) -> list[dict[str, Any]]:
    """The results in figures: rows of {label, value, unit}; a row left blank is skipped; each problem is reported
    on "figures.<row>.<part>"."""
    rows: list[dict[str, Any]] = []
    for i, raw in enumerate(list(figures or [])):
        if not isinstance(raw, Mapping):
            errors[f"figures.{i}"] = _("Figure %(n)s: give a label, a value and a unit.") % {"n": i + 1}
            continue
        label = normalize(str(raw.get("label") or ""))
        unit = normalize(str(raw.get("unit") or ""))
        given = raw.get("value")
        blank_value = given is None or (isinstance(given, str) and not given.strip())
        if not label and not unit and blank_value:
            continue
        prefix, n = f"figures.{i}.", {"n": i + 1}
        if not label:
            errors[prefix + "label"] = (
                _("Figure %(n)s: say what is counted, e.g. households taking part.") % n
            )
        elif len(label) > FIGURE_LABEL_LENGTH:
            errors[prefix + "label"] = _("Figure %(n)s: keep the label under %(max)s characters.") % {
                **n,
                "max": FIGURE_LABEL_LENGTH,
            }
        value = parse_figure_value(given)
        if value is None:
            errors[prefix + "value"] = _("Figure %(n)s: enter a number, e.g. 120 or 2,5.") % n
        elif value < 0:
            errors[prefix + "value"] = _("Figure %(n)s: enter a number of 0 or more.") % n
        elif value >= FIGURE_MAX:
            errors[prefix + "value"] = (
                _(
                    "Figure %(n)s: the number is too large (more than 15 digits); check it, or count in a larger unit."
                )
                % n
            )
        if len(unit) > FIGURE_UNIT_LENGTH:
            errors[prefix + "unit"] = _("Figure %(n)s: keep the unit under %(max)s characters.") % {
                **n,
                "max": FIGURE_UNIT_LENGTH,
            }
        if value is not None:
            rows.append({"label": label, "value": _figure_number(value), "unit": unit})
    if len(rows) > MAX_FIGURES:
        errors["figures"] = _("At most %(n)s figures per model.") % {"n": MAX_FIGURES}
    return rows


def _clean_details(
    *,
    unit: Unit | None,
    village: Unit | None,
    name: str,
    field: str,
    owner_kind: str,
    owner_name: str,
    team: Team | None,
    place: str,
    period_start: dt.date | None,
    period_end: dt.date | None,
    description: str,
    results: str,
    figures: Sequence[Mapping[str, Any]] | None,
    errors: dict[str, str],
    exclude: int | None = None,
) -> dict[str, Any]:
    """What register, correct and replicate share: every field checked, the problems added to `errors`."""
    values: dict[str, Any] = {
        "name": normalize(name or ""),
        "owner_name": normalize(owner_name or ""),
        "place": normalize(place or ""),
        "description": normalize(description or "", multiline=True),
        "results": normalize(results or "", multiline=True),
    }
    if not values["name"]:
        errors["name"] = _("Give the model its name, e.g. “Dân vận khéo trong hiến đất làm đường”.")
    if field not in {f.value for f in rules.Field}:
        errors["field"] = _(
            "Choose the field of the model: economy; culture and society; defence and security; or building the "
            "political system. A model without a field cannot be registered."
        )
    if owner_kind not in {k.value for k in rules.OwnerKind}:
        errors["owner_kind"] = _(
            "Choose who carries out the model: a person, a team, an organisation or a unit."
        )
    if not values["owner_name"]:
        errors["owner_name"] = _("Name the person, team, organisation or unit that carries out the model.")
    if not values["place"]:
        errors["place"] = _("Enter where the model is carried out, e.g. the village and commune.")
    if not values["description"]:
        errors["description"] = _("Describe what the model does and how it mobilises people.")
    for key, limit in (("name", 300), ("owner_name", 200), ("place", 300)):
        if problem := too_long(values[key], max_length=limit):
            errors.setdefault(key, problem)
    _check_village(unit, village, errors)
    _check_team(unit, team, errors)
    _check_period(period_start, period_end, errors)
    values["figures"] = clean_figures(figures, errors)
    key = search_key(values["name"])
    if unit is not None and key and "name" not in errors:
        same = Initiative.objects.filter(unit=unit, village=village, name_search__startswith=key).exclude(
            status=rules.Status.WITHDRAWN
        )
        if exclude is not None:
            same = same.exclude(pk=exclude)
        if any(search_key(other.name) == key for other in same.only("name")):
            errors["name"] = _(
                "A model of this name is already registered here. Open it instead of registering again."
            )
    values.update(
        field=field,
        owner_kind=owner_kind,
        team=team,
        village=village,
        period_start=period_start,
        period_end=period_end,
        name_search=search_text(values["name"], values["owner_name"], values["place"]),
    )
    return values


# --- Registering and correcting ----------------------------------------------------------------------------------


@transaction.atomic
def initiative_register(
    *,
    unit: Unit,
    village: Unit | None = None,
    name: str,
    field: str,
    owner_kind: str,
    owner_name: str,
    team: Team | None = None,
    place: str,
    period_start: dt.date | None,
    period_end: dt.date | None = None,
    description: str,
    results: str = "",
    figures: Sequence[Mapping[str, Any]] | None = None,
    by: User,
) -> Initiative:
    """Register a model of `unit` (a commune in the officer's units), optionally in one of its villages, in one of
    the four fields. Its results in figures are rows {label, value, unit}."""
    require(by, MANAGE)
    errors: dict[str, str] = {}
    _check_commune(by, unit, errors)
    values = _clean_details(
        unit=unit,
        village=village,
        name=name,
        field=field,
        owner_kind=owner_kind,
        owner_name=owner_name,
        team=team,
        place=place,
        period_start=period_start,
        period_end=period_end,
        description=description,
        results=results,
        figures=figures,
        errors=errors,
    )
    raise_all("initiative_invalid", errors)
    initiative = Initiative.objects.create(
        unit=unit, unit_path=unit.path, registered_on=timezone.localdate(), registered_by=by, **values
    )
    event_record(
        actor=by,
        action="mobilization.initiative_register",
        obj=initiative,
        unit=unit,
        details={"field": initiative.field, "village": village.name if village else ""},
    )
    return initiative


_TRACKED = ("name", "field", "owner_kind", "owner_name", "place", "period_start", "period_end", "description")
_FIXED_ONCE_RECOGNISED = ("name", "field")  # what the decision recognised


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    village: Unit | None = None,
    name: str,
    field: str,
    owner_kind: str,
    owner_name: str,
    team: Team | None = None,
    place: str,
    period_start: dt.date | None,
    period_end: dt.date | None = None,
    description: str,
    results: str = "",
    figures: Sequence[Mapping[str, Any]] | None = None,
    copied_from: Initiative | None = None,
    by: User,
) -> Initiative:
    """Correct a model (every field as the form sends it). A withdrawn model is closed; a recognised one keeps the
    name and field its decision recognised. `copied_from` links it to the recognised model it copies: never to
    itself or to one of its own copies (no loop in the replication tree)."""
    require(by, MANAGE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    if initiative.status == rules.Status.WITHDRAWN:
        raise Conflict("initiative_withdrawn", _("This model was withdrawn: it can no longer be changed."))
    errors: dict[str, str] = {}
    values = _clean_details(
        unit=initiative.unit,
        village=village,
        name=name,
        field=field,
        owner_kind=owner_kind,
        owner_name=owner_name,
        team=team,
        place=place,
        period_start=period_start,
        period_end=period_end,
        description=description,
        results=results,
        figures=figures,
        errors=errors,
        exclude=initiative.pk,
    )
    if initiative.status == rules.Status.RECOGNISED:
        for key in _FIXED_ONCE_RECOGNISED:
            if key not in errors and values[key] != getattr(initiative, key):
                errors[key] = _("A recognised model keeps the name and field its decision recognised.")
    _check_source(initiative, copied_from, errors)
    raise_all("initiative_invalid", errors)
    changed = [key for key in _TRACKED if values[key] != getattr(initiative, key)]
    if (copied_from.pk if copied_from else None) != initiative.copied_from_id:
        changed.append("copied_from")
    for key, value in values.items():
        setattr(initiative, key, value)
    initiative.copied_from = copied_from
    initiative.save()
    event_record(
        actor=by,
        action="mobilization.initiative_update",
        obj=initiative,
        unit=initiative.unit,
        details={"fields": ", ".join(changed), "source": copied_from.pk if copied_from else ""},
    )
    return initiative


def _check_source(initiative: Initiative, source: Initiative | None, errors: dict[str, str]) -> None:
    if source is None or source.pk == initiative.copied_from_id:
        return
    if not rules.can_replicate(source.status):
        errors["copied_from"] = _("Only a recognised model can be the source of a copy.")
        return
    parent_of = replication_parents(source)
    if rules.is_ancestor(initiative.pk, source.pk, parent_of):
        errors["copied_from"] = _(
            "This model cannot copy %(name)s: that model is this one or was itself copied from it."
        ) % {"name": source.name}


def replication_parents(start: Initiative, *, depth: int = 64) -> dict[int, int | None]:
    """The "copied from" links above `start`, followed through the database (bounded: a chain longer than `depth`
    is cut, which only makes a loop check stop early, never loop)."""
    parent_of: dict[int, int | None] = {start.pk: start.copied_from_id}
    node = start.copied_from_id
    for _step in range(depth):
        if node is None or node in parent_of:
            break
        parent = Initiative.objects.filter(pk=node).values_list("copied_from_id", flat=True).first()
        parent_of[node] = parent
        node = parent
    return parent_of


# --- Starting and withdrawing -----------------------------------------------------------------------------------


@transaction.atomic
def initiative_start(*, initiative: Initiative, by: User) -> Initiative:
    """The model is being carried out: it can now be reviewed."""
    require(by, MANAGE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    before = initiative.status
    initiative.status = transition(initiative, rules.Action.START)
    initiative.save(update_fields=["status", "updated_at"])
    event_record(
        actor=by,
        action="mobilization.initiative_start",
        obj=initiative,
        unit=initiative.unit,
        details={"from": before, "to": initiative.status},
    )
    return initiative


@transaction.atomic
def initiative_withdraw(*, initiative: Initiative, reason: str, by: User) -> Initiative:
    """The commune gives the model up before it is recognised (a recognised model stays: it was decided)."""
    require(by, MANAGE)
    check_in_scope(by, initiative)
    initiative = lock(initiative)
    before = initiative.status
    after = transition(initiative, rules.Action.WITHDRAW)
    reason = normalize(reason or "", multiline=True)
    if not reason:
        raise DomainError("reason_required", _("Say why the model is withdrawn."), field="reason")
    initiative.status = after
    initiative.save(update_fields=["status", "updated_at"])
    event_record(
        actor=by,
        action="mobilization.initiative_withdraw",
        obj=initiative,
        unit=initiative.unit,
        details={"from": before, "to": after, "reason": reason[:500]},
    )
    return initiative


# --- Replicating -----------------------------------------------------------------------------------------------------


@transaction.atomic
def initiative_replicate(
    *,
    source: Initiative,
    commune: Unit,
    village: Unit | None = None,
    name: str = "",
    owner_kind: str,
    owner_name: str,
    team: Team | None = None,
    place: str = "",
    period_start: dt.date | None = None,
    description: str = "",
    by: User,
) -> Initiative:
    """Copy a recognised model (of any commune: recognised models are public) into `commune`, one of the officer's:
    a new registered model pointing at its source. Name, field and description come from the source unless given;
    the place defaults to the village and commune."""
    require(by, MANAGE)
    source = Initiative.objects.select_related("unit", "village").get(pk=source.pk)
    if not rules.can_replicate(source.status):
        raise Conflict(
            "source_not_recognised",
            _("Only a recognised model can be replicated; this one is “%(status)s”.")
            % {"status": status_label(source.status)},
        )
    errors: dict[str, str] = {}
    _check_commune(by, commune, errors)
    if (
        commune is not None
        and source.unit_id == commune.pk
        and source.village_id == (village.pk if village else None)
    ):
        errors["village"] = _("The model already runs here: choose another village to replicate it in.")
    elif (
        commune is not None
        and Initiative.objects.filter(copied_from=source, unit=commune, village=village)
        .exclude(status=rules.Status.WITHDRAWN)
        .exists()
    ):
        errors["village"] = _("This model is already being replicated here.")
    if not place and commune is not None:
        commune_name = commune.name[:1].lower() + commune.name[1:]  # "Thôn Gò Gạo, xã Hải Lựu"
        place = f"{village.name}, {commune_name}" if village is not None else commune.name
    values = _clean_details(
        unit=commune,
        village=village,
        name=name or source.name,
        field=source.field,
        owner_kind=owner_kind,
        owner_name=owner_name,
        team=team,
        place=place,
        period_start=period_start or timezone.localdate(),
        period_end=None,
        description=description or source.description,
        results="",
        figures=None,
        errors=errors,
    )
    raise_all("replication_invalid", errors)
    copy = Initiative.objects.create(
        unit=commune,
        unit_path=commune.path,
        copied_from=source,
        registered_on=timezone.localdate(),
        registered_by=by,
        **values,
    )
    event_record(
        actor=by,
        action="mobilization.initiative_replicate",
        obj=copy,
        unit=commune,
        details={"source": source.pk, "name": source.name[:300], "unit": source.unit.name},
    )
    return copy
