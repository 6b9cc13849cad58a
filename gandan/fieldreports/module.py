"""The field reports module's declaration: menu, the staff home's sections, the inbox's deadline reminders, public
tiles, the audit trail's labels and records."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.fieldreports.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.modules import Module

MODULE = Module(
    key="fieldreports",
    name=gettext_lazy("Field reports"),
    menu_url="fieldreports:list",
    permission="fieldreports.view",
    has_api=False,  # its open interface is Open311 GeoReport v2 at /open311/v2/ (gandan.fieldreports.open311)
    has_public=True,
)


def home_sections(user) -> list:
    """The staff home's sections for those who handle field reports: the desk and the chairman triage the new ones,
    a case handler sees those assigned to him, the chairman the unit's overdue ones. One query for the figures, and
    one per list that holds something."""
    from gandan.accounts.rules import Perm, Role
    from gandan.fieldreports.staff_selectors import Worklist, home_counts, home_rows
    from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section

    if not user.can(Perm.FIELDREPORTS_HANDLE):
        return []
    roles = user.role_set
    desk, handler, chairman = (r in roles for r in (Role.DESK_OFFICER, Role.CASE_HANDLER, Role.UNIT_LEADER))
    today = timezone.localdate()
    url = reverse("fieldreports:list")
    figures = home_counts(user, today=today)

    def rows(name: str) -> list:
        if not figures[name]:
            return []
        return [
            Row(
                code=r.code,
                name=r.category.name + (f" — {r.village.name}" if r.village else ""),
                url=reverse("fieldreports:detail", args=[r.pk]),
                due=r.due,
                late=r.due is not None and r.due < today,
            )
            for r in home_rows(user, name, limit=ROWS_SHOWN, today=today)
        ]

    def section(name: str, title, label, empty, alert: bool = False) -> Section:
        link = f"{url}?worklist={name}"
        return Section(
            key=f"fieldreports.{name}",
            title=title,
            counts=[Count(label, figures[name], link, alert=alert)],
            rows=rows(name),
            see_all=link,
            empty=empty,
        )

    shown = []
    if desk or chairman:
        shown.append(
            section(
                Worklist.NEW,
                _("New field reports to triage"),
                _("To triage"),
                _("No new field report is waiting."),
            )
        )
    if handler:
        shown.append(
            section(
                Worklist.MINE,
                _("Field reports assigned to me"),
                _("Assigned"),
                _("No open field report is assigned to you."),
            )
        )
    if chairman:
        shown.append(
            section(
                Worklist.OVERDUE,
                _("Overdue field reports"),
                _("Overdue"),
                _("No open field report is past its due day."),
                alert=True,
            )
        )
    return shown


def inbox_deadlines(today: dt.date) -> list:
    """The inbox's reminders: each officer, of the open reports assigned to him due today or on the next working
    day."""
    from gandan.core.workdays import add_working_days
    from gandan.fieldreports.staff_selectors import assignee_deadlines
    from gandan.notify.services import DeadlineNote
    from gandan.workcalendar.selectors import work_calendar

    until = add_working_days(today, 1, calendar=work_calendar())
    return [
        DeadlineNote(
            recipient_id=officer_id,
            text=_("Field report %(code)s is due on %(day)s.")
            % {"code": code, "day": f"{due:%d/%m/%Y}" if due else ""},
            link=reverse("fieldreports:detail", args=[pk]),
            object_type="fieldreports.fieldreport",
            object_id=str(pk),
            unit_path=path,
        )
        for pk, code, officer_id, due, path in assignee_deadlines(today=today, until=until)
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": _("Report a problem where you live"),
            "text": _(
                "A broken road, rubbish, flooding, noise: send a photo and the place; follow how it is fixed."
            ),
            "url": reverse("fieldreports_public:new"),
        }
    ]


def audit_actions() -> dict:
    from gandan.core.fieldreports import Action

    words = {
        "receive": _("Received a field report"),
        Action.ACKNOWLEDGE: _("Began checking a field report"),
        Action.START: _("Began fixing a field report"),
        Action.SCHEDULE: _("Scheduled the fix of a field report"),
        Action.FIX: _("Marked a field report fixed"),
        Action.DUPLICATE: _("Marked a field report as a duplicate"),
        Action.NOT_RESPONSIBLE: _("Found a field report not the unit's to handle"),
        Action.NO_FURTHER_ACTION: _("Closed a field report with no further action"),
        Action.TO_PETITION: _("Turned a field report into a petition"),
        Action.REOPEN: _("Reopened a field report"),
        "assign": _("Assigned a field report"),
        "note": _("Added a public note to a field report"),
        "contact_read": _("Read a field reporter's contacts"),
        "photo_add": _("Added a photo to a field report"),
        "hide": _("Kept a field report off the public list"),
        "show": _("Put a field report back on the public list"),
        "photo_withhold": _("Withheld a field report's photo from the public"),
        "photo_show": _("Showed a field report's photo to the public again"),
        "export": _("Exported the list of field reports"),
    }
    from gandan.fieldreports.services.setup import audit_setup_actions

    return {**{f"fieldreports.{code}": label for code, label in words.items()}, **audit_setup_actions()}


def audit_statuses() -> dict:
    from gandan.fieldreports.models import STATUSES

    return {"fieldreports": dict(STATUSES)}


def audit_object_types() -> list[str]:
    return ["fieldreports.fieldreport"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The reports among `ids` that `user` may open: their code (never the reporter) and page."""
    if object_type != "fieldreports.fieldreport" or not user.can("fieldreports.view"):
        return {}
    from gandan.fieldreports.selectors import reports_for_user

    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    rows = reports_for_user(user).filter(pk__in=numbers).values_list("pk", "code")
    return {str(pk): (code, reverse("fieldreports:detail", args=[pk])) for pk, code in rows}


def signal_source_links(user, source_kind: str, ids: list[str]) -> dict[str, str]:
    """The opinion board's way back from a report to its page, for who may open it."""
    from gandan.fieldreports.services.intake import SIGNAL_SOURCE

    if source_kind != SIGNAL_SOURCE or not user.can("fieldreports.view"):
        return {}
    from gandan.fieldreports.selectors import reports_for_user

    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    found = reports_for_user(user).filter(pk__in=numbers).values_list("pk", flat=True)
    return {str(pk): reverse("fieldreports:detail", args=[pk]) for pk in found}
