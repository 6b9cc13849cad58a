"""`gandan apikey create|list|revoke`: the key printed once, on the last line; errors in Vietnamese, nothing saved."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gandan.apikeys.models import ApiKey
from gandan.apikeys.rules import key_prefix

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("apikey", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_key_alone_on_its_last_line_and_list_never_shows_it(client):
    out = _run("create", "--name", "Cổng Open311", "--unit", "08848", "--scope", "read", "--scope", "open311")

    secret = out.rstrip("\n").splitlines()[-1]
    prefix = key_prefix(secret)
    key = ApiKey.objects.get(prefix=prefix)
    assert key.unit.code == "08848" and key.scopes == ["read", "open311"] and key.created_by is None
    assert secret not in out.rstrip("\n").splitlines()[0]
    listing = _run("list")
    assert prefix in listing and secret not in listing and "08848" in listing
    assert client.get("/api/v1/dossiers/?limit=1", HTTP_X_API_KEY=secret).status_code == 200


def test_without_a_unit_the_key_is_for_the_whole_installation():
    out = _run("create", "--name", "Kho dữ liệu quốc gia", "--scope", "exports")

    key = ApiKey.objects.get(prefix=key_prefix(out.splitlines()[-1]))
    assert key.unit is None and key.unit_path == ""
    assert "*" in _run("list")


def test_revoke_by_prefix():
    out = _run("create", "--name", "Tạm", "--unit", "08848", "--scope", "read")
    prefix = key_prefix(out.splitlines()[-1])

    said = _run("revoke", prefix)

    assert ApiKey.objects.get(prefix=prefix).revoked_at is not None
    assert "thu hồi" in said
    with pytest.raises(CommandError, match="thu hồi"):
        _run("revoke", prefix)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--name", "X", "--unit", "99999", "--scope", "read"], "mã"),
        (["--name", "X", "--unit", "08848", "--scope", "everything"], "everything"),
        (["--name", "X", "--unit", "08848"], "phạm vi"),
        (["--name", "A" * 300, "--scope", "read"], "100"),
        (["--name", "X\x00Y", "--scope", "read"], "ký tự"),
    ],
    ids=["unknown-unit", "unknown-scope", "no-scope", "too-long", "nul"],
)
def test_bad_input_is_refused_in_vietnamese_and_saves_nothing(args, words):
    before = ApiKey.objects.count()

    with pytest.raises(CommandError) as refused:
        _run("create", *args)

    assert words in str(refused.value)
    assert ApiKey.objects.count() == before


def test_an_unknown_prefix_is_refused():
    with pytest.raises(CommandError, match="tiền tố"):
        _run("revoke", "zzzzzzzz")
