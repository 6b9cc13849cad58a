"""Under a commune's own address (/xa/<commune>/…) the consultations and the household votes are that commune's:
its list starts with its own consultations (a review found Tam Sơn's tile opening Sông Lô's draft first), and
another commune's consultation or vote is "not found" there, as news articles are."""

import pytest
from django.test import Client
from django.urls import reverse

from gandan.democracy.models import Consultation, Covenant, Disclosure, Vote
from gandan.democracy.selectors.votes import PUBLIC_STATUSES
from gandan.portal.rules import commune_slug

pytestmark = pytest.mark.django_db


def prefix(unit) -> str:
    return f"/xa/{commune_slug(unit.name_search)}/"


def _public_consultation(commune) -> Consultation:
    found = (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(unit_path__startswith=commune.path)
        .order_by("pk")
        .first()
    )
    assert found is not None
    return found


def test_a_communes_consultation_list_starts_with_its_own_and_may_show_all(home_commune, other_commune):
    ours, theirs = _public_consultation(other_commune), _public_consultation(home_commune)
    assert ours is not None and theirs is not None and ours.title != theirs.title
    url = reverse("democracy_public:consultations").lstrip("/")
    listed = Client().get(prefix(other_commune) + url).content.decode()
    assert ours.title in listed and theirs.title not in listed
    everything = Client().get(prefix(other_commune) + url, {"xa": ""}).content.decode()
    assert theirs.title in everything


def test_another_communes_consultation_or_vote_is_not_found_under_a_communes_address(
    home_commune, other_commune
):
    consultation = _public_consultation(home_commune)
    vote = (
        Vote.objects.filter(commune_path=home_commune.path, status__in=PUBLIC_STATUSES).order_by("pk").first()
    )
    assert vote is not None
    pages = [
        reverse("democracy_public:consultation", args=[consultation.pk]),
        reverse("democracy_public:vote", args=[vote.pk]),
    ]
    disclosure = Disclosure.objects.filter(unit_path__startswith=home_commune.path).order_by("pk").first()
    covenant = (
        Covenant.objects.filter(commune_path=home_commune.path, state="in_force").order_by("pk").first()
    )
    assert disclosure is not None and covenant is not None
    pages += [
        reverse("democracy_public:disclosure", args=[disclosure.pk]),
        reverse("democracy_public:covenant", args=[covenant.pk]),
    ]
    for page in pages:
        assert Client().get(prefix(other_commune) + page.lstrip("/")).status_code == 404, page
        assert Client().get(prefix(home_commune) + page.lstrip("/")).status_code == 200, page
        assert Client().get(page).status_code == 200, page  # the site's own address serves every commune
