"""The login backend: Django's, but a signed-in staff member comes with the unit and the roles in one query, as
nearly every staff page and API call reads both (scope, permissions, the header)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Aggregate, CharField, OuterRef, Subquery, Value

from gandan.accounts.rules import Role


class _Joined(Aggregate):
    """The values as one text joined by the separator: group_concat (SQLite), string_agg (PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="STRING_AGG", **extra)


class UnitModelBackend(ModelBackend):
    def get_user(self, user_id):
        from gandan.accounts.models import UserRole

        roles = (
            UserRole.objects.filter(user=OuterRef("pk")).order_by().values("user")
            .annotate(joined=_Joined("role", Value(","))).values("joined")
        )
        users = get_user_model()._default_manager.select_related("unit").annotate(role_list=Subquery(roles))
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        # What User.role_set would read with a query of its own.
        user.__dict__["role_set"] = frozenset(Role(r) for r in (user.role_list or "").split(",") if r)
        return user if self.user_can_authenticate(user) else None
