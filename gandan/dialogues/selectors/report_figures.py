"""Dialogues in the periodic report (module.report_sections, contract gandan.kit.reports): the dialogues held in the
period, the citizens' questions they took and answered, and the commitments falling due in it — done, and still
open past their date on the period's last day. Counted for the units at `paths` whoever asks: the report has already
checked who asks."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from gandan.dialogues.models import Commitment, Dialogue, Question


@dataclass(frozen=True)
class DialogueFigures:
    held: int
    questions: int
    answered: int
    commitments_due: int
    commitments_done: int
    commitments_overdue: int


def dialogue_figures(*, paths: list[str], start: dt.date, end: dt.date) -> DialogueFigures:
    dialogues = Dialogue.objects.filter(
        unit_path__in=paths,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
        status__in=[Dialogue.Status.HELD, Dialogue.Status.CLOSED],
    )
    questions = Question.objects.filter(dialogue__in=dialogues)
    due = Commitment.objects.filter(unit_path__in=paths, due__gte=start, due__lte=end).exclude(
        state="cancelled"
    )
    return DialogueFigures(
        held=dialogues.count(),
        questions=questions.count(),
        answered=questions.filter(status=Question.Status.ANSWERED).count(),
        commitments_due=due.count(),
        commitments_done=due.filter(state="done", done_on__lte=end).count(),
        # still not done on the period's last day (done later, or not at all)
        commitments_overdue=due.filter(Q(done_on__isnull=True) | Q(done_on__gt=end)).count(),
    )
