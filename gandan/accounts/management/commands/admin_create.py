"""The first account of a real database: a system administrator working for a unit (the province, by its code).

`createsuperuser` makes an account attached to no unit, which sees nothing (every page is scoped to the user's
unit); this is the one to use after `gandan run` on a new database."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gandan.accounts.management.account_cli import account_create, password_get, unit_in_force
from gandan.accounts.rules import Role
from gandan.units.models import Unit


class Command(BaseCommand):
    help = (
        "Create a system administrator working for a unit (official code, e.g. 25 for Phú Thọ). The password is "
        "asked twice, or read from GANDAN_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--unit", required=True, help="official code of the unit, e.g. 25 (a province)")
        parser.add_argument("--full-name", default="", help="the person's full name")

    def handle(self, *args, username, unit, full_name, **options):
        if not Unit.objects.exists():
            call_command("load_units", verbosity=0)
        found = unit_in_force(unit)
        account_create(
            self,
            username=username,
            password=password_get("GANDAN_ADMIN_PASSWORD"),
            full_name=full_name,
            position="Quản trị hệ thống",
            unit=found,
            roles=[Role.SYSTEM_ADMIN],
            what_vi="tài khoản quản trị",
            what_en="Administrator",
        )
