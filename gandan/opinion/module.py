import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gandan.modules import Module
from gandan.opinion import labels
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section

MODULE = Module(
    key="opinion",
    name=gettext_lazy("Public opinion"),
    menu_url="opinion:board",
    permission="opinion.view",
    has_api=False,
)


def home_sections(user) -> list:
    """ "Issues rising": the open issues of the user's units with an open alert, most serious first; and the alerts
    the officer answers for, with their deadlines."""
    if not user.can("opinion.view"):
        return []
    from gandan.opinion.alert_queries import home_figures
    from gandan.opinion.models import AlertLevel

    today = timezone.localdate()
    figures = home_figures(user, rows=ROWS_SHOWN)
    board, alerts = reverse("opinion:board"), reverse("opinion:alerts")
    levels = dict(AlertLevel.choices)
    sections = [
        Section(
            key="opinion.rising",
            title=_("Issues rising"),
            note=_("Issues of public opinion with an open alert, the most serious first."),
            counts=[
                Count(_("Issues with an alert"), figures["rising_count"], board),
                Count(_("Open alerts"), figures["open"], alerts, alert=True),
            ],
            rows=[
                Row(
                    code=str(levels.get(issue.alert_level, "")),
                    name=f"{issue.title} — {issue.unit.name}",
                    url=_issue_url(issue.pk),
                    note=ngettext("%(n)s signal", "%(n)s signals", issue.signal_count)
                    % {"n": issue.signal_count},
                )
                for issue in figures["rising"]
            ],
            see_all=board,
            see_all_label=_("The board"),
            empty=_("No issue of public opinion is rising in your area."),
        )
    ]
    if figures["mine"]:
        mine = f"{alerts}?status=open&mine=on"
        sections.append(
            Section(
                key="opinion.mine",
                title=_("Alerts assigned to me"),
                counts=[Count(_("Assigned"), figures["mine_count"], mine)],
                rows=[
                    Row(
                        code=str(a.get_level_display()),
                        name=(a.issue.title if a.issue else _("Public opinion rising")) + f" — {a.unit.name}",
                        url=reverse("opinion:alert", args=[a.pk]),
                        due=a.due,
                        late=a.due is not None and a.due < today,
                    )
                    for a in figures["mine"]
                ],
                see_all=mine,
                empty=_("No alert is assigned to you."),
            )
        )
    return sections


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list:
    """Public opinion in the periodic mass-mobilisation report (gandan.kit.reports): the hot issues — alerts raised
    in the period, by level, and the matters behind them — and the new matters people raised."""
    from gandan.kit.reports import Figure, ReportSection, commune_filter, query
    from gandan.opinion.alert_queries import report_figures
    from gandan.opinion.models import AlertLevel

    found = report_figures(paths=paths, start=start, end=end)
    unit = commune_filter(unit_path)
    alerts, board = reverse("opinion:alerts"), reverse("opinion:board")
    by_level = [
        Figure(
            f"alerts_{level}",
            _("Of which at the level “%(level)s”") % {"level": label},
            found[f"level_{level}"],
            alerts + query("status=", f"level={level}", unit),
        )
        for level, label in reversed(AlertLevel.choices)
    ]
    return [
        ReportSection(
            key="opinion.opinion",
            title=_("Public opinion and hot issues"),
            order=30,
            figures=[
                Figure(
                    "alerts",
                    _("Alerts of public opinion raised"),
                    found["n"],
                    alerts + query("status=", unit),
                    _("The list shows every alert; those of the period are by their date raised."),
                ),
                *by_level,
                Figure(
                    "issues_alerted",
                    _("Hot issues behind those alerts"),
                    found["issues"],
                    board + query("alert=on", "status=all", unit),
                ),
                Figure(
                    "alerts_closed",
                    _("Alerts closed"),
                    found["closed"],
                    alerts + query("status=closed", unit),
                ),
                Figure(
                    "new_issues",
                    _("New matters raised by the people"),
                    found["new_issues"],
                    board + query("status=all", unit),
                ),
            ],
        )
    ]


def _issue_url(issue_id: int) -> str:
    """The issue's page on the board (opinion:issue), or the board while that page does not exist."""
    from django.urls import NoReverseMatch

    try:
        return reverse("opinion:issue", args=[issue_id])
    except NoReverseMatch:
        return reverse("opinion:board")


def inbox_deadlines(today: dt.date) -> list:
    """The inbox's reminders: each responsible officer, of his alerts due today or tomorrow."""
    from gandan.notify.services import DeadlineNote
    from gandan.opinion.alert_queries import alert_deadlines

    return [
        DeadlineNote(
            recipient_id=assignee_id,
            text=_("An alert of public opinion assigned to you is due on %(day)s.")
            % {"day": f"{due:%d/%m/%Y}"},
            link=reverse("opinion:alert", args=[pk]),
            object_type="opinion.alert",
            object_id=str(pk),
            unit_path=path,
        )
        for pk, assignee_id, due, path in alert_deadlines(today=today)
        if assignee_id is not None and due is not None
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------

# The board's corrections are named in gandan/opinion/labels.py, the alerts' actions here.
ALERT_ACTIONS = {
    "opinion.alert_acknowledge": gettext_lazy("Acknowledged an alert of public opinion"),
    "opinion.alert_assign": gettext_lazy("Assigned an alert of public opinion"),
    "opinion.alert_link": gettext_lazy("Linked a petition to an alert of public opinion"),
    "opinion.alert_close": gettext_lazy("Closed an alert of public opinion"),
    "opinion.alert_reopen": gettext_lazy("Reopened an alert of public opinion"),
    "opinion.alert_autoclose": gettext_lazy("An alert closed by itself: its linked cases are settled"),
}


def audit_actions() -> dict:
    return {**labels.audit_actions(), **ALERT_ACTIONS}


def audit_object_types() -> list[str]:
    return [*labels.audit_object_types(), "opinion.alert"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The alerts among `ids` that `user` may open: their level and date (never a citizen's words) and page; the
    issues, signals and topics through labels.py."""
    if object_type != "opinion.alert":
        return labels.audit_objects(user, object_type, ids)
    if not user.can("opinion.view"):
        return {}
    from gandan.opinion.alert_queries import alerts_for_user

    numbers = [int(i) for i in ids if i.isdigit()]
    return {
        str(a.pk): (str(a), reverse("opinion:alert", args=[a.pk]))
        for a in alerts_for_user(user).filter(pk__in=numbers)
    }
