"""The search index: one row per searchable record of any module, plus the database's own full-text index over it.

Only :mod:`gandan.search.services` writes these tables. The full-text structures are created by migration 0002
and are invisible to the ORM:

* SQLite: the FTS5 table ``search_fts`` (external content = this table's ``folded``, rowid = ``id``), kept in
  sync by triggers on ``search_searchdocument``, so any write to this table (ORM, bulk, raw SQL, rollback) keeps
  the index right.
* PostgreSQL: a stored generated column ``terms tsvector`` (every token and its prefixes up to 7 characters) with
  a GIN index.

Warning for future migrations: Django's SQLite schema editor rebuilds a table for most ``AlterField`` /
``RemoveField`` operations, which drops the triggers; PostgreSQL refuses to change the type of ``folded`` while
``terms`` is generated from it. A migration that alters ``SearchDocument`` must re-run 0002's ``forwards``
(after reversing it) — see that migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: ``SearchDocument.id`` is ``kind number << KIND_SHIFT | object_id``: 2**40 (10**12) ids per kind.
KIND_SHIFT = 40
MAX_OBJECT_ID = (1 << KIND_SHIFT) - 1


class SearchKind(models.Model):
    """A kind of searchable record ("petition", "reception", "news" …) and its number.

    The number is the high part of every ``SearchDocument.id`` of that kind, so that the ids of one kind form one
    contiguous range. On SQLite that range is a rowid range of the FTS5 index: the full-text query yields the
    module's object ids by arithmetic (``rowid - base``), without looking up a single row, which is what keeps
    a search matching 200,000 documents cheap (docs/search.md). Numbers are handed out on first use, so a new
    module needs no change here. Never delete a kind that still has documents."""

    id = models.SmallAutoField(primary_key=True)
    name = models.CharField(_("kind"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("search kind")
        verbose_name_plural = _("search kinds")

    def __str__(self) -> str:
        return self.name


class SearchDocument(models.Model):
    """The searchable text of one record of one module.

    ``folded`` is the text's search key (``gandan.core.vntext.search_key``: tokens without accents or case,
    joined by single spaces), the only form that is matched. ``unit_path`` is the record's unit, so a search can
    be limited to a subtree without the module's table. ``id`` is derived from (kind, object_id) — see
    :class:`SearchKind`."""

    # Always assigned (services._document_id), never generated. An AutoField only for its column type: on SQLite
    # "integer PRIMARY KEY" makes it the rowid itself, so the FTS5 rowid, the check of one row against a query
    # and the table share one B-tree (a "bigint" key would be a second index, and every probe two look-ups).
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.BigIntegerField(_("object id"))
    unit_path = models.CharField(max_length=255)
    folded = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            # Also the index that PostgreSQL probes (kind = ?, object_id = outer id) when it checks a module's rows
            # one by one against the query, rather than reading every match.
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_document_per_object"),
            models.CheckConstraint(
                condition=models.Q(object_id__gte=0, object_id__lte=MAX_OBJECT_ID),
                name="search_object_id_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id}"
