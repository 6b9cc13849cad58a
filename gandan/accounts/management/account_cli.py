"""What the account commands (`admin_create`, `officer_create`) share: the unit found by its code, the password
asked twice or read from the environment and checked, the account made through `user_create`, the line printed."""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gandan.accounts.rules import Role
from gandan.accounts.services import user_create
from gandan.errors import DomainError
from gandan.units.models import Unit


def unit_in_force(code: str, *, hint_vi: str = "", hint_en: str = "") -> Unit:
    found = Unit.objects.filter(code=code.strip(), valid_to__isnull=True).first()
    if found is None:
        raise CommandError(
            f"Không có đơn vị đang hiệu lực mã {code!r}{hint_vi}. / No unit in force has the code {code!r}{hint_en}."
        )
    return found


def password_get(env_name: str) -> str:
    """The password from the environment variable `env_name`, else asked twice; refused when too weak."""
    password = os.environ.get(env_name) or _ask()
    try:
        validate_password(password)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from error
    return password


def _ask() -> str:
    first = getpass.getpass("Mật khẩu / Password: ")
    if first != getpass.getpass("Nhập lại / Again: "):
        raise CommandError("Hai lần nhập mật khẩu không khớp. / The two passwords differ.")
    return first


def account_create(
    command: BaseCommand,
    *,
    username: str,
    password: str,
    full_name: str,
    position: str,
    unit: Unit,
    roles: list[Role],
    what_vi: str,
    what_en: str,
) -> None:
    try:
        user = user_create(
            username=username,
            password=password,
            full_name=full_name or username,
            position=position,
            unit=unit,
            roles=roles,
        )
    except DomainError as error:
        raise CommandError(str(error.message)) from error
    command.stdout.write(
        command.style.SUCCESS(
            f"Đã tạo {what_vi} {user.username} ({unit.display_name}). / "
            f"{what_en} {user.username} created ({unit.display_name})."
        )
    )
