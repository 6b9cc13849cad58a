import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.accounts.rules import Role
from gandan.modules import Module
from gandan.petitions.dashboard_figures import dashboard_figures, dashboard_indicators  # noqa: F401
from gandan.petitions.public_blocks import public_blocks as public_blocks  # the citizen home's blocks
from gandan.petitions.selectors import (
    RUNNING_VALUES,
    assignee_deadlines,
    petition_home,
    petitions_by_commune,
    petitions_by_village,
)
from gandan.portal.sections import ROWS_SHOWN, Cell, CommuneColumn, Count, Row, Section, Table

MODULE = Module(
    key="petitions",
    name=gettext_lazy("Petitions"),
    menu_url="petitions:worklist",
    permission="petitions.view",
    has_public=True,
)

VILLAGE_DAYS = 30  # the mobilisation officer's window


def _rows(petitions, today: dt.date) -> list[Row]:
    return [
        Row(
            code=p.code,
            name=p.subject,
            url=reverse("petitions:detail", args=[p.pk]),
            due=p.statutory_due,
            late=p.status in RUNNING_VALUES and p.statutory_due is not None and p.statutory_due < today,
        )
        for p in petitions
    ]


def home_sections(user) -> list:
    """The sections of the staff home for petitions: the desk's new ones, the handler's own, what waits for the
    leader, the inspector's deadlines, the mobilisation officer's villages (portal.sections)."""
    if not user.can("petitions.view"):
        return []
    roles = user.role_set
    desk, handler = Role.DESK_OFFICER in roles, Role.CASE_HANDLER in roles
    chairman, secretary = Role.UNIT_LEADER in roles, Role.PARTY_SECRETARY in roles
    inspector, mobilizer = Role.INSPECTOR in roles, Role.MOBILIZATION_OFFICER in roles
    today = timezone.localdate()
    counts: list[str] = []
    rows: list[str] = []
    if desk:
        counts += ["new"]
        rows += ["new"]
    if handler:
        counts += ["mine", "mine_due_soon", "mine_overdue"]
        rows += ["mine"]
    if chairman:
        counts += ["unassigned", "to_decide"]
        rows += ["unassigned", "to_decide"]
    if chairman or secretary:
        counts += ["overdue"]
        rows += ["overdue"]
    if inspector:
        counts += ["due_soon", "overdue"]
        rows += ["near_or_past"]
    sections: list[Section] = []
    url = reverse("petitions:worklist")
    figures: dict[str, int] = {}
    listed: dict[str, list] = {}
    if counts:
        figures, listed = petition_home(
            user, counts=list(dict.fromkeys(counts)), rows=list(dict.fromkeys(rows))
        )
    if desk:
        sections.append(
            Section(
                key="petitions.new",
                title=_("Petitions newly received"),
                note=_("Received, not yet classified: register and propose how to handle them."),
                counts=[Count(_("To process"), figures["new"], f"{url}?worklist=new")],
                rows=_rows(listed["new"], today),
                see_all=f"{url}?worklist=new",
                empty=_("No newly received petition is waiting."),
            )
        )
    if handler:
        mine = f"{url}?worklist=mine"
        sections.append(
            Section(
                key="petitions.mine",
                title=_("Petitions assigned to me"),
                counts=[
                    Count(_("Assigned"), figures["mine"], mine),
                    Count(_("Due soon"), figures["mine_due_soon"], mine),
                    Count(_("Overdue"), figures["mine_overdue"], mine, alert=True),
                ],
                rows=_rows(listed["mine"], today),
                see_all=mine,
                empty=_("No petition is in your hands."),
            )
        )
    if chairman:
        waiting = (listed["unassigned"] + listed["to_decide"])[:ROWS_SHOWN]
        sections.append(
            Section(
                key="petitions.waiting",
                title=_("Petitions waiting for your assignment or decision"),
                counts=[
                    Count(_("No handler yet"), figures["unassigned"], f"{url}?worklist=unit"),
                    Count(_("For your decision"), figures["to_decide"], f"{url}?worklist=unit"),
                ],
                rows=_rows(waiting, today),
                see_all=f"{url}?worklist=unit",
                empty=_("No petition is waiting for you."),
            )
        )
    if chairman or secretary:
        sections.append(
            Section(
                key="petitions.overdue",
                title=_("Overdue petitions in the unit"),
                counts=[Count(_("Overdue"), figures["overdue"], f"{url}?worklist=overdue", alert=True)],
                rows=_rows(listed["overdue"], today),
                see_all=f"{url}?worklist=overdue",
                empty=_("No petition of the unit is past its statutory deadline."),
            )
        )
    if inspector:
        sections.append(
            Section(
                key="petitions.deadlines",
                title=_("Petitions near or past the statutory deadline"),
                counts=[
                    Count(_("Overdue"), figures["overdue"], f"{url}?worklist=overdue", alert=True),
                    Count(_("Due within 3 working days"), figures["due_soon"], f"{url}?worklist=due_soon"),
                ],
                rows=_rows(listed["near_or_past"], today),
                see_all=f"{url}?worklist=overdue",
                empty=_("No petition of your area is near or past its statutory deadline."),
            )
        )
    if mobilizer:
        since = today - dt.timedelta(days=VILLAGE_DAYS)
        villages = petitions_by_village(user, since=since)
        sections.append(
            Section(
                key="petitions.villages",
                title=_("What citizens raise, village by village"),
                note=_("Petitions received in the last %(days)s days, by the village they concern.")
                % {"days": VILLAGE_DAYS},
                table=Table(
                    headers=[_("Village"), _("Petitions received"), _("Still open")],
                    rows=[[Cell(v.name), Cell(n), Cell(still)] for v, n, still in villages],
                ),
                see_all=f"{url}?worklist=all&received_from={since.isoformat()}",
                empty=_(
                    "No petition of the last %(days)s days names a village. Petitions, reception and "
                    "opinion records by village appear here as they are recorded."
                )
                % {"days": VILLAGE_DAYS},
            )
        )
    return sections


def commune_columns(user, *, communes: dict[str, int], start: dt.date, end: dt.date) -> list[CommuneColumn]:
    """The petitions' columns of the province's table of its communes (`communes`: unit path → unit id)."""
    figures = petitions_by_commune(user, communes=list(communes))
    url = reverse("petitions:worklist")
    open_, overdue = {}, {}
    for path, unit_id in communes.items():
        open_[path] = Cell(figures[path]["open"], f"{url}?worklist=unit&unit={unit_id}")
        overdue[path] = Cell(figures[path]["overdue"], f"{url}?worklist=overdue&unit={unit_id}")
    return [CommuneColumn(_("Petitions open"), open_), CommuneColumn(_("Petitions overdue"), overdue)]


def report_sections(*, unit_path: str, paths: list[str], start: dt.date, end: dt.date) -> list:
    """Petitions in the periodic mass-mobilisation report (gandan.kit.reports): received by kind, resolved and
    resolved on time, and overdue at the period's end; each figure opens the worklist filtered to it."""
    from gandan.kit.reports import Figure, ReportSection, commune_filter, query
    from gandan.petitions.models import Kind, Status
    from gandan.petitions.selectors import Worklist, report_figures

    figures = report_figures(paths=paths, start=start, end=end, today=timezone.localdate())
    url = reverse("petitions:worklist")
    unit = commune_filter(unit_path)
    dates = f"received_from={start.isoformat()}&received_to={end.isoformat()}"
    received = figures["received"]
    by_kind = [
        Figure(
            f"received_{kind}",
            _("Of which: %(kind)s") % {"kind": label},
            received.get(kind, 0),
            url + query("worklist=all", f"kind={kind}", dates, unit),
        )
        for kind, label in Kind.choices
    ]
    resolved = url + query("worklist=all", f"status={Status.RESOLVED}", unit)
    when = _("by the period's last day") if figures["moment"] == end else _("by today")
    return [
        ReportSection(
            key="petitions.petitions",
            title=_("Complaints, denunciations, recommendations and reflections"),
            order=50,
            figures=[
                Figure(
                    "received",
                    _("Petitions received"),
                    sum(received.values()),
                    url + query("worklist=all", dates, unit),
                ),
                *by_kind,
                Figure(
                    "resolved",
                    _("Petitions resolved"),
                    figures["resolved"],
                    resolved,
                    _(
                        "Decided, concluded or answered in the period (the list shows every resolved petition)."
                    ),
                ),
                Figure(
                    "resolved_on_time",
                    _("Resolved within the statutory time"),
                    figures["resolved_on_time"],
                    resolved,
                ),
                Figure(
                    "overdue",
                    _("Overdue"),
                    figures["overdue"],
                    url + query(f"worklist={Worklist.OVERDUE}", unit),
                    _("Past a statutory deadline and not settled %(when)s.") % {"when": when},
                ),
            ],
        )
    ]


def inbox_deadlines(today: dt.date) -> list:
    """The inbox's deadline reminders: each handler, of his petitions due today or on the next working day."""
    from gandan.notify.services import DeadlineNote

    return [
        DeadlineNote(
            recipient_id=assignee_id,
            text=_("Petition %(code)s is due on %(day)s.") % {"code": code, "day": f"{due:%d/%m/%Y}"},
            link=reverse("petitions:detail", args=[pk]),
            object_type="petitions.petition",
            object_id=str(pk),
            unit_path=path,
        )
        for pk, code, assignee_id, due, path in assignee_deadlines(today=today)
    ]


def public_tiles() -> list[dict]:
    return [
        {
            "title": gettext_lazy("Send a petition"),
            "text": gettext_lazy("A complaint, denunciation, recommendation or reflection, online."),
            "url": reverse("petitions_public:submit"),
        },
        {
            "title": gettext_lazy("Follow your petition"),
            "text": gettext_lazy("See where your petition is, with its code and your phone."),
            "url": reverse("petitions_public:lookup"),
        },
    ]


# --- The audit trail (gandan/audit/labels.py) ----------------------------------------------------------------------


def audit_actions() -> dict:
    actions = {
        "receive": _("Received"),
        "accept": _("Accepted for resolution"),
        "not_accept": _("Not accepted (a notice with the reasons is sent)"),
        "guide": _("Guided to the competent body"),
        "forward": _("Forwarded to the competent body"),
        "file": _("Filed without action"),
        "merge": _("Joined to an earlier case on the same matter"),
        "extend_classify": _("Time to classify extended"),
        "assign": _("Assigned to a handler"),
        "transfer": _("Handed to another handler"),
        "add_task": _("Verification task added"),
        "task_done": _("Verification task done"),
        "dialogue": _("Dialogue with the petitioner"),
        "extend": _("Time to resolve extended"),
        "suspend": _("Resolution suspended"),
        "resume": _("Resolution resumed"),
        "decide": _("Resolved"),
        "terminate": _("Resolution terminated"),
        "withdraw": _("Petition withdrawn"),
        "escalate": _("Escalated"),
        "grant": _("Access to the denunciator's identity granted"),
        "revoke": _("Access to the denunciator's identity revoked"),
        "waive": _("The denunciator waived protection"),
        "identity_waived": _("The denunciator's identity is no longer kept secret"),
        "redact": _("Personal data redacted"),
        "attachment_read": _("Opened a petition's attachment"),
        "lookup_unlock": _("Unlocked the citizen's petition lookup"),
        "duplicate_linked": _("Linked to a duplicate"),
        "related_linked": _("Linked to a case on the same matter"),
        "clock_rule_correct": _("Corrected a statutory time limit"),
    }
    return {f"petitions.{code}": label for code, label in actions.items()}


def audit_statuses() -> dict:
    from gandan.petitions.models import Status

    return {"petitions": dict(Status.choices)}


def audit_object_types() -> list[str]:
    return ["petitions.petition"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The petitions among `ids` that `user` may open: their code (never a person's name) and page."""
    if object_type != "petitions.petition" or not user.can("petitions.view"):
        return {}
    from gandan.accounts.scope import scoped
    from gandan.petitions.models import Petition

    numbers = [int(i) for i in ids if i.isdigit()]
    rows = scoped(Petition.objects.filter(pk__in=numbers), user, path_field="unit_path").values_list(
        "pk", "code"
    )
    return {str(pk): (code, reverse("petitions:detail", args=[pk])) for pk, code in rows}


def signal_confidential_open(user, source_kind: str, ids: list[str]) -> set[str]:
    """The opinion board's confidential signals (protected denunciations) whose text `user` may read: those of the
    cases on which the user holds a live identity grant (the intake officer, the resolver, whom the resolver
    granted). Everyone else sees that a denunciation was received, not what it says."""
    if source_kind != "petition" or not getattr(user, "pk", None):
        return set()
    from gandan.petitions.models import IdentityGrant

    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 18]
    granted = IdentityGrant.objects.filter(
        user=user, revoked_at__isnull=True, petition_id__in=numbers
    ).values_list("petition_id", flat=True)
    return {str(pk) for pk in granted}
