"""`gandan run` only serves: on a new database it creates no account and loads no demo, and it serves as
production does (DEBUG off: the site's own Vietnamese 404, never Django's debug page listing every URL).
`gandan demo` refuses a database that holds real accounts, and DEBUG=0."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PROJECT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Accept-Language": "vi"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def new_database(tmp_path):
    """A database nobody has used: a new SQLite file, or a new PostgreSQL database when the suite runs on one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield (
            {"SQLITE_PATH": str(tmp_path / "new.sqlite3")},
            lambda: sqlite3.connect(tmp_path / "new.sqlite3"),
        )
        return
    import psycopg

    name = f"gandan_run_{os.getpid()}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    new_url = url.rsplit("/", 1)[0] + f"/{name}"
    connections = []

    def connect():
        connections.append(psycopg.connect(new_url))
        return connections[-1]

    yield {"DATABASE_URL": new_url}, connect
    for conn in connections:
        conn.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def served_fresh(tmp_path, new_database):
    """`gandan run` exactly as `make run` starts it (no DEBUG in the environment), on the new database."""
    db_env, connect = new_database
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SQLITE_PATH"}
    }
    env.update(
        db_env,
        GANDAN_DATA_DIR=str(tmp_path / "var"),
        STATIC_ROOT=str(tmp_path / "static"),
        PORT=str(port),
        GANDAN_HTTPS="0",
        DJANGO_SETTINGS_MODULE="gandan.settings",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gandan.cli", "run"],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a new database is migrated first
    while True:
        try:
            if _get(f"{base}/api/v1/health")[0] == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            output = server.stdout.read().decode() if server.poll() is not None else ""
            os.killpg(server.pid, signal.SIGKILL)
            pytest.fail(f"gandan run did not start: {output[-2000:]}")
        time.sleep(0.5)
    yield base, connect
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def test_serving_a_new_database_creates_no_account_and_shows_the_vietnamese_404(served_fresh):
    base, connect = served_fresh

    status, html = _get(f"{base}/trang-khong-ton-tai/")

    assert status == 404
    assert "Không tìm thấy trang" in html
    assert "URLconf" not in html and "Traceback" not in html  # not Django's debug page
    conn = connect()
    assert conn.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM dossiers_dossier").fetchone()[0] == 0


@pytest.mark.django_db
def test_the_demo_refuses_a_database_with_accounts_of_its_own(settings):
    from gandan.accounts.models import User

    settings.DEBUG = True  # a developer's machine: only the real account stops it
    User.objects.create_user(username="canbo.that", password="Mat-khau-rieng-2026")

    with pytest.raises(CommandError, match="canbo.that"):
        call_command("demo", "--no-migrate", "--quiet-logins", verbosity=0)


@pytest.mark.django_db
def test_the_demo_refuses_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("demo", "--no-migrate", "--quiet-logins", verbosity=0)

    call_command(
        "demo", "--no-migrate", "--quiet-logins", "--force", verbosity=0
    )  # the demo database itself: ok


@pytest.mark.django_db
def test_the_first_administrator_works_for_a_unit_and_can_use_the_unit_pages(client, monkeypatch):
    from gandan.accounts.models import User

    monkeypatch.setenv("GANDAN_ADMIN_PASSWORD", "Mot-mat-khau-dai-2026!")
    call_command(
        "admin_create",
        "--username",
        "quantri.that",
        "--unit",
        "25",
        "--full-name",
        "Lê Thị Quản",
        verbosity=0,
    )

    admin = User.objects.get(username="quantri.that")
    assert admin.unit.code == "25" and admin.can("units.edit")
    client.force_login(admin)
    assert client.get("/staff/units/").status_code == 200


@pytest.mark.django_db
def test_a_weak_first_password_is_refused_and_no_account_is_made(monkeypatch):
    from gandan.accounts.models import User

    monkeypatch.setenv("GANDAN_ADMIN_PASSWORD", "123456")
    with pytest.raises(CommandError):
        call_command("admin_create", "--username", "quantri.yeu", "--unit", "25", verbosity=0)
    assert not User.objects.filter(username="quantri.yeu").exists()


@pytest.mark.django_db
def test_the_demo_refuses_a_server_database_unless_forced(settings, monkeypatch):
    from gandan.dossiers.models import Dossier

    settings.DEBUG = True  # the default for a command: only the named database stops it
    monkeypatch.setenv("DATABASE_URL", "postgres://gandan@127.0.0.1:5432/gandan")
    before = Dossier.objects.count()

    with pytest.raises(CommandError, match="DATABASE_URL"):
        call_command("demo", "--no-migrate", "--quiet-logins", verbosity=0)

    call_command(
        "demo", "--no-migrate", "--quiet-logins", "--force", verbosity=0
    )  # asked for by name: loaded
    assert Dossier.objects.count() == before  # the demo is idempotent: nothing twice
