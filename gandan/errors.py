"""Domain errors: raised by services, shown to people in Vietnamese, returned by the API with a stable code.

A service that checks several fields at once reports them all in one error:

    raise DomainError("applicant_invalid", errors={"applicant_name": _("Enter …"), "applicant_phone": _("…")})

`errors` maps a field's name to its messages (`NON_FIELD` for a problem of the whole request); `message` and `field`
are the first problem. `DomainError(code, message, field=...)` is the one-field form of the same thing. Pages show
every entry next to its field (`gandan.web.form_add_domain_error`); the API lists every entry
(`gandan.api.on_domain_error`)."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.functional import Promise
from django.utils.translation import gettext as _

NON_FIELD = NON_FIELD_ERRORS  # "__all__", the key Django's forms use for the same thing

Message = str | Promise
FieldErrors = Mapping[str, Message | Iterable[Message]]


def _messages(value: Message | Iterable[Message]) -> list[str]:
    if isinstance(value, str | Promise):
        return [str(value)]
    return [str(message) for message in value]


class DomainError(Exception):
    """A rule of the domain refused an action. `code` is stable (API clients rely on it); `message` is shown."""

    status = 400

    def __init__(
        self,
        code: str,
        message: Message | None = None,
        *,
        field: str | None = None,
        errors: FieldErrors | None = None,
    ) -> None:
        self.code = code
        self.errors = errors if errors else {field or NON_FIELD: message or code}
        if message is None:  # the first problem is the error's own message
            field, messages = next(iter(self._errors.items()))
            message = messages[0]
            field = None if field == NON_FIELD else field
        self.message = message
        self.field = field
        super().__init__(str(message))

    @property
    def errors(self) -> dict[str, list[str]]:
        """Every problem: field name → its messages (never empty; `NON_FIELD` for the request as a whole)."""
        return self._errors

    @errors.setter
    def errors(self, value: FieldErrors) -> None:
        self._errors = {str(field or NON_FIELD): _messages(messages) for field, messages in value.items()}


class NotAllowed(DomainError):
    status = 403


class Conflict(DomainError):
    status = 409


class Throttled(DomainError):
    """Too many attempts: the message says how long to wait."""

    status = 429


def too_long(value: str, *, max_length: int) -> str | None:
    """The message for a text longer than its column, or None. Services refuse such a text instead of cutting it:
    a cut name or address in an official register is wrong without anyone knowing."""
    if len(value or "") <= max_length:
        return None
    return _("At most %(max)d characters: this text has %(length)d. Shorten it.") % {
        "max": max_length,
        "length": len(value),
    }


def check_max_lengths(fields: Mapping[str, tuple[str, int]], *, code: str = "text_too_long") -> None:
    """Refuse, in one error naming every field, any of `fields` (name → (value, max_length)) that is too long."""
    errors = {
        name: message
        for name, (value, limit) in fields.items()
        if (message := too_long(value, max_length=limit))
    }
    if errors:
        raise DomainError(code, errors=errors)
