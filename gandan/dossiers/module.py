import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.rules import Role
from gandan.dossiers.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.dossiers.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.dossiers.rules import Status
from gandan.dossiers.selectors import desk_by_commune, dossier_home, handler_deadlines, indicators_for_user
from gandan.modules import Module
from gandan.portal.sections import Cell, CommuneColumn, Count, Row, Section

MODULE = Module(
    key="dossiers",
    name=gettext_lazy("One-stop desk"),
    menu_url="dossiers:worklist",
    permission="dossiers.view",
    has_public=True,
)

LEADERS = {Role.UNIT_LEADER, Role.PARTY_SECRETARY}
# Late only while the clock runs (not waiting for papers, not finished): the worklists' "overdue".
RUNNING = {Status.ACCEPTED, Status.IN_PROGRESS, Status.PAYMENT}


def _rows(dossiers, today: dt.date) -> list[Row]:
    return [
        Row(
            code=d.code,
            name=f"{d.applicant_name} — {d.procedure.name}",
            url=reverse("dossiers:detail", args=[d.pk]),
            due=d.current_appointment,
            late=d.status in RUNNING and d.current_appointment is not None and d.current_appointment < today,
        )
        for d in dossiers
    ]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %".replace(".", ",")


def home_sections(user) -> list:
    """The desk's, the handler's and the leader's sections of the staff home (portal.sections)."""
    roles = user.role_set
    desk, handler, leader = Role.DESK_OFFICER in roles, Role.CASE_HANDLER in roles, bool(LEADERS & roles)
    if not (desk or handler or leader):
        return []
    today = timezone.localdate()
    counts = [
        *(["new", "ready", "due_soon"] if desk else []),
        *(["mine", "mine_due_soon", "mine_overdue"] if handler else []),
        *(["overdue"] if leader else []),
    ]
    rows = [*(["new", "ready", "due_soon"] if desk else []), *(["mine"] if handler else [])]
    rows += ["overdue"] if leader else []
    figures, listed = dossier_home(user, counts=counts, rows=rows, today=today)
    url = reverse("dossiers:worklist")
    sections: list[Section] = []
    if desk:
        sections += [
            Section(
                key="dossiers.new",
                title=_("New online dossiers to check"),
                counts=[Count(_("Waiting"), figures["new"], f"{url}?worklist=new")],
                rows=_rows(listed["new"], today),
                see_all=f"{url}?worklist=new",
                empty=_("No dossier sent online is waiting to be checked."),
            ),
            Section(
                key="dossiers.ready",
                title=_("Results finished, not yet returned"),
                counts=[Count(_("To return"), figures["ready"], f"{url}?worklist=ready")],
                rows=_rows(listed["ready"], today),
                see_all=f"{url}?worklist=ready",
                empty=_("Every finished result has been returned to the citizen."),
            ),
            Section(
                key="dossiers.due_soon",
                title=_("Dossiers due within two working days"),
                counts=[Count(_("Due soon"), figures["due_soon"], f"{url}?worklist=due_soon")],
                rows=_rows(listed["due_soon"], today),
                see_all=f"{url}?worklist=due_soon",
                empty=_("No dossier of the commune falls due in the next two working days."),
            ),
        ]
    if handler:
        mine = f"{url}?worklist=mine"
        sections.append(
            Section(
                key="dossiers.mine",
                title=_("Dossiers assigned to me"),
                counts=[
                    Count(_("In my hands"), figures["mine"], mine),
                    Count(_("Due soon"), figures["mine_due_soon"], mine),
                    Count(_("Overdue"), figures["mine_overdue"], mine, alert=True),
                ],
                rows=_rows(listed["mine"], today),
                see_all=mine,
                empty=_("No dossier is in your hands."),
            )
        )
    if leader:
        start = today.replace(day=1)
        ind = indicators_for_user(user, start=start, end=today)
        indicators = reverse("dossiers:indicators")
        month = f"{indicators}?month={today:%Y-%m}"
        sections += [
            Section(
                key="dossiers.indicators",
                title=_("Decision 766 indicators this month"),
                note=_("From %(start)s to %(end)s")
                % {"start": f"{start:%d/%m/%Y}", "end": f"{today:%d/%m/%Y}"},
                counts=[
                    Count(_("Dossiers received"), ind.received, month),
                    Count(_("On time (2.1)"), _percent(ind.on_time_rate), month),
                    Count(_("Online (3.3)"), _percent(ind.online_rate), month),
                    Count(_("Satisfaction (5.4)"), _percent(ind.satisfaction_54), month),
                ],
                see_all=month,
                see_all_label=_("All indicators"),
                empty=_("No dossier was received or handled this month yet."),
            ),
            Section(
                key="dossiers.overdue",
                title=_("Overdue dossiers in the unit"),
                counts=[Count(_("Overdue"), figures["overdue"], f"{url}?worklist=overdue", alert=True)],
                rows=_rows(listed["overdue"], today),
                see_all=f"{url}?worklist=overdue",
                empty=_("No dossier of the unit is overdue."),
            ),
        ]
    return sections


def commune_columns(user, *, communes: dict[str, int], start: dt.date, end: dt.date) -> list[CommuneColumn]:
    """The desk's columns of the province's table of its communes (`communes`: unit path → unit id)."""
    figures = desk_by_commune(user, communes=list(communes), start=start, end=end)
    url = reverse("dossiers:worklist")
    month = f"{reverse('dossiers:indicators')}?month={start:%Y-%m}"
    period = f"received_from={start.isoformat()}&received_to={end.isoformat()}"
    received, on_time, overdue = {}, {}, {}
    for path, unit_id in communes.items():
        f = figures[path]
        received[path] = Cell(f.received, f"{url}?worklist=all&{period}&unit={unit_id}")
        on_time[path] = Cell(_percent(f.on_time_rate), month)
        overdue[path] = Cell(f.overdue, f"{url}?worklist=overdue&unit={unit_id}")
    return [
        CommuneColumn(_("Dossiers received"), received),
        CommuneColumn(_("On time"), on_time),
        CommuneColumn(_("Dossiers overdue"), overdue),
    ]


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list:
    """The one-stop desk's part of the periodic mass-mobilisation report (gandan.kit.reports): the Decision 766
    figures of the period, counted by the very code of the indicators page, each opening the worklist of the
    dossiers it counts."""
    from gandan.dossiers.selectors import indicators_for_paths
    from gandan.kit.reports import Figure, ReportSection

    ind = indicators_for_paths(paths, unit_path=unit_path, start=start, end=end)
    query = report_query(unit_path, start=start, end=end)
    url = reverse("dossiers:worklist")

    def listed(indicator: str) -> str:
        return f"{url}?worklist=all&indicator={indicator}&{query}"

    rate = None if ind.on_time_rate is None else round(ind.on_time_rate, 1)
    return [
        ReportSection(
            key="dossiers.desk",
            title=_("Administrative procedures at the one-stop desk"),
            order=60,
            figures=[
                Figure("received", _("Dossiers received"), ind.received, listed("received")),
                Figure("finished", _("Dossiers finished"), ind.finished, listed("finished")),
                Figure(
                    "counted",
                    _("Dossiers received or handled in the period"),
                    ind.counted,
                    listed("counted"),
                    _(
                        "The base of the on-time rate (Decision 766, indicator 2.1), dossiers in progress included."
                    ),
                ),
                Figure("on_time", _("Handled early or on time"), ind.on_time, listed("on_time")),
                Figure("late", _("Handled late"), ind.late, listed("late")),
                Figure("on_time_rate", _("On-time rate (%)"), rate, listed("on_time")),
            ],
        )
    ]


def report_query(unit_path: str, *, start: dt.date, end: dt.date) -> str:
    """The worklist's parameters for a report period: the months it spans (`period`, `period_to`; an ad hoc period
    opens on its whole months), and the commune when the unit is one."""
    from gandan.kit.reports import commune_filter

    months = f"period={start:%Y-%m}"
    if (end.year, end.month) != (start.year, start.month):
        months += f"&period_to={end:%Y-%m}"
    unit = commune_filter(unit_path)
    return f"{months}&{unit}" if unit else months


def inbox_deadlines(today: dt.date) -> list:
    """The inbox's deadline reminders: each handler, of his dossiers due today or on the next working day."""
    from gandan.notify.services import DeadlineNote

    return [
        DeadlineNote(
            recipient_id=handler_id,
            text=_("Dossier %(code)s is due on %(day)s.")
            % {"code": code, "day": f"{due:%d/%m/%Y}" if due else ""},
            link=reverse("dossiers:detail", args=[pk]),
            object_type="dossiers.dossier",
            object_id=str(pk),
            unit_path=path,
        )
        for pk, code, handler_id, due, path in handler_deadlines(today=today)
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": gettext_lazy("Look up a dossier"),
            "text": gettext_lazy("See where your dossier is, with its code and your phone number."),
            "url": reverse("dossiers_public:lookup"),
        },
        {
            "title": gettext_lazy("Submit a dossier online"),
            "text": gettext_lazy("Birth, marriage and residence papers and more, without queuing."),
            "url": reverse("dossiers_public:submit_choose"),
        },
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------


def audit_actions() -> dict:
    steps = {
        "submit": _("Submitted"),
        "accept": _("Received, appointment given"),
        "request_supplement": _("More papers requested"),
        "refuse": _("Refused"),
        "transfer": _("Handed to a handler"),
        "receive_supplement": _("Papers received"),
        "request_payment": _("Payment requested"),
        "record_payment": _("Payment received"),
        "withdraw": _("Dossier withdrawn"),
        "stop": _("Processing stopped"),
        "complete": _("Result ready"),
        "return_result": _("Result returned to the citizen"),
        "apologize": _("Apology, new appointment"),
        "rate": _("Citizen rated the service"),
        "attachment_read": _("Opened a dossier's attachment"),
        "export_book": _("Exported the dossier book"),
        "lookup_unlock": _("Unlocked the citizen's dossier lookup"),
        "procedures_import": _("Imported procedures"),
        "procedure_edit": _("Changed a procedure"),
        "result_file_read": _("Opened a dossier's result file"),
    }
    return {f"dossiers.{code}": label for code, label in steps.items()}


def audit_statuses() -> dict:
    from gandan.dossiers.models import Status

    return {"dossiers": dict(Status.choices)}


def audit_object_types() -> list[str]:
    return ["dossiers.dossier"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The dossiers among `ids` that `user` may open: their code and page."""
    if object_type != "dossiers.dossier" or not user.can("dossiers.view"):
        return {}
    from gandan.accounts.scope import scoped
    from gandan.dossiers.models import Dossier

    numbers = [int(i) for i in ids if i.isdigit()]
    rows = scoped(Dossier.objects.filter(pk__in=numbers), user, path_field="unit_path").values_list(
        "pk", "code"
    )
    return {str(pk): (code, reverse("dossiers:detail", args=[pk])) for pk, code in rows}
