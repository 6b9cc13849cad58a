"""Domain errors: raised by services, shown to people in Vietnamese, returned by the API with a stable code."""

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the domain refused an action. `code` is stable (API clients rely on it); `message` is shown."""

    status = 400
    errors: dict[str, str]  # every field's problem, when a service found several (set by that service)

    def __init__(self, code: str, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409
