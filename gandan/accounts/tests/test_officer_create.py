"""`gandan officer_create`: the IT officer gives a commune's officers their accounts (docs/operations.md)."""

import pytest
from django.core.management import CommandError, call_command

from gandan.accounts.models import User
from gandan.accounts.rules import Role

pytestmark = pytest.mark.django_db


def test_an_officer_gets_the_roles_asked_in_the_commune_and_can_sign_in(client, monkeypatch):
    monkeypatch.setenv("GANDAN_OFFICER_PASSWORD", "Mot-mat-khau-dai-2026!")

    call_command(
        "officer_create",
        "--username",
        "Motcua.Moi",
        "--unit",
        "08824",
        "--role",
        "desk_officer",
        "--role",
        "case_handler",
        "--full-name",
        "Trần Thị Mai",
        verbosity=0,
    )

    officer = User.objects.get(username="motcua.moi")
    assert officer.unit.code == "08824" and officer.full_name == "Trần Thị Mai"
    assert officer.role_set == {Role.DESK_OFFICER, Role.CASE_HANDLER}
    assert client.login(username="motcua.moi", password="Mot-mat-khau-dai-2026!")


def test_an_unknown_unit_a_weak_password_or_a_taken_name_make_no_account(monkeypatch):
    monkeypatch.setenv("GANDAN_OFFICER_PASSWORD", "Mot-mat-khau-dai-2026!")
    with pytest.raises(CommandError, match="99999"):
        call_command("officer_create", "--username", "a.b", "--unit", "99999", "--role", "inspector")
    with pytest.raises(CommandError):  # the demo's own desk officer
        call_command(
            "officer_create", "--username", "motcua.songlo", "--unit", "08848", "--role", "inspector"
        )
    monkeypatch.setenv("GANDAN_OFFICER_PASSWORD", "12345678")
    with pytest.raises(CommandError):
        call_command("officer_create", "--username", "a.b", "--unit", "08824", "--role", "inspector")

    assert not User.objects.filter(username="a.b").exists()


def test_the_administrator_role_is_not_given_here():
    with pytest.raises(CommandError):
        call_command("officer_create", "--username", "a.b", "--unit", "08824", "--role", "system_admin")
