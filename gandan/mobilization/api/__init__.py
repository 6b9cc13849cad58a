"""The mass-mobilisation API, mounted at /api/v1/mobilization/ (in /api/docs): teams and members, activities,
models with their replication links, reports (figures as JSON), scoped like the pages. The showcase of recognised
models reads without a login. Each concern adds its endpoints to `router` in its own file."""

from ninja import Router

router = Router(tags=["mobilization"])

from gandan.mobilization.api import activities, initiatives, reports, teams  # noqa: E402,F401  (they register routes)
