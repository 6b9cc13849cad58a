"""The mass-mobilisation work on the staff home ("Việc của tôi"): where the network is thin, the models waiting for
the reviewer or the leaders, and the reports to finish or to approve — each count a link to the list behind it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.accounts.rules import Role
from gandan.mobilization.models import Report
from gandan.mobilization.selectors.initiatives import waiting_counts
from gandan.mobilization.selectors.reports import report_list
from gandan.mobilization.selectors.teams import coverage
from gandan.mobilization.services.reports import report_title
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section

WORKERS = {Role.MOBILIZATION_OFFICER, Role.PARTY_SECRETARY, Role.UNIT_LEADER, Role.PROVINCE_SUPERVISOR}


def home_sections(user) -> list[Section]:
    if not (WORKERS & user.role_set):
        return []
    leads = user.can("reports.approve")
    network = coverage(user).totals
    models = waiting_counts(user)
    teams = reverse("mobilization:teams")
    initiatives = reverse("mobilization:initiatives")
    reports = reverse("mobilization:reports")
    waiting_state = Report.State.SUBMITTED if leads else Report.State.DRAFT
    waiting_rows = report_list(user, state=waiting_state)
    waiting = list(waiting_rows[:ROWS_SHOWN])
    counts = [
        Count(_("Villages without a team"), network.without_team, f"{teams}?gaps=on", alert=True),
        Count(_("Teams missing a key role"), network.teams_missing_roles, f"{teams}?gaps=on", alert=True),
        Count(_("Models to review"), models["to_review"], f"{initiatives}?show=to_review"),
        Count(
            _("Models to recognise"), models["to_recognise"], f"{initiatives}?show=to_recognise", alert=leads
        ),
        Count(
            _("Reports to approve") if leads else _("Report drafts"),
            waiting_rows.count(),
            f"{reports}?state={waiting_state}",
            alert=leads,
        ),
    ]
    rows = [
        Row(
            code=f"{r.period_start:%d/%m/%Y}",
            name=f"{report_title(r)} — {r.unit.name}",
            url=reverse("mobilization:report", args=[r.pk]),
            note=r.get_state_display(),
        )
        for r in waiting
    ]
    return [
        Section(
            key="mobilization.work",
            title=_("Mass mobilisation"),
            note=_("%(teams)s teams and %(members)s members, each person counted once.")
            % {"teams": network.teams, "members": network.members},
            counts=counts,
            rows=rows,
            see_all=teams,
            see_all_label=_("Teams and coverage"),
            empty=_("Nothing waiting: every village has its team and no model or report waits for you."),
        )
    ]
