"""The democracy API, mounted at /api/v1/democracy/ (in /api/docs), scoped like the pages; public reads need no login. Each
concern adds its endpoints to `router` in its own file, imported at the end."""

from ninja import Router

router = Router(tags=["democracy"])


from gandan.democracy.api import consultations, covenants, disclosures, supervision, votes  # noqa: E402,F401  (they register routes)
