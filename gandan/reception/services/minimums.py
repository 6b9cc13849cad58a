"""Citizen reception services, the statutory minimums: how many regular reception days each leader's office must
hold per week or month, as versioned data with its legal basis, the rule against delegating reception to a deputy,
and the compliance of a unit's leaders with those minimums, period by period.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from gandan.accounts.models import User
from gandan.accounts.rules import Role
from gandan.core.vntext import fold
from gandan.petitions.services.common import local_today
from gandan.reception.models import LeaderKind, ReceptionDay
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

# --- The statutory minimums, as data with their legal basis ------------------------------------------------------


@dataclass(frozen=True)
class ReceptionMinimum:
    """At least `days` regular reception days per `period` for a leader of `leader_kind`, from `valid_from` to
    `valid_to` (None: open). A correction is a new row; the newest row covering a day is the one in force."""

    leader_kind: str
    period: Literal["week", "month"]
    days: int
    legal_basis: str | Promise
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


LAW_42_IN_FORCE = dt.date(2014, 7, 1)  # Law on Citizen Reception 42/2013/QH13
CONCLUSION_215 = dt.date(2025, 11, 23)  # Conclusion 215-KL/TW amending Regulation 11-QĐi/TW
REGULATION_11 = dt.date(2019, 2, 18)

MINIMUMS: tuple[ReceptionMinimum, ...] = (
    ReceptionMinimum(
        leader_kind=LeaderKind.COMMUNE_CHAIRMAN,
        period="week",
        days=1,
        legal_basis=gettext_lazy("Law on Citizen Reception 42/2013/QH13, Art. 15(2)(d)"),
        valid_from=LAW_42_IN_FORCE,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.COMMUNE_PARTY_SECRETARY,
        period="month",
        days=2,
        legal_basis=gettext_lazy("Regulation 11-QĐi/TW as amended by Conclusion 215-KL/TW"),
        valid_from=CONCLUSION_215,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.PROVINCE_CHAIRMAN,
        period="month",
        days=1,
        legal_basis=gettext_lazy("Law on Citizen Reception 42/2013/QH13, Art. 12(5)"),
        valid_from=LAW_42_IN_FORCE,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.PROVINCE_PARTY_SECRETARY,
        period="month",
        days=1,
        legal_basis=gettext_lazy("Regulation 11-QĐi/TW (2019), as amended by Conclusion 215-KL/TW"),
        valid_from=REGULATION_11,
    ),
    ReceptionMinimum(
        leader_kind=LeaderKind.OTHER_HEAD,
        period="month",
        days=1,
        legal_basis=gettext_lazy(
            "Law on Citizen Reception 42/2013/QH13, Art. 18(2); Decree 154/2026, Art. 10(2)"
        ),
        valid_from=LAW_42_IN_FORCE,
    ),
)

# Law 136/2025/QH15 (in force 1/7/2026): heads may no longer delegate reception to their deputies.
NO_DELEGATION_FROM = dt.date(2026, 7, 1)
NO_DELEGATION_BASIS = gettext_lazy("Law 136/2025/QH15 amending the Law on Citizen Reception")

# Which office needs which role, and which level of unit.
_ROLE_OF = {
    LeaderKind.COMMUNE_CHAIRMAN: Role.UNIT_LEADER,
    LeaderKind.PROVINCE_CHAIRMAN: Role.UNIT_LEADER,
    LeaderKind.COMMUNE_PARTY_SECRETARY: Role.PARTY_SECRETARY,
    LeaderKind.PROVINCE_PARTY_SECRETARY: Role.PARTY_SECRETARY,
}
_UNIT_KINDS = {
    LeaderKind.COMMUNE_CHAIRMAN: COMMUNE_KINDS,
    LeaderKind.COMMUNE_PARTY_SECRETARY: COMMUNE_KINDS,
    LeaderKind.PROVINCE_CHAIRMAN: PROVINCE_KINDS,
    LeaderKind.PROVINCE_PARTY_SECRETARY: PROVINCE_KINDS,
    LeaderKind.OTHER_HEAD: COMMUNE_KINDS | PROVINCE_KINDS,
}
# The offices every commune (or province) must fill, flagged in the compliance view even with no day scheduled.
EXPECTED_KINDS = {
    "commune": (LeaderKind.COMMUNE_CHAIRMAN, LeaderKind.COMMUNE_PARTY_SECRETARY),
    "province": (LeaderKind.PROVINCE_CHAIRMAN, LeaderKind.PROVINCE_PARTY_SECRETARY),
}


def minimum_for(leader_kind: str, on: dt.date) -> ReceptionMinimum | None:
    found = [m for m in MINIMUMS if m.leader_kind == leader_kind and m.covers(on)]
    return max(found, key=lambda m: m.valid_from or dt.date.min) if found else None


def is_deputy(user: User | None) -> bool:
    """A deputy (phó chủ tịch, phó bí thư …), told by the position title, the only place the data says it."""
    return fold(getattr(user, "position", "") or "").startswith("pho ")


# --- Compliance with the minimums ---------------------------------------------------------------------------------


@dataclass
class PeriodCompliance:
    start: dt.date
    end: dt.date
    required: int
    today: dt.date = field(repr=False)
    held: int = 0  # regular days held
    scheduled: int = 0  # regular days still to come (not held, not cancelled)
    ad_hoc: int = 0  # ad-hoc days held (they do not count)

    @property
    def compliant(self) -> bool:
        return self.held >= self.required

    @property
    def status(self) -> str:
        """met; missed (the period is over and below the minimum); pending (still running or to come)."""
        if self.compliant:
            return "met"
        return "missed" if self.end < self.today else "pending"


@dataclass
class LeaderCompliance:
    leader: object | None  # the User, or None: nobody has a reception day in this office
    leader_kind: str
    minimum: ReceptionMinimum | None
    periods: list[PeriodCompliance]

    @property
    def leader_kind_label(self) -> str:
        return str(LeaderKind(self.leader_kind).label)

    @property
    def missed(self) -> list[PeriodCompliance]:
        return [p for p in self.periods if p.status == "missed"]

    @property
    def met(self) -> int:
        return sum(1 for p in self.periods if p.status == "met")

    @property
    def ended(self) -> int:
        return sum(1 for p in self.periods if p.status != "pending")

    @property
    def compliant(self) -> bool:
        return not self.missed

    @property
    def held(self) -> int:
        return sum(p.held for p in self.periods)


def _periods(kind: Literal["week", "month"], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Whole weeks (Monday–Sunday) or calendar months that overlap start..end."""
    found = []
    if kind == "week":
        cursor = start - dt.timedelta(days=start.weekday())
        while cursor <= end:
            found.append((cursor, cursor + dt.timedelta(days=6)))
            cursor += dt.timedelta(days=7)
    else:
        cursor = start.replace(day=1)
        while cursor <= end:
            following = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            found.append((cursor, following - dt.timedelta(days=1)))
            cursor = following
    return found


def compliance(
    unit: Unit,
    *,
    leader_kind: str,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    expected: bool = False,
) -> list[LeaderCompliance]:
    """Per leader of `leader_kind` in `unit`, per period of the rule (week for the commune chairman, month for the
    others) overlapping start..end: the required number of regular days, how many were held (ad-hoc days and
    cancelled or unheld days do not count) and whether the minimum was met. With `expected` and nobody scheduled in
    this office, one row with `leader=None` flags every period."""
    today = today or local_today()
    rule = minimum_for(leader_kind, end) or minimum_for(leader_kind, start)
    spans = _periods(rule.period if rule else "month", start, end)
    if not spans:
        return []
    days = list(
        ReceptionDay.objects.filter(
            unit=unit, leader_kind=leader_kind, day__gte=spans[0][0], day__lte=spans[-1][1]
        )
        .select_related("leader")
        .order_by("day")
    )
    leaders: dict[int | None, User | None] = {d.leader_id: d.leader for d in days}
    if not leaders and expected:
        leaders = {None: None}
    rows: list[LeaderCompliance] = []
    for leader_id, leader in sorted(leaders.items(), key=lambda item: str(item[1] or "")):
        periods = []
        for first, last in spans:
            minimum = minimum_for(leader_kind, first)
            period = PeriodCompliance(
                start=first, end=last, required=minimum.days if minimum else 0, today=today
            )
            for d in days:
                if d.leader_id != leader_id or not first <= d.day <= last or d.cancelled_reason:
                    continue
                if d.ad_hoc:
                    period.ad_hoc += int(d.held)
                elif d.held:
                    period.held += 1
                else:
                    period.scheduled += int(d.day >= today)
            periods.append(period)
        rows.append(LeaderCompliance(leader=leader, leader_kind=leader_kind, minimum=rule, periods=periods))
    return rows


def compliance_for_unit(
    unit: Unit, *, start: dt.date, end: dt.date, today: dt.date | None = None
) -> list[LeaderCompliance]:
    """Every office of `unit`: those the unit must fill (chairman and party secretary of a commune or province,
    flagged even when nobody is scheduled) and any other head who has reception days."""
    level = "commune" if unit.kind in COMMUNE_KINDS else "province" if unit.kind in PROVINCE_KINDS else ""
    expected = EXPECTED_KINDS.get(level, ())
    present = set(
        ReceptionDay.objects.filter(unit=unit, day__gte=start - dt.timedelta(days=7), day__lte=end)
        .values_list("leader_kind", flat=True)
        .distinct()
    )
    rows: list[LeaderCompliance] = []
    for kind in LeaderKind.values:
        if kind in expected or kind in present:
            rows += compliance(
                unit, leader_kind=kind, start=start, end=end, today=today, expected=kind in expected
            )
    return rows


# --- The province's table: each commune, each office, month by month ----------------------------------------------


@dataclass
class MonthCell:
    month: int
    held: int = 0
    required: int = 0
    missed: bool = False  # a period of the month ended below the minimum
    pending: bool = False  # a period of the month is still running or to come

    @property
    def status(self) -> str:
        if self.missed:
            return "missed"
        if self.pending and self.held < self.required:
            return "pending"
        return "met"


@dataclass
class CommuneRow:
    unit: Unit
    leader: object | None
    leader_kind_label: str
    months: list[MonthCell]

    @property
    def held(self) -> int:
        return sum(c.held for c in self.months)

    @property
    def required(self) -> int:
        return sum(c.required for c in self.months)


def compliance_by_commune(units: list[Unit], *, year: int, today: dt.date | None = None) -> list[CommuneRow]:
    """One row per commune and office (the offices `compliance_for_unit` reports), with the regular days held and
    required month by month. A week counts in the month of its Monday; a cell is "missed" when one of its periods
    ended below the minimum."""
    today = today or local_today()
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows: list[CommuneRow] = []
    for unit in units:
        for office in compliance_for_unit(unit, start=start, end=end, today=today):
            cells = [MonthCell(month=m) for m in range(1, 13)]
            for period in office.periods:
                if period.start.year != year:
                    continue
                cell = cells[period.start.month - 1]
                cell.held += period.held
                cell.required += period.required
                cell.missed = cell.missed or period.status == "missed"
                cell.pending = cell.pending or period.status == "pending"
            rows.append(CommuneRow(unit, office.leader, office.leader_kind_label, cells))
    return rows


# --- The periodic mass-mobilisation report (module.report_sections) -------------------------------------------------


@dataclass
class ReportFigures:
    units: list[Unit]  # the communes and provinces in force whose leaders were measured
    held: int = 0  # regular days held, in the periods of the rule that begin in the report's period
    required: int = 0  # the statutory minimum of those periods
    missed: int = 0  # of those periods, the ended ones below the minimum
    ad_hoc: int = 0  # ad-hoc days held (they do not count towards the minimum)
    records: int = 0  # lines of the reception book (turns)
    people: int = 0  # citizens received (a group counts every person)


def report_figures(
    *, unit_path: str, paths: list[str], start: dt.date, end: dt.date, today: dt.date | None = None
) -> ReportFigures:
    """Reception in the period for the units at `paths`, whoever asks: each commune's and province's offices measured
    by `compliance_for_unit` (the compliance view's own rule), a period of the rule (a week, a month) counting in
    the report's period when it begins in it — as the province's month-by-month table counts it — and the
    citizens written in the book from `start` to `end`."""
    from django.db.models import Count, Sum
    from django.utils import timezone

    from gandan.reception.models import ReceptionRecord

    today = today or local_today()
    units = list(
        Unit.objects.current()
        .filter(path__in=paths, kind__in=[*COMMUNE_KINDS, *PROVINCE_KINDS])
        .order_by("path")
    )
    found = ReportFigures(units=units)
    for unit in units:
        for office in compliance_for_unit(unit, start=start, end=end, today=today):
            for period in office.periods:
                if start <= period.start <= end:
                    found.held += period.held
                    found.required += period.required
                    found.ad_hoc += period.ad_hoc
                    found.missed += period.status == "missed"
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    stop = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    book = ReceptionRecord.objects.filter(unit_path__in=paths, at__gte=begin, at__lt=stop).aggregate(
        n=Count("id"), people=Sum("people_count")
    )
    found.records, found.people = book["n"], book["people"] or 0
    return found
