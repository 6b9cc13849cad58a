"""An officer's account for a commune (or the province), from the command line: what the IT officer does when a
commune joins (docs/operations.md, "Add a commune"). The same service as every account (`user_create`: Argon2,
audited); the password is asked twice, or read from GANDAN_OFFICER_PASSWORD."""

from django.core.management.base import BaseCommand

from gandan.accounts.management.account_cli import account_create, password_get, unit_in_force
from gandan.accounts.rules import Role

# The administrator's role is given by `admin_create` only.
OFFICER_ROLES = [role.value for role in Role if role != Role.SYSTEM_ADMIN]


class Command(BaseCommand):
    help = (
        "Create an officer's account working for a unit (official code, e.g. 08824) with one or more roles. The "
        "password is asked twice, or read from GANDAN_OFFICER_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--unit", required=True, help="official code of the unit, e.g. 08824 (a commune)")
        parser.add_argument(
            "--role", required=True, action="append", choices=OFFICER_ROLES, help="repeat for several roles"
        )
        parser.add_argument("--full-name", default="", help="the person's full name")
        parser.add_argument("--position", default="", help="the person's position, e.g. Công chức một cửa")

    def handle(self, *args, username, unit, role, full_name, position, **options):
        found = unit_in_force(
            unit, hint_vi=" (đã chạy gandan load_units chưa?)", hint_en=" (was gandan load_units run?)"
        )
        account_create(
            self,
            username=username,
            password=password_get("GANDAN_OFFICER_PASSWORD"),
            full_name=full_name,
            position=position,
            unit=found,
            roles=[Role(r) for r in dict.fromkeys(role)],
            what_vi="tài khoản",
            what_en="Account",
        )
