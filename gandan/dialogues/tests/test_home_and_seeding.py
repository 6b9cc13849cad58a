"""The staff home: the leaders see the overdue commitments (and the mass-mobilisation officer who follows them); an
officer sees the questions assigned to him. The demo's dialogues: in each demo commune a held dialogue with
commitments in every state (done with evidence, in progress, overdue, not started) and one taking questions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gandan.core.democracy.commitments import is_overdue
from gandan.dialogues.home import home_sections
from gandan.dialogues.models import Commitment, Dialogue, Question
from gandan.dialogues.seeding_dialogues import seed_dialogues
from gandan.dialogues.selectors.published import accepting_questions
from gandan.dialogues.services.questions import question_group
from gandan.dialogues.tests.factories import held_with_commitment, planned, portal_question
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db


def _section(user, key):
    return next((s for s in home_sections(user) if s.key == key), None)


def test_the_chairman_sees_an_overdue_commitment_on_his_home(home_commune, chair):
    _d, _q, commitment = held_with_commitment(home_commune)
    Commitment.objects.filter(pk=commitment.pk).update(due=timezone.localdate() - dt.timedelta(days=2))
    section = _section(chair, "dialogues.commitments")
    assert section is not None
    assert section.counts[0].value >= 1 and section.counts[0].alert
    assert any(
        row.url == reverse("dialogues:commitment", args=[commitment.pk]) and row.late for row in section.rows
    )
    home = client_for(chair).get(reverse("portal:staff_home")).content.decode()
    assert commitment.text[:40] in home


def test_the_desk_officer_has_no_commitments_section(home_commune, desk):
    held_with_commitment(home_commune)
    assert _section(desk, "dialogues.commitments") is None


def test_an_officer_sees_the_questions_assigned_to_him(home_commune, organiser, handler):
    Commitment.objects.all().delete()  # the demo assigned him questions of its dialogues: start from none
    Question.objects.all().delete()
    question = portal_question(planned(home_commune))
    assert _section(handler, "dialogues.mine") is None
    question_group(question=question, theme="", assigned_to=handler, by=organiser)
    section = _section(handler, "dialogues.mine")
    assert section is not None and section.rows[0].url == reverse("dialogues:question", args=[question.pk])


def test_the_demo_gives_each_commune_a_held_dialogue_and_one_taking_questions(db):
    Commitment.objects.all().delete()
    Question.objects.all().delete()
    Dialogue.objects.all().delete()
    made = seed_dialogues()
    assert made == 8
    assert seed_dialogues() == 0  # idempotent
    today = timezone.localdate()
    for dialogue in Dialogue.objects.filter(status=Dialogue.Status.CLOSED):
        states = {c.state for c in dialogue.commitments.all()}
        assert {"done", "in_progress", "open"} <= states
        overdue = [c for c in dialogue.commitments.all() if is_overdue(state=c.state, due=c.due, today=today)]
        assert overdue, dialogue.title
        assert all(c.evidence for c in dialogue.commitments.filter(state="done"))
        assert dialogue.questions.filter(status="answered").count() >= 4
        assert dialogue.questions.filter(status="set_aside").exists()
    upcoming = Dialogue.objects.filter(status=Dialogue.Status.PLANNED)
    assert upcoming.count() == 4 and all(accepting_questions(d) for d in upcoming)
