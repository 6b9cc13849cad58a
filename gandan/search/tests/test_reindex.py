"""`search_reindex`: every module's declared kinds, indexed from their rows; the demo command runs it."""

import pytest
from django.core.management import CommandError, call_command

from gandan.search.models import SearchDocument
from gandan.search.registry import registered

pytestmark = pytest.mark.django_db

KINDS = {
    "audit",
    "conclusion_task",
    "democracy_disclosure",
    "dossier",
    "mobilization_activity",
    "news_article",
    "news_comment",
    "petition",
    "procedure",
    "reception",
    "unit",
}


def test_every_searchable_list_declares_its_kind():
    assert set(registered()) == KINDS


def test_the_demo_data_is_searchable_in_every_kind_it_has():
    for kind in ["audit", "democracy_disclosure", "dossier", "petition", "procedure", "unit"]:
        assert SearchDocument.objects.filter(kind=kind).exists(), kind


def test_reindex_restores_every_document_of_a_kind():
    before = SearchDocument.objects.filter(kind="unit").count()
    SearchDocument.objects.filter(kind="unit").delete()

    call_command("search_reindex", "unit", verbosity=0)

    assert SearchDocument.objects.filter(kind="unit").count() == before


def test_missing_only_leaves_the_indexed_documents_alone():
    kept = SearchDocument.objects.filter(kind="procedure").order_by("pk").first()
    SearchDocument.objects.filter(kind="procedure").exclude(pk=kept.pk).delete()
    total = len(registered()["procedure"].rows())

    call_command("search_reindex", "procedure", "--missing", verbosity=0)

    assert SearchDocument.objects.filter(kind="procedure").count() == total
    assert SearchDocument.objects.get(pk=kept.pk).updated_at == kept.updated_at


def test_an_unknown_kind_is_refused_with_the_known_ones():
    with pytest.raises(CommandError, match="known: audit, conclusion_task"):
        call_command("search_reindex", "dossiers", verbosity=0)
