"""The one-time tokens of create forms (gandan/kit/idempotency.py): kept two days, then purged; a token that is not
one we could have issued counts as none; a replay by someone else never learns where the first record is."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone

from gandan.kit import idempotency
from gandan.portal.models import SubmissionToken

pytestmark = pytest.mark.django_db


def test_tokens_older_than_two_days_are_purged_and_newer_ones_kept():
    now = timezone.now()
    old = SubmissionToken.objects.create(token="a" * 32, created_at=now - dt.timedelta(days=2, minutes=1))
    recent = SubmissionToken.objects.create(token="b" * 32, created_at=now - dt.timedelta(days=1, hours=23))

    assert idempotency.submission_tokens_purge(now=now) == 1

    assert not SubmissionToken.objects.filter(pk=old.pk).exists()
    assert SubmissionToken.objects.filter(pk=recent.pk).exists()


@pytest.mark.parametrize(
    "value", ["", "short", "x" * 65, "<script>alert(1)</script>aaaaaaaaaaaa", "a b c d e f g h i j"]
)
def test_a_malformed_token_counts_as_none_and_creates_without_a_claim(value):
    request = RequestFactory().post("/", {"submission_token": value})
    request.user = None

    assert idempotency.create_once(request, lambda: "created", url=lambda r: "/") == "created"
    assert not SubmissionToken.objects.exists()


def test_the_hidden_field_keeps_the_posted_token_and_otherwise_issues_a_new_one():
    shown = RequestFactory().get("/")
    resent = RequestFactory().post("/", {"submission_token": "k" * 32})

    first, second = (idempotency.submission_token({"request": shown}) for _n in range(2))

    assert first != second
    assert 'name="submission_token"' in first
    assert f'value="{"k" * 32}"' in idempotency.submission_token({"request": resent})
