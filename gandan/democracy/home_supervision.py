"""People's supervision on the leaders' staff home ("Việc của tôi"): the boards' recommendations the government has
not answered by their day, with the oldest first, and those still waiting — each count a link to the list."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.rules import Role
from gandan.democracy.selectors.supervision import FindingFilter, finding_list, overdue_count
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section

LEADERS = {Role.UNIT_LEADER, Role.PARTY_SECRETARY, Role.PROVINCE_SUPERVISOR}


def supervision_home_sections(user) -> list[Section]:
    if not (LEADERS & user.role_set):
        return []
    today = timezone.localdate()
    findings = reverse("democracy:findings")
    overdue_rows = finding_list(user, FindingFilter(overdue=True), today=today)
    overdue = overdue_count(user, today=today)
    waiting = finding_list(user, FindingFilter(state="open"), today=today).count()
    in_progress = finding_list(user, FindingFilter(state="in_progress"), today=today).count()
    rows = [
        Row(
            code=f"{f.found_on:%d/%m/%Y}",
            name=f"{f.title} — {f.board.name}",
            url=reverse("democracy:finding", args=[f.pk]),
            due=f.answer_due,
            late=True,
            note=f.addressed_to,
        )
        for f in overdue_rows[:ROWS_SHOWN]
    ]
    return [
        Section(
            key="democracy.supervision",
            title=_("People's supervision"),
            note=_("Recommendations of the people's inspection and investment supervision boards."),
            counts=[
                Count(_("Answers overdue"), overdue, f"{findings}?overdue=on", alert=True),
                Count(_("Waiting for the answer"), waiting, f"{findings}?state=open"),
                Count(_("Being dealt with"), in_progress, f"{findings}?state=in_progress"),
            ],
            rows=rows,
            see_all=findings,
            see_all_label=_("Findings and recommendations"),
            empty=_("No recommendation of the supervision boards is waiting for the government's answer."),
        )
    ]
