"""The dialogues API, mounted at /api/v1/dialogues/ (in /api/docs), scoped like the pages; public reads need no login. Each
concern adds its endpoints to `router` in its own file, imported at the end."""

from ninja import Router

router = Router(tags=["dialogues"])


from gandan.dialogues.api import commitments, dialogues, questions  # noqa: E402,F401  (they register routes)
