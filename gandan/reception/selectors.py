"""Reads of citizen reception: always for a user, inside that user's subtree (404 outside it). A reception record
linked to a protected denunciation carries only the neutral label; the identity is on the petition, behind a grant.
"""

from django.db.models import QuerySet

from gandan.accounts.rules import Role
from gandan.accounts.scope import get_scoped_or_404, scoped
from gandan.petitions.models import Task
from gandan.reception.models import ConclusionNotice, ReceptionDay, ReceptionRecord
from gandan.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

_RECORD_RELATED = ("officer", "petition", "petition__unit", "reception_day", "reception_day__leader", "unit")
_CONCLUSION_RELATED = ("reception_day", "reception_day__leader", "reception_day__unit", "created_by")


def reception_days_for_user(user) -> QuerySet[ReceptionDay]:
    return scoped(ReceptionDay.objects.all(), user, path_field="unit_path").select_related("leader", "unit")


def reception_day_get_for_user(user, pk) -> ReceptionDay:
    return get_scoped_or_404(
        ReceptionDay.objects.select_related("leader", "unit"), user, path_field="unit_path", pk=pk
    )


def reception_records_for_user(user) -> QuerySet[ReceptionRecord]:
    return scoped(ReceptionRecord.objects.all(), user, path_field="unit_path").select_related(
        *_RECORD_RELATED
    )


def reception_record_get_for_user(user, pk) -> ReceptionRecord:
    return get_scoped_or_404(
        ReceptionRecord.objects.select_related(*_RECORD_RELATED), user, path_field="unit_path", pk=pk
    )


def conclusion_notice_get_for_user(user, pk) -> ConclusionNotice:
    return get_scoped_or_404(
        ConclusionNotice.objects.select_related(*_CONCLUSION_RELATED),
        user,
        path_field="reception_day__unit_path",
        pk=pk,
    )


def conclusion_tasks_for_user(user) -> QuerySet[Task]:
    """The tasks set by notices of conclusions (not the petitions' verification tasks)."""
    return scoped(Task.objects.filter(conclusion__isnull=False), user, path_field="unit_path").select_related(
        "conclusion", "conclusion__reception_day", "conclusion__reception_day__leader"
    )


def conclusion_task_get_for_user(user, pk) -> Task:
    return get_scoped_or_404(conclusion_tasks_for_user(user), user, path_field="unit_path", pk=pk)


def reception_leaders_of(unit):
    """The unit's active leaders who may hold a reception day (chairman, party secretary)."""
    from gandan.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, unit=unit, roles__role__in=[Role.UNIT_LEADER, Role.PARTY_SECRETARY]
        )
        .distinct()
        .order_by("full_name", "username")
    )


def reception_day_leaders(days: QuerySet[ReceptionDay]):
    """The leaders of `days`, by name: the choices of the days list's filter."""
    from gandan.accounts.models import User

    return User.objects.filter(pk__in=days.values("leader")).order_by("full_name", "username")


def reception_units_for_user(user) -> QuerySet[Unit]:
    """The communes and provinces in force inside the user's units: those whose compliance the user may read."""
    units = Unit.objects.current().filter(kind__in=[*COMMUNE_KINDS, *PROVINCE_KINDS])
    return scoped(units, user, path_field="path").order_by("path")


def reception_days_exist(unit, *, start, end) -> bool:
    return ReceptionDay.objects.filter(unit=unit, day__gte=start, day__lte=end).exists()


def reception_days_between(user, *, start, end) -> list[ReceptionDay]:
    """The reception days of the user's area from `start` to `end` (the staff home's week), earliest first."""
    return list(reception_days_for_user(user).filter(day__gte=start, day__lte=end).order_by("day", "id")[:20])
