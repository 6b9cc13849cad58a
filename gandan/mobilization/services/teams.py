"""The tổ dân vận of each village and its members (DOMAIN.md §7.2): setting a team up, changing and dissolving it,
adding members with their roles, changing them and ending their term. Each function checks everything first and
reports every problem at once, in one DomainError, then writes in one transaction with its audit event; nothing is
half-saved. Every change needs "mobilization.manage" and stays inside the officer's units.

The rules a team keeps (one current team per village; one person once in a team; a single role such as the leader
or the village head held by one current member) are checked here and by the import (`teams_import`), which shares
the checks of one member (`member_problems`, `role_conflicts`)."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.rules import Perm
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.identifiers import clean_phone, is_phone
from gandan.core.mobilization.teams import SINGLE_ROLES, TeamRole, roles_in_order
from gandan.core.vntext import fold, normalize
from gandan.errors import NON_FIELD, DomainError, NotAllowed, too_long
from gandan.kit.params import day_in_range
from gandan.mobilization.models import TEAM_ROLE_CHOICES, Member, Team
from gandan.mobilization.selectors.teams import current_member_q, is_current_member
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = Perm.MOBILIZATION_MANAGE
TEAM_NAME_PREFIX = (
    "Tổ dân vận"  # the team's name by default: "Tổ dân vận Thôn Bến Đò" (a record's data, not UI)
)
MAX_NAME, MAX_TEAM_NAME, MAX_POSITION, MAX_DECISION, MAX_NOTE = 120, 200, 200, 100, 500


# --- Shared checks -------------------------------------------------------------------------------------------------


def require_manage(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def in_scope(by: User, path: str) -> bool:
    return in_user_scope(by, path)


def role_label(role: str, *, lower: bool = False) -> str:
    """A role's label in the reader's language; `lower` for the middle of a sentence ("chưa có tổ trưởng")."""
    labels: dict[str, object] = dict(TEAM_ROLE_CHOICES)
    label = str(labels.get(role, role))
    return label[:1].lower() + label[1:] if lower else label


def day_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _today() -> dt.date:
    return timezone.localdate()


def _raise(code: str, errors: dict[str, str]) -> None:
    if errors:
        raise DomainError(code, errors=errors)


def _day_problem(value: dt.date | None) -> str | None:
    if value is not None and not day_in_range(value):
        return _("Enter a real date, e.g. 01/07/2025.")
    return None


def clean_roles(roles: Iterable[str] | None) -> tuple[list[TeamRole], list[str]]:
    """The known roles (in TeamRole order, each once) and the codes that are no role."""
    given = [str(r) for r in (roles or [])]
    known = {r.value for r in TeamRole}
    return roles_in_order(r for r in given if r in known), [r for r in given if r not in known]


def member_problems(
    *,
    full_name: str,
    roles: Sequence[str],
    unknown_roles: Sequence[str],
    position: str,
    phone: str,
    term_start: dt.date | None,
    term_end: dt.date | None,
) -> dict[str, str]:
    """What is wrong with one member's own data (the name, roles, phone, term), field → message; the values are
    already cleaned (`normalize`, `clean_phone`)."""
    errors: dict[str, str] = {}
    if not full_name:
        errors["full_name"] = _("Enter the member's full name, e.g. Nguyễn Văn An.")
    elif problem := too_long(full_name, max_length=MAX_NAME):
        errors["full_name"] = problem
    elif not any(ch.isalpha() for ch in full_name):
        errors["full_name"] = _("A full name is written with letters, e.g. Nguyễn Văn An.")
    if unknown_roles:
        errors["roles"] = _("Unknown role: %(roles)s. Choose among the team's roles.") % {
            "roles": ", ".join(unknown_roles)
        }
    elif not roles:
        errors["roles"] = _("Choose at least one role (a member without a particular office is “Member”).")
    if problem := too_long(position, max_length=MAX_POSITION):
        errors["position"] = problem
    if phone and not is_phone(phone):
        errors["phone"] = _("Enter a Vietnamese phone number of 10 digits starting with 0, e.g. 0912345678.")
    for name, day in (("term_start", term_start), ("term_end", term_end)):
        if problem := _day_problem(day):
            errors[name] = problem
    if term_start and term_end and term_end < term_start and "term_end" not in errors:
        errors["term_end"] = _("The term ends (%(end)s) before it starts (%(start)s).") % {
            "end": day_text(term_end),
            "start": day_text(term_start),
        }
    return errors


def role_conflicts(
    *, name_key: str, roles: Sequence[str], others: Iterable[Member]
) -> tuple[Member | None, dict[str, Member]]:
    """Among the team's other current members: the one with the same (folded) name, and for each single role of
    `roles` the member who already holds it."""
    same: Member | None = None
    holders: dict[str, Member] = {}
    for other in others:
        if other.name_key == name_key and same is None:
            same = other
        for role in other.roles:
            if role in roles and role in SINGLE_ROLES:
                holders.setdefault(role, other)
    return same, holders


def conflict_messages(same: Member | None, holders: dict[str, Member]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if same is not None:
        errors["full_name"] = _("%(name)s is already in the team.") % {"name": same.full_name}
    if holders:
        errors["roles"] = " ".join(
            _("%(who)s is already the team's %(role)s: end their term or change their role first.")
            % {"who": member.full_name, "role": role_label(role, lower=True)}
            for role, member in holders.items()
        )
    return errors


def default_team_name(village: Unit) -> str:
    return f"{TEAM_NAME_PREFIX} {village.name}"


def commune_of(village: Unit) -> Unit | None:
    parent = village.parent
    while parent is not None and parent.kind not in COMMUNE_KINDS:
        parent = parent.parent
    return parent


def village_problem(by: User, village: Unit | None) -> str | None:
    if village is None or village.kind not in GRASSROOTS_KINDS or village.valid_to is not None:
        return _("Choose a village or residential group in force.")
    if not in_scope(by, village.path):
        return _("You can only set up teams in the villages of your own unit.")
    if commune_of(village) is None:
        return _("This village belongs to no commune: correct the unit list first.")
    return None


def new_team(
    *,
    village: Unit,
    name: str,
    established_on: dt.date | None,
    decision: str,
    note: str,
    by: User,
) -> Team:
    """Write a checked team (team_create and the import); a concurrent second team hits the unique constraint and
    gets the same answer as a team found by the check."""
    commune = commune_of(village)
    assert commune is not None  # checked by village_problem
    try:
        with transaction.atomic():
            return Team.objects.create(
                village=village,
                unit_path=village.path,
                commune_path=commune.path,
                name=name or default_team_name(village),
                established_on=established_on,
                decision=decision,
                note=note,
                created_by=by,
            )
    except IntegrityError:
        raise DomainError(
            "team_exists",
            _("%(village)s already has a mobilisation team.") % {"village": village.name},
            field="village",
        ) from None


# --- Teams ---------------------------------------------------------------------------------------------------------


def _team_fields(
    *, name: str, established_on: dt.date | None, decision: str, note: str
) -> tuple[dict[str, object], dict[str, str]]:
    values: dict[str, object] = {
        "name": normalize(name or ""),
        "established_on": established_on,
        "decision": normalize(decision or ""),
        "note": normalize(note or ""),
    }
    errors: dict[str, str] = {}
    for key, limit in (("name", MAX_TEAM_NAME), ("decision", MAX_DECISION), ("note", MAX_NOTE)):
        if problem := too_long(str(values[key]), max_length=limit):
            errors[key] = problem
    if problem := _day_problem(established_on):
        errors["established_on"] = problem
    elif established_on and established_on > _today():
        errors["established_on"] = _("A team is set up on a day that has come: check the date.")
    return values, errors


@transaction.atomic
def team_create(
    *,
    village: Unit,
    name: str = "",
    established_on: dt.date | None = None,
    decision: str = "",
    note: str = "",
    by: User,
) -> Team:
    """Set up the tổ dân vận of a village or residential group of the officer's units. A village has at most one
    current team. Without a name, the team is called "Tổ dân vận <village>"."""
    require_manage(by)
    values, errors = _team_fields(name=name, established_on=established_on, decision=decision, note=note)
    if problem := village_problem(by, village):
        errors["village"] = problem
    else:
        existing = Team.objects.filter(village=village, dissolved_on__isnull=True).first()
        if existing is not None:
            errors["village"] = _(
                "%(village)s already has a mobilisation team (%(team)s): change that team, or dissolve it first."
            ) % {"village": village.name, "team": existing.name}
    _raise("team_invalid", errors)
    team = new_team(village=village, by=by, **values)  # type: ignore[arg-type]
    event_record(
        actor=by, action="mobilization.team_create", obj=team, unit=village, details={"village": village.pk}
    )
    return team


def _lock_team(team: Team) -> Team:
    return (
        Team.objects.select_for_update(of=("self",))
        .select_related("village", "village__parent")
        .get(pk=team.pk)
    )


@transaction.atomic
def team_update(
    *,
    team: Team,
    name: str,
    established_on: dt.date | None = None,
    decision: str = "",
    note: str = "",
    by: User,
) -> Team:
    """Change a team's name, founding date, founding decision and note (its village stays)."""
    require_manage(by)
    team = _lock_team(team)
    values, errors = _team_fields(name=name, established_on=established_on, decision=decision, note=note)
    if not in_scope(by, team.unit_path):
        raise NotAllowed("not_allowed", _("You can only change the teams of your own unit."))
    if not values["name"]:
        errors["name"] = _("Enter the team's name, e.g. “%(name)s”.") % {
            "name": default_team_name(team.village)
        }
    if team.dissolved_on is not None:
        errors[NON_FIELD] = _("This team was dissolved on %(day)s: it can no longer be changed.") % {
            "day": day_text(team.dissolved_on)
        }
    _raise("team_invalid", errors)
    changed = {k: v for k, v in values.items() if getattr(team, k) != v}
    for key, value in changed.items():
        setattr(team, key, value)
    if changed:
        team.save(update_fields=list(changed))
        event_record(
            actor=by,
            action="mobilization.team_update",
            obj=team,
            unit=team.village,
            details={"changed": sorted(changed)},
        )
    return team


@transaction.atomic
def team_dissolve(*, team: Team, on: dt.date, by: User) -> Team:
    """Dissolve a team on `on` (a day that has come, not before it was set up). Its current members' terms end the
    same day; the team and its members stay with their history, and the village may have a new team."""
    require_manage(by)
    team = _lock_team(team)
    if not in_scope(by, team.unit_path):
        raise NotAllowed("not_allowed", _("You can only change the teams of your own unit."))
    errors: dict[str, str] = {}
    if team.dissolved_on is not None:
        errors[NON_FIELD] = _("This team was already dissolved on %(day)s.") % {
            "day": day_text(team.dissolved_on)
        }
    if on is None or _day_problem(on):
        errors["on"] = _("Enter the date, e.g. %(day)s.") % {"day": day_text(_today())}
    elif on > _today():
        errors["on"] = _("A team is dissolved on a day that has come: check the date.")
    elif team.established_on and on < team.established_on:
        errors["on"] = _("The team was set up on %(day)s: it cannot be dissolved before.") % {
            "day": day_text(team.established_on)
        }
    _raise("team_dissolve_invalid", errors)
    current = team.members.filter(current_member_q(on))
    # A term that was to start after the dissolution ends the day it starts (a term never ends before it starts).
    ended = current.exclude(term_start__gt=on).update(term_end=on)
    ended += current.filter(term_start__gt=on).update(term_end=F("term_start"))
    team.dissolved_on = on
    team.save(update_fields=["dissolved_on"])
    event_record(
        actor=by,
        action="mobilization.team_dissolve",
        obj=team,
        unit=team.village,
        details={"on": on.isoformat(), "members_ended": ended},
    )
    return team


# --- Members -------------------------------------------------------------------------------------------------------


def _member_values(
    *,
    full_name: str,
    roles: Iterable[str] | None,
    position: str,
    phone: str,
    term_start: dt.date | None,
    term_end: dt.date | None,
) -> tuple[dict[str, object], dict[str, str]]:
    full_name = normalize(full_name or "")
    known, unknown = clean_roles(roles)
    values: dict[str, object] = {
        "full_name": full_name,
        "name_key": fold(full_name),
        "roles": [r.value for r in known],
        "position": normalize(position or ""),
        "phone": clean_phone(phone),
        "term_start": term_start,
        "term_end": term_end,
    }
    errors = member_problems(
        full_name=full_name,
        roles=known,
        unknown_roles=unknown,
        position=str(values["position"]),
        phone=str(values["phone"]),
        term_start=term_start,
        term_end=term_end,
    )
    return values, errors


def _check_against_team(
    team: Team, values: dict[str, object], errors: dict[str, str], *, exclude: int | None = None
) -> None:
    """The conflicts with the team's other current members, added to `errors` (only for a member who is current)."""
    today = _today()
    term_end = values["term_end"]
    if isinstance(term_end, dt.date) and term_end <= today:
        return  # a former member is history: they conflict with nobody
    others = team.members.filter(current_member_q(today))
    if exclude is not None:
        others = others.exclude(pk=exclude)
    same, holders = role_conflicts(
        name_key=str(values["name_key"]),
        roles=list(values["roles"]),  # type: ignore[call-overload]
        others=others,
    )
    for key, message in conflict_messages(same, holders).items():
        errors.setdefault(key, message)


@transaction.atomic
def member_add(
    *,
    team: Team,
    full_name: str,
    roles: Iterable[str],
    position: str = "",
    phone: str = "",
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
    by: User,
) -> Member:
    """Add a person to a current team with every role they hold there (at least one). A person is once in a team;
    a single role (the leader, the village head, the Front's head …) is held by one current member."""
    require_manage(by)
    team = _lock_team(team)  # two officers adding a leader at once: the second sees the first
    if not in_scope(by, team.unit_path):
        raise NotAllowed("not_allowed", _("You can only change the teams of your own unit."))
    values, errors = _member_values(
        full_name=full_name,
        roles=roles,
        position=position,
        phone=phone,
        term_start=term_start,
        term_end=term_end,
    )
    if team.dissolved_on is not None:
        errors[NON_FIELD] = _(
            "This team was dissolved on %(day)s: add the member to the village's new team."
        ) % {"day": day_text(team.dissolved_on)}
    else:
        _check_against_team(team, values, errors)
    _raise("member_invalid", errors)
    member = Member.objects.create(team=team, unit_path=team.unit_path, **values)
    event_record(
        actor=by,
        action="mobilization.member_add",
        obj=member,
        unit=team.village,
        details={"team": team.pk, "roles": member.roles},
    )
    return member


def _lock_member(member: Member) -> Member:
    return (
        Member.objects.select_for_update(of=("self",))
        .select_related("team", "team__village")
        .get(pk=member.pk)
    )


@transaction.atomic
def member_update(
    *,
    member: Member,
    full_name: str,
    roles: Iterable[str],
    position: str = "",
    phone: str = "",
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
    by: User,
) -> Member:
    """Change a member's name, roles, position, phone or term, with the same checks as adding them."""
    require_manage(by)
    _lock_team(member.team)
    member = _lock_member(member)
    if not in_scope(by, member.unit_path):
        raise NotAllowed("not_allowed", _("You can only change the teams of your own unit."))
    values, errors = _member_values(
        full_name=full_name,
        roles=roles,
        position=position,
        phone=phone,
        term_start=term_start,
        term_end=term_end,
    )
    if member.team.dissolved_on is not None:
        errors[NON_FIELD] = _("This team was dissolved on %(day)s: its members can no longer be changed.") % {
            "day": day_text(member.team.dissolved_on)
        }
    else:
        _check_against_team(member.team, values, errors, exclude=member.pk)
    _raise("member_invalid", errors)
    changed = {k: v for k, v in values.items() if getattr(member, k) != v}
    for key, value in changed.items():
        setattr(member, key, value)
    if changed:
        member.save(update_fields=list(changed))
        event_record(
            actor=by,
            action="mobilization.member_update",
            obj=member,
            unit=member.team.village,
            details={"team": member.team_id, "changed": sorted(changed)},
        )
    return member


@transaction.atomic
def member_end(*, member: Member, on: dt.date, by: User) -> Member:
    """End a member's term on `on` (the day they leave: from then on they are no longer counted)."""
    require_manage(by)
    member = _lock_member(member)
    if not in_scope(by, member.unit_path):
        raise NotAllowed("not_allowed", _("You can only change the teams of your own unit."))
    errors: dict[str, str] = {}
    if not is_current_member(member, _today()):
        errors[NON_FIELD] = _("%(name)s's term already ended on %(day)s.") % {
            "name": member.full_name,
            "day": day_text(member.term_end),  # type: ignore[arg-type]
        }
    if on is None or _day_problem(on):
        errors["on"] = _("Enter the date, e.g. %(day)s.") % {"day": day_text(_today())}
    elif member.term_start and on < member.term_start:
        errors["on"] = _("The term started on %(day)s: it cannot end before.") % {
            "day": day_text(member.term_start)
        }
    _raise("member_end_invalid", errors)
    member.term_end = on
    member.save(update_fields=["term_end"])
    event_record(
        actor=by,
        action="mobilization.member_end",
        obj=member,
        unit=member.team.village,
        details={"team": member.team_id, "on": on.isoformat()},
    )
    return member
