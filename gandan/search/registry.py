"""Which records each module makes searchable, so that one command can (re)index them all.

A module that indexes its records declares each kind once, in ``<app>/search.py``::

    SEARCH_KINDS = [Indexed(kind="dossier", rows=lambda: Dossier.objects.select_related("procedure"),
                            document=dossier_document)]

``rows()`` is every record of the kind (with what ``document`` reads already joined: no per-row query), and
``document(record)`` is ``(object_id, unit_path, text)``, the same tuple the module's services index when they write
the record. ``manage.py search_reindex [kind …]`` walks these declarations; the search app imports no module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils.module_loading import module_has_submodule

from gandan.search.models import SearchDocument
from gandan.search.services import bulk_index

Document = tuple[int, str, str]


@dataclass(frozen=True)
class Indexed:
    kind: str
    rows: Callable[[], QuerySet]
    document: Callable[[Any], Document]


def registered() -> dict[str, Indexed]:
    """Every declared kind, by name, from the ``search.py`` of each installed app."""
    found: dict[str, Indexed] = {}
    for config in apps.get_app_configs():
        if config.name == "gandan.search" or not module_has_submodule(config.module, "search"):
            continue
        for spec in getattr(import_module(f"{config.name}.search"), "SEARCH_KINDS", []):
            if spec.kind in found:
                raise ValueError(f"search kind {spec.kind!r} is declared twice")
            found[spec.kind] = spec
    return found


def reindex_rows(spec: Indexed, *, missing_only: bool = False) -> QuerySet:
    """The records ``reindex`` would index: all of them, or only those without a document yet."""
    rows = spec.rows()
    if missing_only:
        rows = rows.exclude(pk__in=SearchDocument.objects.filter(kind=spec.kind).values("object_id"))
    return rows


def reindex(
    spec: Indexed, *, missing_only: bool = False, progress: Callable[[int], None] | None = None
) -> int:
    """Index every record of the kind (or only the missing ones) in batches; returns how many were indexed."""
    rows = reindex_rows(spec, missing_only=missing_only).order_by("pk")
    return bulk_index(
        spec.kind, (spec.document(row) for row in rows.iterator(chunk_size=2_000)), progress=progress
    )
