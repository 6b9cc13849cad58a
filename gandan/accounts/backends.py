"""The login backend: Django's, but fetching the signed-in staff member for every request costs less.

Nearly every staff page and API call reads the user, the unit and the roles (scope, permissions, the header).
Three hand-written primary-key queries give them: measured on the desk's intake, the same through querysets cost
four times as much CPU, spent compiling the SQL rather than running it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from gandan.accounts.rules import Role
from gandan.sql import table


class UnitModelBackend(ModelBackend):
    def get_user(self, user_id):
        from gandan.accounts.models import UserRole
        from gandan.units.models import Unit

        user_model = get_user_model()
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        sql = f"SELECT * FROM {table(user_model)} WHERE id = %s"  # noqa: S608 — a table name, the value is a parameter
        user = next(iter(user_model.objects.raw(sql, [user_id])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        if user.unit_id is not None:
            sql = f"SELECT * FROM {table(Unit)} WHERE id = %s"  # noqa: S608 — a table name, the value is a parameter
            user.unit = next(iter(Unit.objects.raw(sql, [user.unit_id])))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT role FROM {table(UserRole)} WHERE user_id = %s", [user_id])  # noqa: S608
            # What User.role_set would read with a queryset of its own.
            user.__dict__["role_set"] = frozenset(Role(role) for (role,) in cursor.fetchall())
        return user


class GuardedBackend(UnitModelBackend):
    """The login backend with the guard against password guessing (accounts/loginguard.py): a try made during the
    account's delay is refused before the password is checked (PermissionDenied stops authenticate(), and the
    request carries the wait for the form's message); a wrong password is counted. Every login form (the staff
    page, the admin's) goes through it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from django.core.exceptions import PermissionDenied

        from gandan.accounts.loginguard import login_failed, login_wait

        if request is None or username is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        wait = login_wait(request, username)
        if wait:
            request.login_wait = wait
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failed(request, username)
        return user
