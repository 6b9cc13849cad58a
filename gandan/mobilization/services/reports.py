"""The periodic mass-mobilisation report (DOMAIN.md §7.4): started for a commune or a province and a period, its
figures computed from every module present (gandan.kit.reports asks each module's `report_sections`; a module
absent contributes nothing), the officer's narrative, then the leader's approval, which freezes the figures.

`Report.figures` is a snapshot, a list of sections as the report prints them:

    [{"key": "petitions.petitions", "title": "…", "order": 50,
      "figures": [{"key": "received", "label": "…", "value": 12, "url": "/staff/petitions/?…", "note": ""}, …]}, …]

A province's report consolidates its communes: the same hooks over the province's path give the figures, and each
figure also carries `communes`, one entry per commune of the province ({"name", "path", "value", "url"}), the rows
of the Excel annex. Labels are Vietnamese whatever the officer's interface language: the report is an official
document, and the snapshot is what it prints.
"""

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gandan.accounts.models import User
from gandan.accounts.scope import in_user_scope, subtree_paths
from gandan.audit.services import event_record
from gandan.core.mobilization import reports as rules
from gandan.core.mobilization.periods import Period, PeriodError, PeriodKind, period_for, period_title
from gandan.core.vntext import normalize
from gandan.errors import NON_FIELD, Conflict, DomainError, NotAllowed, too_long
from gandan.kit.reports import report_sections
from gandan.mobilization.models import Report
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit, subtree_q

NUMBER_MAX = 50


class ReportExists(Conflict):
    """A report of the unit for the period exists already: `report` is that one, for the page to link to."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            "report_exists",
            _(
                "A report of %(unit)s for %(period)s already exists (%(state)s): open it instead of starting "
                "another."
            )
            % {
                "unit": report.unit.name,
                "period": period_title(period_of(report)),
                "state": report.get_state_display().lower(),
            },
        )


def period_of(report: Report) -> Period:
    return Period(
        PeriodKind(report.period_kind), report.period_start, report.period_end, report.period_number
    )


def report_title(report: Report) -> str:
    """ "Kết quả công tác dân vận tháng 11 năm 2026" — the line under "BÁO CÁO"."""
    return f"Kết quả công tác dân vận {period_title(period_of(report))}"


# --- Checks --------------------------------------------------------------------------------------------------------


def _require(by: User, action: rules.Action) -> None:
    if not by.can(rules.PERMISSION[action]):
        raise NotAllowed("not_allowed", _("Your role does not allow this action."))


def _in_scope(by: User, path: str) -> bool:
    return in_user_scope(by, path)


def _unit_errors(by: User, unit: Unit | None) -> dict[str, str]:
    if unit is None or unit.valid_to is not None or unit.kind not in COMMUNE_KINDS | PROVINCE_KINDS:
        return {"unit": _("Choose the commune or the province the report is for.")}
    if not _in_scope(by, unit.path):
        return {"unit": _("You can only report for your own unit.")}
    return {}


def _period(
    kind: str, *, year: int | None, number: int | None, start: dt.date | None, end: dt.date | None
) -> tuple[Period | None, dict[str, str]]:
    """The period, or every problem with what was typed (field → message)."""
    if kind not in {k.value for k in PeriodKind}:
        return None, {"period_kind": _("Choose the period the report covers.")}
    try:
        period = period_for(kind, year=year, number=number, start=start, end=end)
    except PeriodError as error:
        errors = _period_errors(PeriodKind(kind), error.code, start=start, end=end)
        if error.code == "year" and kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            try:  # the month or quarter may be wrong too: say both at once
                period_for(kind, year=2000, number=number)
            except PeriodError:
                errors.update(_period_errors(PeriodKind(kind), "number", start=start, end=end))
        return None, errors
    if period.start > timezone.localdate():
        field = "start" if period.kind is PeriodKind.ADHOC else "year"
        return None, {field: _("The period has not begun yet: a report covers days that have passed.")}
    return period, {}


def _period_errors(
    kind: PeriodKind, code: str, *, start: dt.date | None, end: dt.date | None
) -> dict[str, str]:
    if kind is PeriodKind.ADHOC:
        errors: dict[str, str] = {}
        if start is None:
            errors["start"] = _("Enter the first day of the period (dd/mm/yyyy).")
        if end is None:
            errors["end"] = _("Enter the last day of the period (dd/mm/yyyy).")
        if errors:
            return errors
        if code == "end":
            return {"end": _("The period ends before it starts: the last day must be on or after the first.")}
        if code == "too_long":
            return {"end": _("An ad hoc period covers at most two years: make it shorter.")}
        return {"start": _("Enter dates between 2000 and 2100.")}
    if code == "number":
        if kind is PeriodKind.QUARTER:
            return {"number": _("Choose a quarter from 1 to 4.")}
        return {"number": _("Choose a month from 1 to 12.")}
    return {"year": _("Enter a year between 2000 and 2100.")}


def _state(report: Report, action: rules.Action) -> rules.State:
    if not rules.allowed(report.state, action):
        if action is rules.Action.REFRESH and report.state == rules.State.APPROVED:
            message = _(
                "The figures of an approved report are frozen: they are kept as the leader approved them."
            )
        elif action in (rules.Action.REFRESH, rules.Action.WRITE):
            message = _(
                "The report is waiting for approval: the leader returns it to draft if it must change."
            )
        else:
            message = _("This cannot be done on a report that is “%(state)s”.") % {
                "state": report.get_state_display().lower()
            }
        raise Conflict("report_state", message)
    return rules.next_state(report.state, action)


def _locked(report: Report, by: User) -> Report:
    locked = Report.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if not _in_scope(by, locked.unit_path):
        raise NotAllowed("not_allowed", _("You can only act on your own unit's reports."))
    return locked


# --- The figures ---------------------------------------------------------------------------------------------------


def figures_compute(*, unit: Unit, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The snapshot of the figures (see the module's docstring), in Vietnamese. A province's figures are the hooks'
    over its whole area, and each figure lists the same figure of every commune of the province."""
    with translation.override("vi"):
        sections = [
            s.as_json()
            for s in report_sections(
                unit_path=unit.path, paths=subtree_paths(unit.path), start=start, end=end
            )
        ]
        if unit.kind in PROVINCE_KINDS:
            _by_commune(unit, sections, start=start, end=end)
    return sections


def _by_commune(province: Unit, sections: list[dict[str, Any]], *, start: dt.date, end: dt.date) -> None:
    communes = (
        Unit.objects.current()
        .filter(subtree_q(province.path), kind__in=COMMUNE_KINDS)
        .order_by("name_search", "pk")
    )
    for figure in (f for s in sections for f in s["figures"]):
        figure["communes"] = []
    for commune in communes:
        found = {
            (s.key, f.key): f
            for s in report_sections(
                unit_path=commune.path, paths=subtree_paths(commune.path), start=start, end=end
            )
            for f in s.figures
        }
        for section in sections:
            for figure in section["figures"]:
                mine = found.get((section["key"], figure["key"]))
                figure["communes"].append(
                    {
                        "name": commune.name,
                        "path": commune.path,
                        "value": mine.value if mine else None,
                        "url": mine.url if mine else "",
                    }
                )


# --- The services --------------------------------------------------------------------------------------------------


def report_create(
    *,
    unit: Unit | None,
    period_kind: str,
    year: int | None = None,
    number: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    report_number: str = "",
    by: User,
) -> Report:
    """Start the report of `unit` (a commune or a province in the officer's area) for a period: a month, a quarter
    (`number`), 6 or 9 months, a year (`year`), or ad hoc (`start` to `end`). Its figures are computed at once.
    One report per unit and period: a second is refused with the first (`ReportExists.report`). The figures are
    computed before the short write (a province's take a while; the database is not held meanwhile)."""
    _require(by, rules.Action.WRITE)
    errors = _unit_errors(by, unit)
    period, period_errors = _period(period_kind, year=year, number=number, start=start, end=end)
    errors.update(period_errors)
    report_number = normalize(report_number or "")
    if message := too_long(report_number, max_length=NUMBER_MAX):
        errors["report_number"] = message
    if errors:
        raise DomainError("report_invalid", errors=errors)
    assert unit is not None and period is not None  # checked above
    same = {"unit": unit, "period_kind": period.kind, "period_start": period.start, "period_end": period.end}
    existing = Report.objects.select_related("unit").filter(**same).first()
    if existing is not None:
        raise ReportExists(existing)
    report = Report(
        unit=unit,
        unit_path=unit.path,
        period_kind=period.kind,
        period_number=period.number,
        period_start=period.start,
        period_end=period.end,
        figures=figures_compute(unit=unit, start=period.start, end=period.end),
        computed_at=timezone.now(),
        number=report_number,
        drafted_by=by,
    )
    try:
        with transaction.atomic():
            report.save()
            event_record(
                actor=by,
                action="mobilization.report_create",
                obj=report,
                unit=unit,
                details={
                    "period": period.kind,
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                },
            )
    except IntegrityError:  # another officer started the same report a moment ago
        raise ReportExists(Report.objects.select_related("unit").get(**same)) from None
    return report


def report_refresh(*, report: Report, by: User) -> Report:
    """Recompute a draft's figures from today's data (an approved report's are frozen). Computed first, then
    stored if the report is still a draft."""
    _require(by, rules.Action.REFRESH)
    if not _in_scope(by, report.unit_path):
        raise NotAllowed("not_allowed", _("You can only act on your own unit's reports."))
    _state(report, rules.Action.REFRESH)
    figures = figures_compute(unit=report.unit, start=report.period_start, end=report.period_end)
    with transaction.atomic():
        report = _locked(report, by)
        _state(report, rules.Action.REFRESH)
        report.figures = figures
        report.computed_at = timezone.now()
        report.save(update_fields=["figures", "computed_at", "updated_at"])
        event_record(actor=by, action="mobilization.report_refresh", obj=report, unit=report.unit)
    return report


@transaction.atomic
def report_write(*, report: Report, narrative: dict[str, str], by: User, number: str | None = None) -> Report:
    """Write the narrative sections of a draft (section key → text; the keys of core.mobilization.reports.NARRATIVE)
    and, when given, its number ("12-BC/ĐU"). A section left out keeps its text."""
    _require(by, rules.Action.WRITE)
    report = _locked(report, by)
    _state(report, rules.Action.WRITE)
    known = dict(rules.NARRATIVE)
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for key, text in narrative.items():
        if key not in known:
            errors[NON_FIELD] = _("The report has no section “%(key)s”.") % {"key": key}
            continue
        cleaned[key] = normalize(text or "", multiline=True)
        if message := too_long(cleaned[key], max_length=rules.NARRATIVE_MAX):
            errors[key] = message
    if number is not None:
        number = normalize(number)
        if message := too_long(number, max_length=NUMBER_MAX):
            errors["number"] = message
    if errors:
        raise DomainError("report_invalid", errors=errors)
    report.narrative = {**report.narrative, **cleaned}
    fields = ["narrative", "updated_at"]
    if number is not None:
        report.number = number
        fields.append("number")
    report.save(update_fields=fields)
    event_record(
        actor=by,
        action="mobilization.report_write",
        obj=report,
        unit=report.unit,
        details={"sections": sorted(cleaned), **({"number": number} if number is not None else {})},
    )
    return report


@transaction.atomic
def report_submit(*, report: Report, by: User) -> Report:
    """Send a draft to the leader. Every narrative section must be written."""
    _require(by, rules.Action.SUBMIT)
    report = _locked(report, by)
    state = _state(report, rules.Action.SUBMIT)
    missing = {
        key: _("Write this part before submitting the report.")
        for key, _heading in rules.NARRATIVE
        if not (report.narrative.get(key) or "").strip()
    }
    if missing:
        raise DomainError("report_incomplete", errors=missing)
    report.state = state
    report.save(update_fields=["state", "updated_at"])
    event_record(actor=by, action="mobilization.report_submit", obj=report, unit=report.unit)
    return report


@transaction.atomic
def report_approve(*, report: Report, by: User) -> Report:
    """The leader approves a submitted report: its figures are frozen as they stand."""
    _require(by, rules.Action.APPROVE)
    report = _locked(report, by)
    report.state = _state(report, rules.Action.APPROVE)
    report.approved_by = by
    report.approved_at = timezone.now()
    report.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    event_record(actor=by, action="mobilization.report_approve", obj=report, unit=report.unit)
    return report


@transaction.atomic
def report_return(*, report: Report, by: User, reason: str) -> Report:
    """The leader sends a submitted report back to draft, saying what to change."""
    _require(by, rules.Action.RETURN)
    report = _locked(report, by)
    state = _state(report, rules.Action.RETURN)
    reason = normalize(reason or "", multiline=True)
    if not reason:
        raise DomainError("reason_required", _("Say what the drafter should change."), field="reason")
    if message := too_long(reason, max_length=2000):
        raise DomainError("reason_too_long", message, field="reason")
    report.state = state
    report.save(update_fields=["state", "updated_at"])
    event_record(
        actor=by,
        action="mobilization.report_return",
        obj=report,
        unit=report.unit,
        details={"reason": reason},
    )
    return report


def report_export(*, report: Report, kind: str, by: User) -> tuple[bytes, str, str]:
    """The report as an editable Word document (`kind` "docx") or its Excel annex ("xlsx"): (content, file name,
    content type). Each export is in the audit trail."""
    from gandan.mobilization import report_documents

    if not by.can("mobilization.view") or not _in_scope(by, report.unit_path):
        raise NotAllowed("not_allowed", _("You can only act on your own unit's reports."))
    if kind == "docx":
        content = report_documents.report_docx(report)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif kind == "xlsx":
        content = report_documents.report_xlsx(report)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise DomainError("export_kind", _("Choose Word (.docx) or Excel (.xlsx)."))
    event_record(
        actor=by, action="mobilization.report_export", obj=report, unit=report.unit, details={"kind": kind}
    )
    return content, f"{report_documents.file_stem(report)}.{kind}", content_type
