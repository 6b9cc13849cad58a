"""Household votes on the staff home ("Việc của tôi"): the community decisions to send to the commune (5 working days
after the count) and those waiting for the commune's answer (5 working days after the sending), late ones flagged,
the earliest deadline first — each count a link to the list. Gathered by the module's `home_sections`."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.rules import Perm
from gandan.democracy.models import Vote
from gandan.democracy.selectors.votes import votes_awaiting, votes_for_user
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section


def _row(vote: Vote, today: dt.date) -> Row:
    due = vote.answer_by if vote.status == Vote.Status.SENT else vote.send_by
    return Row(
        code=f"{timezone.localtime(vote.counted_at):%d/%m/%Y}" if vote.counted_at else "",
        name=f"{vote.title} — {vote.village.name}",
        url=reverse("democracy:vote", args=[vote.pk]),
        due=due,
        late=due is not None and due < today,
        note=vote.get_status_display(),
    )


def votes_home_sections(user) -> list[Section]:
    if not (user.can(Perm.DEMOCRACY_MANAGE) or user.can(Perm.DEMOCRACY_RECOGNISE)):
        return []
    today = timezone.localdate()
    votes = reverse("democracy:votes")
    awaiting = list(votes_awaiting(user, today=today)[:ROWS_SHOWN])
    to_send = votes_awaiting(user, today=today).filter(status=Vote.Status.COUNTED)
    sent = votes_awaiting(user, today=today).filter(status=Vote.Status.SENT)
    counts = [
        Count(_("Decisions to send to the commune"), to_send.count(), f"{votes}?status=counted"),
        Count(
            _("Sending overdue"),
            to_send.filter(send_by__lt=today).count(),
            f"{votes}?status=counted",
            alert=True,
        ),
        Count(_("Waiting for the commune's answer"), sent.count(), f"{votes}?status=sent"),
        Count(
            _("Answer overdue"), sent.filter(answer_by__lt=today).count(), f"{votes}?status=sent", alert=True
        ),
        Count(_("Votes open"), votes_for_user(user, status=Vote.Status.OPEN).count(), f"{votes}?status=open"),
    ]
    rows = [_row(v, today) for v in awaiting]
    return [
        Section(
            key="democracy.votes",
            title=_("Household votes"),
            note=_(
                "Community decisions go to the commune within 5 working days of the count; the commune answers within 5 working days."
            ),
            counts=counts,
            rows=rows,
            see_all=votes,
            see_all_label=_("Household votes"),
            empty=_("No community decision waits to be sent or answered."),
        )
    ]
