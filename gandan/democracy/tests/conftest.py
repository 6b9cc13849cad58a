"""The household-vote tests run in xã Sông Lô with villages of their own (the demo's villages keep theirs)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def fresh_democracy(db):
    """The test starts where a commune starts using the module: no disclosure, consultation, register, vote,
    covenant or board (the session's demo database has a season of each, `gandan.demo`). The rows are removed inside
    the test's transaction, so the next test finds the demo again."""
    from gandan.democracy.models import (
        Ballot,
        Board,
        BoardMember,
        Comment,
        Consultation,
        Covenant,
        Disclosure,
        Finding,
        Household,
        Section,
        Vote,
    )
    from gandan.opinion.models import Signal

    Covenant.objects.update(replaces=None)
    for model in (Covenant, Ballot):
        model.objects.all().delete()
    from gandan.democracy.models.votes import BallotCode

    for model in (BallotCode, Vote, Household, Comment, Section, Consultation, Finding, BoardMember, Board):
        model.objects.all().delete()
    Disclosure.objects.all().delete()
    Signal.objects.filter(source_kind__startswith="democracy").delete()
