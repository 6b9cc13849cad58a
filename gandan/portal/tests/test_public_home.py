"""A commune's citizen home, built from its modules' blocks (gandan/portal/blocks.py): each module's block in its
order, with the commune's own records, in a number of queries that does not grow with the records."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gandan.portal.rules import commune_slug
from gandan.portal.widgets import public_blocks

pytestmark = pytest.mark.django_db

HOME_QUERIES = 30  # sessions aside, a few per block: none per record


def block_keys(page: str) -> list[str]:
    return re.findall(r'<section class="card block" id="block-([a-z_]+)"', page)


def test_the_home_shows_each_modules_block_in_order(home_commune):
    page = Client().get("/").content.decode()

    keys = block_keys(page)
    assert keys == [b.key for b in public_blocks(home_commune)]
    expected = ["dossiers", "petitions", "reception_schedule", "disclosures", "consultations", "votes"]
    assert keys[: len(expected)] == expected[: len(keys)] or set(expected) <= set(keys)
    assert {"dialogues", "commitments", "models"} <= set(keys)
    orders = [b.order for b in public_blocks(home_commune)]
    assert orders == sorted(orders)


def test_the_services_block_offers_to_submit_and_to_look_up(home_commune):
    page = Client().get("/").content.decode()
    block = re.search(r'id="block-dossiers".*?</section>', page, re.S).group(0)

    assert 'href="/ho-so/nop/" class="btn"' in block
    assert 'href="/ho-so/tra-cuu/"' in block


def test_a_commune_without_records_has_its_blocks_say_so(other_commune):
    blocks = {b.key: b for b in public_blocks(other_commune)}
    page = Client().get(f"/xa/{other_commune.code}/").content.decode()

    for key in ("disclosures", "consultations", "votes", "dialogues", "commitments", "models"):
        if not blocks[key].items:
            assert str(blocks[key].empty) in page.replace("&#x27;", "'").replace("&quot;", '"')


def home_queries(path: str) -> int:
    Client().get(path)  # warm the per-process caches (calendar, translations)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def copies(rows, n: int = 6) -> None:
    """`n` more of each row (the same fields, a new key): more records behind every block."""
    for row in list(rows):
        for _ in range(n):
            row.pk = None
            row.save()


def test_the_home_costs_the_same_queries_whatever_the_records(home_commune):
    from gandan.democracy.models import Consultation, Disclosure
    from gandan.dialogues.models import Commitment, Dialogue
    from gandan.mobilization.models import Initiative

    path = f"/xa/{commune_slug(home_commune.name_search)}/"
    before = home_queries(path)
    shown_before = sum(len(b.items) for b in public_blocks(home_commune))

    copies(Disclosure.objects.filter(unit_path=home_commune.path)[:2])
    copies(Consultation.objects.filter(unit_path=home_commune.path)[:1])
    copies(Dialogue.objects.filter(unit_path=home_commune.path)[:2])
    copies(Commitment.objects.filter(dialogue__unit_path=home_commune.path)[:2])
    copies(Initiative.objects.filter(unit_path=home_commune.path)[:2])

    assert sum(len(b.items) for b in public_blocks(home_commune)) > shown_before  # more is shown …
    assert home_queries(path) == before  # … for the same queries
    assert before <= HOME_QUERIES
