"""The dialogues' work on the staff home ("Việc của tôi"): for the leaders and the organisers, the commitments made
to the people that are overdue (not finished and past due), those still running and the questions waiting for an
answer; for any officer, the questions assigned to him and the commitments he answers for."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.accounts.rules import LEADERS, Role
from gandan.dialogues.selectors.commitments import CommitmentFilter, commitment_counts, commitment_list
from gandan.dialogues.selectors.questions import QuestionFilter, question_list
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section

# The chairman and the secretary answer for the promises; the mass-mobilisation officer follows them.
FOLLOWERS = LEADERS | {Role.MOBILIZATION_OFFICER}


def _commitment_rows(rows) -> list[Row]:
    today = timezone.localdate()
    return [
        Row(
            code=f"{c.due:%d/%m/%Y}",
            name=f"{c.text[:120]} — {c.owner}",
            url=reverse("dialogues:commitment", args=[c.pk]),
            due=c.due,
            late=c.due < today,
            note=c.dialogue.title,
        )
        for c in rows[:ROWS_SHOWN]
    ]


def _followed(user) -> Section:
    counts = commitment_counts(user)
    waiting = question_list(user, QuestionFilter(status="waiting")).count()
    commitments = reverse("dialogues:commitments")
    overdue = list(commitment_list(user, CommitmentFilter(state="overdue"))[:ROWS_SHOWN])
    return Section(
        key="dialogues.commitments",
        title=_("Commitments to the people"),
        note=_("What the dialogues promised, followed to done in public."),
        counts=[
            Count(_("Overdue commitments"), counts["overdue"], f"{commitments}?state=overdue", alert=True),
            Count(_("Commitments under way"), counts["unfinished"], f"{commitments}?state=unfinished"),
            Count(
                _("Questions waiting for an answer"),
                waiting,
                reverse("dialogues:questions") + "?status=waiting",
            ),
        ],
        rows=_commitment_rows(overdue),
        see_all=f"{commitments}?state=overdue" if overdue else commitments,
        see_all_label=_("All commitments"),
        empty=_("Nothing overdue: every commitment made at a dialogue is on time or done."),
    )


def _mine(user) -> Section | None:
    questions = question_list(user, QuestionFilter(status="waiting", mine=True))
    commitments = commitment_list(user, CommitmentFilter(state="unfinished", mine=True))
    n_questions, n_commitments = questions.count(), commitments.count()
    if not (n_questions or n_commitments):
        return None
    rows = [
        Row(
            code=q.code,
            name=f"{q.number}. {q.text[:120]}",
            url=reverse("dialogues:question", args=[q.pk]),
            note=q.dialogue.title,
        )
        for q in questions[:ROWS_SHOWN]
    ]
    rows += _commitment_rows(list(commitments[: max(0, ROWS_SHOWN - len(rows))]))
    return Section(
        key="dialogues.mine",
        title=_("Dialogue questions and commitments for me"),
        counts=[
            Count(
                _("Questions assigned to me"),
                n_questions,
                reverse("dialogues:questions") + "?status=waiting&mine=on",
            ),
            Count(
                _("Commitments I answer for"),
                n_commitments,
                reverse("dialogues:commitments") + "?state=unfinished&mine=on",
            ),
        ],
        rows=rows,
        see_all=reverse("dialogues:questions") + "?status=waiting&mine=on",
        see_all_label=_("My questions"),
        empty=_("No question or commitment waits for you."),
    )


def home_sections(user) -> list:
    sections = []
    if FOLLOWERS & user.role_set:
        sections.append(_followed(user))
    mine = _mine(user)
    if mine is not None:
        sections.append(mine)
    return sections
