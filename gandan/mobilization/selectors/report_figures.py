"""Mass mobilisation's own part of the periodic report (module.report_sections): the network as it stood on the
period's last day, what the teams did in the period, and the "dân vận khéo" models registered, recognised and
replicated in it. Counted for the units at `paths` whoever asks: the report has already checked who asks.

As of the period's end:
- a team counts when it was set up by then (`established_on` empty or on/before the end) and not dissolved by then
  (`dissolved_on` empty or after the end);
- a member counts once per Member row, whatever the number of roles the person holds, when the term had begun
  (`term_start` empty or on/before the end) and had not ended (`term_end` empty or after the end: `term_end` is the
  day the person left, as on the teams' pages), in a team that counts;
- a village (or residential group) counts when it existed on that day; it is "without a team" when no team counts
  there.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from gandan.mobilization.models import Activity, Initiative, Member, Team
from gandan.units.models import GRASSROOTS_KINDS, Unit


@dataclass(frozen=True)
class NetworkFigures:
    teams: int
    members: int
    villages: int
    villages_without_team: int
    meetings: int
    campaigns: int
    people_reached: int
    mediations: int
    reconciled: int
    notes: int


@dataclass(frozen=True)
class ModelFigures:
    registered: int
    recognised: int
    replicated: int


def teams_at(paths: list[str], day: dt.date) -> QuerySet[Team]:
    """The teams of the units at `paths` that existed on `day`."""
    return Team.objects.filter(unit_path__in=paths).filter(
        Q(established_on__isnull=True) | Q(established_on__lte=day),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day),
    )


def members_at(teams: QuerySet[Team], day: dt.date) -> QuerySet[Member]:
    """The members of `teams` whose term covered `day` (one row is one person, whatever their roles)."""
    return Member.objects.filter(team__in=teams).filter(
        Q(term_start__isnull=True) | Q(term_start__lte=day),
        Q(term_end__isnull=True) | Q(term_end__gt=day),
    )


def villages_at(paths: list[str], day: dt.date) -> QuerySet[Unit]:
    """The villages and residential groups among `paths` that existed on `day`."""
    return Unit.objects.filter(path__in=paths, kind__in=GRASSROOTS_KINDS).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
    )


def network_figures(*, paths: list[str], start: dt.date, end: dt.date) -> NetworkFigures:
    teams = teams_at(paths, end)
    villages = villages_at(paths, end)
    activities = Activity.objects.filter(unit_path__in=paths, held_on__gte=start, held_on__lte=end).aggregate(
        meetings=Count("id", filter=Q(kind=Activity.Kind.MEETING)),
        campaigns=Count("id", filter=Q(kind=Activity.Kind.CAMPAIGN)),
        people=Sum("people_reached", filter=Q(kind=Activity.Kind.CAMPAIGN)),
        mediations=Count("id", filter=Q(kind=Activity.Kind.MEDIATION)),
        reconciled=Count(
            "id",
            filter=Q(kind=Activity.Kind.MEDIATION, mediation_result=Activity.MediationResult.SUCCESS),
        ),
        notes=Count("id", filter=Q(kind=Activity.Kind.NOTE)),
    )
    return NetworkFigures(
        teams=teams.count(),
        members=members_at(teams, end).count(),
        villages=villages.count(),
        villages_without_team=villages.exclude(pk__in=teams.values("village_id")).count(),
        meetings=activities["meetings"],
        campaigns=activities["campaigns"],
        people_reached=activities["people"] or 0,
        mediations=activities["mediations"],
        reconciled=activities["reconciled"],
        notes=activities["notes"],
    )


def model_figures(*, paths: list[str], start: dt.date, end: dt.date) -> ModelFigures:
    """Models registered in the period (replications included), recognised in it (whatever happened to them
    after), and replications registered in it (a model copied from another)."""
    found = Initiative.objects.filter(unit_path__in=paths).aggregate(
        registered=Count("id", filter=Q(registered_on__gte=start, registered_on__lte=end)),
        recognised=Count("id", filter=Q(recognised_on__gte=start, recognised_on__lte=end)),
        replicated=Count(
            "id",
            filter=Q(registered_on__gte=start, registered_on__lte=end, copied_from__isnull=False),
        ),
    )
    return ModelFigures(**found)


# --- The hook (gathered by module.py) ---------------------------------------------------------------------------


def _url(name: str, *params: str) -> str:
    """The staff list `name` with `params`; "" while that page does not exist."""
    from django.urls import NoReverseMatch, reverse

    from gandan.kit.reports import query

    try:
        return reverse(name) + query(*params)
    except NoReverseMatch:
        return ""


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list:
    """The network and the models in the periodic report (gandan.kit.reports), first in it."""
    from django.utils.translation import gettext as _

    from gandan.kit.reports import Figure, ReportSection, commune_filter

    unit = commune_filter(unit_path)
    net = network_figures(paths=paths, start=start, end=end)
    models = model_figures(paths=paths, start=start, end=end)
    dates = (f"date_from={start.isoformat()}", f"date_to={end.isoformat()}")

    def activities(kind: str) -> str:
        return _url("mobilization:activities", f"kind={kind}", *dates, unit)

    teams = _url("mobilization:teams", unit.replace("unit=", "commune=", 1) if unit else unit)
    coverage = teams
    initiatives = _url("mobilization:initiatives", "show=all", unit)
    as_of = _("On %(day)s.") % {"day": f"{end:%d/%m/%Y}"}
    return [
        ReportSection(
            key="mobilization.network",
            title=_("The mobilisation teams and their work"),
            order=10,
            figures=[
                Figure("teams", _("Mobilisation teams"), net.teams, teams, as_of),
                Figure(
                    "members",
                    _("Team members"),
                    net.members,
                    teams,
                    _("Each person once, whatever the number of roles they hold; on %(day)s.")
                    % {"day": f"{end:%d/%m/%Y}"},
                ),
                Figure("villages", _("Villages and residential groups"), net.villages, coverage, as_of),
                Figure(
                    "villages_without_team",
                    _("Villages without a team"),
                    net.villages_without_team,
                    coverage,
                    as_of,
                ),
                Figure("meetings", _("Team meetings held"), net.meetings, activities(Activity.Kind.MEETING)),
                Figure(
                    "campaigns",
                    _("Mobilisation campaigns"),
                    net.campaigns,
                    activities(Activity.Kind.CAMPAIGN),
                ),
                Figure(
                    "people_reached",
                    _("People reached by the campaigns"),
                    net.people_reached,
                    activities(Activity.Kind.CAMPAIGN),
                ),
                Figure(
                    "mediations",
                    _("Grassroots mediation cases"),
                    net.mediations,
                    activities(Activity.Kind.MEDIATION),
                ),
                Figure(
                    "reconciled",
                    _("Of which reconciled"),
                    net.reconciled,
                    activities(Activity.Kind.MEDIATION),
                ),
                Figure(
                    "notes", _("Notes of what people are saying"), net.notes, activities(Activity.Kind.NOTE)
                ),
            ],
        ),
        ReportSection(
            key="mobilization.models",
            title=_("“Dân vận khéo” models"),
            order=20,
            figures=[
                Figure("registered", _("Models registered"), models.registered, initiatives),
                Figure(
                    "recognised",
                    _("Models recognised"),
                    models.recognised,
                    _url("mobilization:initiatives", "show=all", "status=recognised", unit),
                ),
                Figure(
                    "replicated",
                    _("Models replicated"),
                    models.replicated,
                    initiatives,
                    _("Models registered in the period as copies of an earlier one."),
                ),
            ],
        ),
    ]
