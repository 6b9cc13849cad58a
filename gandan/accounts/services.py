from django.db import transaction
from django.utils.translation import gettext as _

from gandan.accounts.models import User, UserRole
from gandan.accounts.rules import Role
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import DomainError
from gandan.units.models import Unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    full_name: str,
    unit: Unit | None,
    roles: list[Role],
    position: str = "",
    by: User | None = None,
) -> User:
    """A staff account working for `unit` with `roles`. The password is hashed with Argon2."""
    username = username.strip().lower()
    if User.objects.filter(username=username).exists():
        raise DomainError(
            "user_exists", _("The username %(u)s is taken.") % {"u": username}, field="username"
        )
    if unit is None:
        raise DomainError("user_unit_required", _("Choose the unit this person works for."), field="unit")
    user = User(username=username, full_name=normalize(full_name), position=normalize(position), unit=unit)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in roles])
    event_record(
        actor=by, action="accounts.user_create", obj=user, details={"roles": [str(r) for r in roles]}
    )
    return user
