"""The first account of a real database: a system administrator working for a unit (the province, by its code).

`createsuperuser` makes an account attached to no unit, which sees nothing (every page is scoped to the user's
unit); this is the one to use after `gandan run` on a new database."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.errors import DomainError
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
        found = Unit.objects.filter(code=unit.strip(), valid_to__isnull=True).first()
        if found is None:
            raise CommandError(
                f"Không có đơn vị đang hiệu lực mã {unit!r}. / No unit in force has the code {unit!r}."
            )
        password = os.environ.get("GANDAN_ADMIN_PASSWORD") or self._ask()
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            user = user_create(
                username=username,
                password=password,
                full_name=full_name or username,
                position="Quản trị hệ thống",
                unit=found,
                roles=[Role.SYSTEM_ADMIN],
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tài khoản quản trị {user.username} ({found.display_name}). / "
                f"Administrator {user.username} created ({found.display_name})."
            )
        )

    def _ask(self) -> str:
        first = getpass.getpass("Mật khẩu / Password: ")
        if first != getpass.getpass("Nhập lại / Again: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp. / The two passwords differ.")
        return first
