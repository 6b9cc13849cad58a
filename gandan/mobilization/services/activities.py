"""What the mobilisation network did (DOMAIN.md §7.2): a team's monthly meeting with its minutes, a campaign over some
villages with the people it reached, a grassroots mediation case (hòa giải ở cơ sở) with its result, and a note of
what people are saying.

Each kind needs its own facts; every missing or wrong one is reported at once and nothing is saved. A fact that does
not belong to the kind (the people reached by a meeting, a mediation result on a campaign) is dropped: the page is
one form with every field, and a value typed before the officer changed the kind must not linger.

A note of what people are saying is also an opinion signal (DESIGN.md "Citizen signals"), placed in the team's
village; editing the note updates that signal. A mediation case names private people: its content is no signal,
is not indexed for search, and lists and exports show only its title and result.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import DomainError, NotAllowed, too_long
from gandan.mobilization.models import Activity, Team
from gandan.mobilization.search import activity_index
from gandan.units.models import COMMUNE_KINDS, GRASSROOTS_KINDS, Unit

MANAGE = "mobilization.manage"
#: The opinion signal's source kind for a note of what people are saying (labelled in gandan.opinion.sources).
NOTE_SOURCE = "mobilization_note"
EARLIEST = dt.date(2000, 1, 1)  # the network's records start long after; a year typed as 0 or 20 is a slip
TITLE_MAX = 300
CONTENT_MAX = 20_000
OUTCOME_MAX = 5_000
ATTENDEES_MAX = 10_000  # a village meeting, even an extended one, is never bigger
PEOPLE_MAX = 1_000_000  # a campaign over a whole province stays below this
DERIVED_TITLE = 120
VILLAGES_MAX = 200

Kind = Activity.Kind
Result = Activity.MediationResult

__all__ = [
    "EARLIEST",
    "MANAGE",
    "NOTE_SOURCE",
    "ActivityFacts",
    "activity_record",
    "activity_update",
]


@dataclass
class ActivityFacts:
    """What the officer gave, cleaned: the shape both services check and save."""

    kind: str
    held_on: dt.date | None
    title: str
    content: str
    team: Team | None
    villages: list[Unit] = field(default_factory=list)
    people_reached: int | None = None
    attendees: int | None = None
    outcome: str = ""
    mediation_result: str = ""


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _require(by: User | None) -> None:
    if by is None or not by.can(MANAGE):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root + ".")


def _check_commune(by: User, commune: Unit | None) -> None:
    if commune is None or commune.kind not in COMMUNE_KINDS or commune.valid_to is not None:
        raise DomainError("unit_invalid", _("Choose the commune the activity belongs to."), field="commune")
    if not in_user_scope(by, commune.path):
        raise DomainError("unit_out_of_scope", _("You can only act for your own unit."), field="commune")


def _shorten(text: str) -> str:
    """A title made from the first words of a note (for the lists), cut at a word."""
    line = text.replace("\n", " ")
    if len(line) <= DERIVED_TITLE:
        return line
    cut = line[:DERIVED_TITLE].rsplit(" ", 1)[0]
    return (cut or line[:DERIVED_TITLE]).rstrip(" ,.;:") + "…"


def _meeting_title(held_on: dt.date | None) -> str:
    # Data, not interface text: the record is the commune's, in Vietnamese whatever the officer's language.
    if held_on is None:
        return "Sinh hoạt định kỳ tổ dân vận"
    return f"Sinh hoạt định kỳ tổ dân vận tháng {held_on.month}/{held_on.year}"


def _count(
    value: object, *, name: str, lo: int, hi: int, errors: dict[str, str], required: str | None
) -> int | None:
    if value is None or value == "":
        if required:
            errors[name] = required
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        errors[name] = _("Enter a whole number between %(min)s and %(max)s.") % {"min": lo, "max": hi}
        return None
    return int(value)


def _check(facts: ActivityFacts, *, commune: Unit, today: dt.date, errors: dict[str, str]) -> ActivityFacts:
    """Clean `facts` for its kind, adding every problem to `errors`. Returns what would be saved."""
    kind = facts.kind
    if kind not in Kind.values:
        errors["kind"] = _("Choose the kind: monthly meeting, campaign, mediation or what people are saying.")
    held_on = facts.held_on
    if held_on is None:
        errors["held_on"] = _("Enter the date, as dd/mm/yyyy.")
    elif held_on > today:
        errors["held_on"] = _("The date cannot be after today (%(today)s).") % {"today": _day(today)}
    elif held_on < EARLIEST:
        errors["held_on"] = _("The date cannot be before %(earliest)s: check the year.") % {
            "earliest": _day(EARLIEST)
        }

    title = normalize(facts.title or "")
    content = normalize(facts.content or "", multiline=True)
    outcome = normalize(facts.outcome or "", multiline=True)
    team = facts.team
    if team is not None:
        if team.commune_path != commune.path:
            errors["team"] = _("Choose a mobilisation team of %(commune)s.") % {"commune": commune.name}
            team = None
        elif team.dissolved_on is not None and held_on is not None and held_on > team.dissolved_on:
            errors["team"] = _("This team was dissolved on %(day)s; choose the village's current team.") % {
                "day": _day(team.dissolved_on)
            }

    villages: list[Unit] = []
    seen: set[int] = set()
    for village in facts.villages:
        if village.pk in seen:
            continue
        seen.add(village.pk)
        if (
            village.kind not in GRASSROOTS_KINDS
            or village.valid_to is not None
            or not _within(village.path, commune.path)
        ):
            errors["villages"] = _("Choose villages or residential groups of %(commune)s.") % {
                "commune": commune.name
            }
            break
        villages.append(village)
    if len(villages) > VILLAGES_MAX:
        errors["villages"] = _("Choose at most %(n)s villages.") % {"n": VILLAGES_MAX}

    people = attendees = None
    result = ""
    if kind == Kind.MEETING:
        if facts.team is None:
            errors["team"] = _("Choose the team that met.")
        if not content:
            errors["content"] = _("Write the minutes of the meeting: what was discussed and decided.")
        attendees = _count(
            facts.attendees, name="attendees", lo=1, hi=ATTENDEES_MAX, errors=errors,
            required=_("Enter how many people attended."),
        )  # fmt: skip
        title = title or _meeting_title(held_on)
        villages = [team.village] if team is not None else []
    elif kind == Kind.CAMPAIGN:
        if not title:
            errors["title"] = _("Enter the topic of the campaign, e.g. “Hiến đất làm đường liên thôn”.")
        if not villages and "villages" not in errors:
            errors["villages"] = _("Choose at least one village the campaign reached.")
        people = _count(
            facts.people_reached, name="people_reached", lo=1, hi=PEOPLE_MAX, errors=errors,
            required=_("Enter how many people the campaign reached."),
        )  # fmt: skip
    elif kind == Kind.MEDIATION:
        if facts.team is None and not villages and "villages" not in errors:
            errors["team"] = _("Choose the team that mediated, or the village where it took place.")
        if not title:
            errors["title"] = _("Give the case a short title without names, e.g. “Tranh chấp lối đi chung”.")
        if not content:
            errors["content"] = _("Describe the case: who disagreed about what, and how it was mediated.")
        result = facts.mediation_result or ""
        if result not in Result.values:
            errors["mediation_result"] = _(
                "Choose the result: reconciled, not reconciled, still being mediated or referred."
            )
        if not villages and team is not None:
            villages = [team.village]
    elif kind == Kind.NOTE:
        if facts.team is None:
            errors["team"] = _("Choose the team that heard it.")
        if not content:
            errors["content"] = _("Write what people are saying, in their words as far as possible.")
        title = title or _shorten(content)
        villages = [team.village] if team is not None else []

    for name, value, limit in (
        ("title", title, TITLE_MAX),
        ("content", content, CONTENT_MAX),
        ("outcome", outcome, OUTCOME_MAX),
    ):
        if problem := too_long(value, max_length=limit):
            errors.setdefault(name, problem)
    return ActivityFacts(
        kind=kind,
        held_on=held_on,
        title=title,
        content=content,
        team=team,
        villages=villages,
        people_reached=people,
        attendees=attendees,
        outcome=outcome,
        mediation_result=result,
    )


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise DomainError("activity_invalid", errors=errors)


def _signal_moment(held_on: dt.date) -> dt.datetime:
    """When the note was heard: noon of its day (the day is all the officer knows), never later than now."""
    noon = dt.datetime.combine(held_on, dt.time(12), tzinfo=timezone.get_current_timezone())
    return min(noon, timezone.now())


def _signal(activity: Activity, *, new: bool) -> None:
    from gandan.opinion.services import signal_record

    assert activity.team is not None  # a note always has its team (checked above)
    signal_record(
        text=activity.content,
        unit=activity.team.village,
        source_kind=NOTE_SOURCE,
        source_id=activity.pk,
        at=_signal_moment(activity.held_on),
        new_source=new,
    )


def _apply(activity: Activity, facts: ActivityFacts, commune: Unit) -> None:
    activity.kind = facts.kind
    assert facts.held_on is not None
    activity.held_on = facts.held_on
    activity.title = facts.title
    activity.content = facts.content
    activity.team = facts.team
    activity.unit = commune
    activity.unit_path = facts.team.unit_path if facts.team is not None else commune.path
    activity.people_reached = facts.people_reached
    activity.attendees = facts.attendees
    activity.outcome = facts.outcome
    activity.mediation_result = facts.mediation_result


@transaction.atomic
def activity_record(
    *,
    commune: Unit,
    kind: str,
    held_on: dt.date | None,
    title: str = "",
    content: str = "",
    team: Team | None = None,
    villages: Iterable[Unit] = (),
    people_reached: int | None = None,
    attendees: int | None = None,
    outcome: str = "",
    mediation_result: str = "",
    by: User,
) -> Activity:
    """Record what a team or the commune did. By kind:

    - meeting: the team, the minutes (`content`) and the number of attendees; the title defaults to the month's;
    - campaign: the topic (`title`), at least one village of the commune, the number of people reached;
    - mediation: the team (or a village), a title without names, the case (`content`) and its result;
    - note: the team and what people are saying (`content`), which is also recorded as an opinion signal placed in
      the team's village.

    The date is not in the future nor before 2000; the team and villages belong to `commune`, inside the officer's
    units. Every problem is reported at once (DomainError "activity_invalid"), and nothing is saved."""
    _require(by)
    _check_commune(by, commune)
    errors: dict[str, str] = {}
    facts = _check(
        ActivityFacts(
            kind=kind,
            held_on=held_on,
            title=title,
            content=content,
            team=team,
            villages=list(villages),
            people_reached=people_reached,
            attendees=attendees,
            outcome=outcome,
            mediation_result=mediation_result,
        ),
        commune=commune,
        today=timezone.localdate(),
        errors=errors,
    )
    _raise(errors)
    activity = Activity(created_by=by)
    _apply(activity, facts, commune)
    activity.full_clean(exclude=["created_by", "unit", "team", "villages"])
    activity.save(force_insert=True)
    activity.villages.set(facts.villages)
    activity_index(activity)
    if activity.kind == Kind.NOTE:
        _signal(activity, new=True)
    event_record(
        actor=by,
        action="mobilization.activity_record",
        obj=activity,
        unit=commune,
        # What happened, never the content: a mediation case names private people.
        details={"kind": activity.kind, "day": activity.held_on.isoformat()},
    )
    return activity


_COMPARED = (
    "held_on",
    "title",
    "content",
    "team_id",
    "people_reached",
    "attendees",
    "outcome",
    "mediation_result",
)
_SAVED = [name.removesuffix("_id") for name in _COMPARED]


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    held_on: dt.date | None,
    title: str = "",
    content: str = "",
    team: Team | None = None,
    villages: Iterable[Unit] = (),
    people_reached: int | None = None,
    attendees: int | None = None,
    outcome: str = "",
    mediation_result: str = "",
    by: User,
) -> Activity:
    """Correct an activity, by the same rules as `activity_record`. Its kind and commune stay (a note's opinion
    signal follows the note: its text and place are updated, never duplicated)."""
    _require(by)
    activity = Activity.objects.select_for_update(of=("self",)).select_related("unit").get(pk=activity.pk)
    commune = activity.unit
    _check_commune(by, commune)
    errors: dict[str, str] = {}
    facts = _check(
        ActivityFacts(
            kind=activity.kind,
            held_on=held_on,
            title=title,
            content=content,
            team=team,
            villages=list(villages),
            people_reached=people_reached,
            attendees=attendees,
            outcome=outcome,
            mediation_result=mediation_result,
        ),
        commune=commune,
        today=timezone.localdate(),
        errors=errors,
    )
    _raise(errors)
    before = {name: getattr(activity, name) for name in _COMPARED}
    villages_before = set(activity.villages.values_list("pk", flat=True))
    _apply(activity, facts, commune)
    activity.full_clean(exclude=["created_by", "unit", "team", "villages"])
    activity.save(update_fields=[*_SAVED, "unit", "unit_path"])
    activity.villages.set(facts.villages)
    changed = [name.removesuffix("_id") for name in _COMPARED if getattr(activity, name) != before[name]]
    if {v.pk for v in facts.villages} != villages_before:
        changed.append("villages")
    activity_index(activity)
    if activity.kind == Kind.NOTE:
        _signal(activity, new=False)
    event_record(
        actor=by,
        action="mobilization.activity_update",
        obj=activity,
        unit=commune,
        details={"kind": activity.kind, "fields": changed},
    )
    return activity
