"""Mass mobilisation's figures on the leaders' dashboard, as conditions shared by the count
(gandan/mobilization/dashboard_figures.py, grouped by commune and month) and the lists behind each figure (the
coverage's and the models' hidden `indicator` and `period` filters), so that a drill-down opens exactly the records
counted.

- villages_led: the villages and residential groups in force at the month's end (today for this month) whose tổ dân
  vận was in place then with a leader in his term (DOMAIN.md §7.2: the leader is usually the party cell
  secretary), in percent of all the villages in force then;
- recognised: the "dân vận khéo" models recognised in the month (the day of the decision) and still recognised."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from gandan.accounts.scope import scoped, subtree_paths
from gandan.core.mobilization.models_rules import Status
from gandan.core.mobilization.teams import TeamRole
from gandan.mobilization.models import Member, Team
from gandan.units.models import GRASSROOTS_KINDS, Unit

COVERAGE_INDICATORS = ("villages_led",)
INITIATIVE_INDICATORS = ("recognised",)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_moment(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's "at the month's end" figures are measured on: its last day, or today while it runs."""
    return min(next_month(month) - dt.timedelta(days=1), today)


def in_force(valid_from: dt.date | None, valid_to: dt.date | None, moment: dt.date) -> bool:
    """A unit is in force from its `valid_from` to its `valid_to`, both days included (docs/units.md)."""
    return (valid_from is None or valid_from <= moment) and (valid_to is None or valid_to >= moment)


def village_in_force_q(moment: dt.date, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}kind__in": GRASSROOTS_KINDS})
        & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": moment}))
        & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": moment}))
    )


def led_team_q(moment: dt.date) -> Q:
    """A team in place on `moment` (set up by then, not dissolved), in a village in force then, with a member in his
    term holding the leader's role (the roles are a JSON list: `"leader"` with its quotes is that role's code)."""
    leader = Member.objects.filter(
        Q(term_start__isnull=True) | Q(term_start__lte=moment),
        Q(term_end__isnull=True) | Q(term_end__gt=moment),
        team=OuterRef("pk"),
        roles__icontains=f'"{TeamRole.LEADER.value}"',
    )
    return (
        (Q(established_on__isnull=True) | Q(established_on__lte=moment))
        & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=moment))
        & village_in_force_q(moment, "village__")
        & Q(Exists(leader))
    )


def villages_led_for_user(user, month: dt.date, *, today: dt.date, commune: Unit | None = None) -> set[int]:
    """The ids of the villages of the user's units (or of `commune` and the former communes it took over) counted
    by `villages_led` for `month` (the coverage's drill-down)."""
    teams = scoped(Team.objects.all(), user, path_field="unit_path")
    if commune is not None:
        teams = teams.filter(unit_path__in=subtree_paths(commune.path))
    return set(
        teams.filter(led_team_q(month_moment(month, today))).values_list("village_id", flat=True).distinct()
    )


def recognised_q(month: dt.date) -> Q:
    return Q(status=Status.RECOGNISED, recognised_on__gte=month, recognised_on__lt=next_month(month))
