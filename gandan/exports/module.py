"""Exports in the national shapes (DOMAIN.md design implication 30, docs/exports.md): dossiers as DVCQG synchronises
them, petitions and reception-book lines for the national KNTC database, read incrementally through a cursor. An API
(/api/v1/exports/) and a command (`gandan export_national`); no pages, so no menu entry."""

from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

MODULE = Module(
    key="exports",
    name=_("National exports"),
    permission="exports.national",
    has_urls=False,
    has_api=True,
)


def audit_actions() -> dict:
    return {"exports.national": _("Exported records in the national shape")}
