import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.rules import Role
from gandan.modules import Module
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section
from gandan.reception.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.reception.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.reception.selectors import reception_days_between

# The key keeps the addresses reception had while it lived inside the petitions app: the staff pages under
# /staff/petitions/reception/ and the API under /api/v1/petitions/reception/ (bookmarks, printed links, API clients).
MODULE = Module(
    key="petitions/reception",
    name=gettext_lazy("Citizen reception"),
    menu_url="reception:days",
    permission="petitions.view",
    has_public=True,
)


def home_sections(user) -> list:
    """The leaders' reception days of this week (Monday to Sunday), on the chairman's and secretary's home."""
    if not ({Role.UNIT_LEADER, Role.PARTY_SECRETARY} & user.role_set):
        return []
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    days = reception_days_between(user, start=monday, end=sunday)
    rows = [
        Row(
            code=f"{d.day:%d/%m/%Y}",
            name=f"{d.leader} — {d.place}",
            url=reverse("reception:day", args=[d.pk]),
            note=_("reception held") if d.held else (_("reception cancelled") if d.cancelled_reason else ""),
        )
        for d in days[:ROWS_SHOWN]
    ]
    return [
        Section(
            key="reception.week",
            title=_("Reception days this week"),
            note=_("From %(start)s to %(end)s")
            % {"start": f"{monday:%d/%m/%Y}", "end": f"{sunday:%d/%m/%Y}"},
            counts=[Count(_("Days"), len(days), reverse("reception:days"))],
            rows=rows,
            see_all=reverse("reception:days"),
            empty=_("No reception day is scheduled this week."),
        )
    ]


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list:
    """Citizen reception in the periodic mass-mobilisation report (gandan.kit.reports): the leaders' regular days
    held against the statutory minimum (the compliance view's rule), and the citizens written in the book."""
    from gandan.kit.reports import Figure, ReportSection, commune_filter, query
    from gandan.reception.services.minimums import report_figures

    found = report_figures(unit_path=unit_path, paths=paths, start=start, end=end)
    unit = commune_filter(unit_path)
    one_month = (start.year, start.month) == (end.year, end.month)
    days = reverse("reception:days") + query("show=all", f"month={start:%Y-%m}" if one_month else "", unit)
    compliance = reverse("reception:compliance") + query(f"year={end.year}", unit)
    book = reverse("reception:book") + query(
        f"date_from={start.isoformat()}", f"date_to={end.isoformat()}", unit
    )
    return [
        ReportSection(
            key="reception.reception",
            title=_("Citizen reception by the leaders"),
            order=40,
            figures=[
                Figure(
                    "days_held",
                    _("Regular reception days held"),
                    found.held,
                    days,
                    _("A week or month of the rule counts in the period it begins in."),
                ),
                Figure("days_required", _("Days the statutory minimum requires"), found.required, compliance),
                Figure("periods_missed", _("Weeks or months below the minimum"), found.missed, compliance),
                Figure("days_ad_hoc", _("Ad-hoc reception days held"), found.ad_hoc, days),
                Figure("records", _("Reception turns written in the book"), found.records, book),
                Figure("people", _("Citizens received"), found.people, book),
            ],
        )
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Citizen reception schedule"),
            "text": _(
                "When and where the chairman and the party secretary receive citizens, the next four weeks."
            ),
            "url": reverse("reception_public:schedule"),
        }
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------

# Reception kept the action codes and, in older events, the object types it had inside the petitions app.
_TYPES = {
    "receptionday": "day",
    "receptionrecord": "record",
    "conclusionnotice": "conclusion",
    "receptionschedule": "schedule",
}


def audit_actions() -> dict:
    return {
        "petitions.reception_day_schedule": _("Scheduled a reception day"),
        "petitions.reception_day_held": _("Marked a reception day as held"),
        "petitions.reception_day_cancel": _("Cancelled a reception day"),
        "petitions.reception_record_add": _("Wrote a line in the reception book"),
        "petitions.reception_follow_up": _("Added a follow-up to the reception book"),
        "petitions.reception_book_export": _("Exported the reception book"),
        "petitions.conclusion_issue": _("Issued a notice of conclusions"),
        "petitions.conclusion_task_done": _("Closed a task of a notice of conclusions"),
        "reception.schedule_create": _("Recorded a reception schedule"),
        "reception.schedule_update": _("Changed a reception schedule"),
        "reception.schedule_end": _("Ended a reception schedule"),
        "reception.schedule_days_generate": _("Scheduled the coming reception days"),
    }


def audit_object_types() -> list[str]:
    return [f"{app}.{model}" for app in ("reception", "petitions") for model in _TYPES]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The reception records among `ids` that `user` may open, with a neutral name: a date, a number or the office,
    never a citizen's name (a line of the book may concern a protected denunciator)."""
    app, _dot, model = object_type.partition(".")
    kind = _TYPES.get(model) if app in ("reception", "petitions") else None
    if kind is None or not user.can("petitions.view"):
        return {}
    from gandan.reception import selectors

    numbers = [int(i) for i in ids if i.isdigit()]
    found: dict[str, tuple[str, str]] = {}
    if kind == "day":
        for d in selectors.reception_days_for_user(user).filter(pk__in=numbers):
            name = f"{d.day:%d/%m/%Y} — {d.get_leader_kind_display()}"
            found[str(d.pk)] = (name, reverse("reception:day", args=[d.pk]))
    elif kind == "record":
        for r in selectors.reception_records_for_user(user).filter(pk__in=numbers):
            found[str(r.pk)] = (str(r), reverse("reception:record", args=[r.pk]))
    elif kind == "conclusion":
        for c in selectors.conclusion_notices_for_user(user).filter(pk__in=numbers):
            found[str(c.pk)] = (c.number, reverse("reception:conclusion", args=[c.pk]))
    else:
        for s in selectors.reception_schedules_for_user(user).filter(pk__in=numbers):
            found[str(s.pk)] = (str(s), reverse("reception:schedules") + f"#schedule-{s.pk}")
    return found


def audit_details(action: str, details: dict) -> list[tuple] | None:
    """A schedule's event in words: when it repeats, the hours, the validity and the days it scheduled."""
    if not action.startswith("reception.schedule_") or "frequency" not in details:
        return None
    from gandan.reception.models import NTH_NAMES, WEEKDAY_NAMES, LeaderKind

    weekday = details.get("weekday")
    day_name = WEEKDAY_NAMES[weekday] if isinstance(weekday, int) and 0 <= weekday <= 6 else ""
    if details["frequency"] == "weekly":
        repeats = _("Every %(d)s") % {"d": day_name}
    elif details["frequency"] == "monthly_weekday":
        repeats = _("The %(n)s %(d)s of each month") % {
            "n": NTH_NAMES.get(details.get("nth") or 0, ""),
            "d": day_name,
        }
    else:
        repeats = _("Day %(n)s of each month") % {"n": details.get("month_day")}
    kind = details.get("kind")
    worded = [
        (_("As"), LeaderKind(kind).label if kind in LeaderKind.values else kind),
        (_("Repeats"), repeats),
        (_("Time"), f"{details.get('from')}–{details.get('to')}"),
        (_("Valid from"), _day(details.get("valid_from"))),
    ]
    if details.get("valid_to"):
        worded.append((_("Valid until"), _day(details["valid_to"])))
    if details.get("days"):
        worded.append((_("Days scheduled"), details["days"]))
    if details.get("days_removed"):
        worded.append((_("Days removed"), details["days_removed"]))
    return worded


def _day(iso) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(iso or "")
