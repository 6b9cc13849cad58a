"""The mass-mobilisation API, mounted at /api/v1/mobilization/ (in /api/docs): teams and members, activities,
models with their replication links, reports (figures as JSON), scoped like the pages. The showcase of recognised
models reads without a login. Each concern adds its endpoints to `router` in its own file."""

from collections.abc import Callable, Mapping
from typing import TypeVar

from ninja import Router

from gandan.errors import DomainError

router = Router(tags=["mobilization"])
T = TypeVar("T")


def as_sent(names: Mapping[str, str], call: Callable[[], T]) -> T:
    """`call()`, its refusal naming the fields as the client sent them (the service says "village" where the API takes
    "village_id"): a client ties each message to its own input."""
    try:
        return call()
    except DomainError as error:
        error.errors = {names.get(k, k): v for k, v in error.errors.items()}
        if error.field is not None:
            error.field = names.get(error.field, error.field)
        raise


from gandan.mobilization.api import activities, initiatives, reports, teams  # noqa: E402,F401  (they register routes)
