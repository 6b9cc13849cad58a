from django.db.models import QuerySet

from gandan.accounts.models import User
from gandan.accounts.scope import scoped


def staff_list_for_user(user) -> QuerySet[User]:
    return scoped(User.objects.select_related("unit").prefetch_related("roles"), user, path_field="unit__path")
