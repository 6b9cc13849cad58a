"""Shared test set-up: the demo data is loaded once per test session (each test then runs in a transaction that
is rolled back), and a cast of users is available as fixtures."""

import pytest
from django.conf import settings
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

# No deadline on a generated example: how long one takes depends on the machine (a property test failed on a slow
# CI machine at 307 ms against Hypothesis's default 200 ms), and speed targets belong to `make bench`, not to tests.
hypothesis_settings.register_profile("gandan", deadline=None)
hypothesis_settings.load_profile("gandan")

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_DEMO_LOADED: list = []  # when this process began loading the demo its tests see (the demo's "now")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from gandan.demo import load_demo

    # Hashing 26 demo passwords with Argon2 costs seconds; the hasher itself is tested on its own.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    with django_db_blocker.unblock():
        _DEMO_LOADED.append(timezone.now())
        load_demo(progress=False, size="small")
        _snapshot_take()


# SQLite: a copy in memory of the test database as the session's set-up left it (demo loaded), so that a module of
# transactional tests gets it back in a fraction of a second instead of loading the demo again.
_SNAPSHOT: dict[str, object] = {}


def _snapshot_take() -> None:
    import sqlite3

    from django.db import connection

    if connection.vendor == "postgresql":
        _SNAPSHOT["postgresql"] = _pg_copy_out(connection)
        return
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    _SNAPSHOT["sqlite"] = copy


def _snapshot_restore() -> bool:
    """Put the session's database back page by page (schema, triggers and sequences included); False if there is no
    copy (PostgreSQL)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor == "postgresql" and "postgresql" in _SNAPSHOT:
        _pg_copy_in(connection, _SNAPSHOT["postgresql"])
        ContentType.objects.clear_cache()
        return True
    copy = _SNAPSHOT.get("sqlite")
    if copy is None or connection.vendor != "sqlite":
        return False
    connection.ensure_connection()
    copy.backup(connection.connection)
    ContentType.objects.clear_cache()  # the flush made new content types; the copy has the session's own
    return True


# PostgreSQL: every table's rows in COPY's binary format and every sequence's position, taken once the demo is loaded;
# put back (TRUNCATE, COPY in, setval) in a second or two instead of loading the demo again (a minute or more).


def _pg_copy_out(connection) -> dict:
    qn = connection.ops.quote_name
    tables = sorted(connection.introspection.table_names(include_views=False))
    rows: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        for table in tables:
            chunks = []
            with cursor.cursor.copy(f"COPY {qn(table)} TO STDOUT (FORMAT binary)") as copy:
                for chunk in copy:
                    chunks.append(bytes(chunk))
            rows[table] = b"".join(chunks)
        cursor.execute(
            "SELECT schemaname, sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        sequences = cursor.fetchall()
    return {"rows": rows, "sequences": sequences}


def _pg_copy_in(connection, snapshot: dict) -> None:
    from django.db import transaction

    qn = connection.ops.quote_name
    rows: dict[str, bytes] = snapshot["rows"]
    present = set(connection.introspection.table_names(include_views=False))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in sorted(present))} RESTART IDENTITY CASCADE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, data in rows.items():
            if table not in present or not data:
                continue
            with cursor.cursor.copy(f"COPY {qn(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(data)
        for schema, name, last in snapshot["sequences"]:
            if last is None:
                cursor.execute("SELECT setval(%s, 1, false)", [f"{qn(schema)}.{qn(name)}"])
            else:
                cursor.execute("SELECT setval(%s, %s, true)", [f"{qn(schema)}.{qn(name)}", last])


@pytest.fixture(scope="module")
def demo_restored_afterwards(django_db_setup, django_db_blocker):
    """For a module of transactional tests (threads on real connections). Such a test empties every table when it
    ends; the other tests rely on the session's demo data, so it is put back once the module is done (module scope:
    after pytest-django's flush) — from the copy the session's set-up kept (SQLite's pages, PostgreSQL's rows and
    sequences), else by loading the demo again. The audit tables refuse DELETE and TRUNCATE, so their triggers are lifted for the flush and put back
    afterwards (the SQLite copy has them)."""
    from django.db import connection

    from gandan.audit.chain import delete_triggers_create, delete_triggers_drop
    from gandan.demo import load_demo

    with django_db_blocker.unblock():
        delete_triggers_drop(connection)
    yield
    with django_db_blocker.unblock():
        restored = _snapshot_restore()
        if connection.vendor != "sqlite":
            delete_triggers_create(connection)  # the SQLite copy has them; PostgreSQL's triggers are not rows
        if not restored:
            _DEMO_LOADED.append(timezone.now())
            load_demo(progress=False, size="small")


@pytest.fixture
def demo_loaded_at(django_db_setup):
    """The moment the demo these tests see began loading: its story is told up to then, so a rule about "the last
    few days" holds against it, not against the clock of a test that runs many minutes later."""
    return _DEMO_LOADED[-1]


@pytest.fixture(autouse=True)
def _fast_hashers(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _fresh_calendar(monkeypatch):
    """Each test starts from the database's calendar, not a copy cached by an earlier (rolled-back) test; within the
    test the copy is asked again only when a service changed the calendar (calendar_forget), never because two
    seconds passed: on a slow or busy machine a request may take that long, and a test counting a page's queries
    then counted one more (seen in CI: the staff home's 28 queries became 29)."""
    from gandan.workcalendar import selectors

    monkeypatch.setattr(selectors, "RECHECK_SECONDS", float("inf"))
    selectors.calendar_forget()


def _user(username: str):
    from gandan.accounts.models import User

    return User.objects.select_related("unit").get(username=username)


@pytest.fixture
def desk_officer(db):
    return _user("motcua.songlo")


@pytest.fixture
def case_handler(db):
    return _user("xuly.songlo")


@pytest.fixture
def commune_leader(db):
    return _user("chutich.songlo")


@pytest.fixture
def party_secretary(db):
    return _user("bithu.songlo")


@pytest.fixture
def inspector(db):
    return _user("thanhtra.songlo")


@pytest.fixture
def other_commune_leader(db):
    """The chairman of xã Tam Sơn: a real officer, but of another commune."""
    return _user("chutich.tamson")


@pytest.fixture
def province_supervisor(db):
    return _user("giamsat.phutho")


@pytest.fixture
def sysadmin(db):
    return _user("quantri.phutho")


@pytest.fixture
def home_commune(db):
    from gandan.units.models import Unit

    return Unit.objects.get(code="08848", valid_to__isnull=True)


@pytest.fixture
def other_commune(db):
    from gandan.units.models import Unit

    return Unit.objects.get(code="08824", valid_to__isnull=True)


# --- Browser tests --------------------------------------------------------------------------------------------
# They drive Debian's chromium through Playwright against the real server (gunicorn + the demo database in a temp
# directory), exactly as `make run` serves it. Without chromium they skip and say why; CI sets
# GANDAN_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_path() -> str | None:
    import os
    import shutil

    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


_LIVE_ENV: dict[str, str] = {}


# tryfirst: before xdist's own hook, which reads the marks into the node ids it schedules by.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist with `--dist loadgroup` (`make test`, CI), every test of the live site goes to one worker:
    the site (the whole demo loaded by `gandan demo`, static files collected, gunicorn) is then built once instead of
    once per worker, and one chromium serves them all — as in a run without xdist. The other tests are spread as
    before."""
    for item in items:
        if "live_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("live_site"))
            # The live site serves its own SQLite database whatever DATABASE_URL says: CI's PostgreSQL run leaves
            # these out (`-m "not live_site"`), which would otherwise build the whole site again for nothing new.
            item.add_marker(pytest.mark.live_site)


@pytest.fixture(scope="session")
def site_shell(live_site):
    """Run Python in the live site's own database (`gandan shell -c`), e.g. to set up a dossier that is overdue."""
    import subprocess
    import sys

    def run(code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "gandan.cli", "shell", "-c", code],
            env=_LIVE_ENV,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()

    return run


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """The site served by gunicorn on a free port, with a fresh demo database. Yields its base URL."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    if _chromium_path() is None:
        if os.environ.get("GANDAN_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (GANDAN_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("browser tests need chromium (apt-get install chromium); skipped")
    data = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    env.update(
        GANDAN_DATA_DIR=str(data),
        SQLITE_PATH=str(data / "site.sqlite3"),
        STATIC_ROOT=str(data / "static"),
        DJANGO_SETTINGS_MODULE="gandan.settings",
    )
    run = [sys.executable, "-m", "gandan.cli"]
    # As `make run` does it: the demo loaded by its command (which makes the key file), then the site served with
    # DEBUG off over plain HTTP on loopback, from collected static files — the journeys see what a user of
    # `make run` sees, error pages and static manifest included.
    subprocess.run([*run, "demo", "--quiet-logins", "-v", "0"], env=env, check=True, capture_output=True)
    env.update(DEBUG="0", GANDAN_HTTPS="0")
    subprocess.run([*run, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gandan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.3)
    _LIVE_ENV.update(env)
    yield base
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


# Module scope: Playwright's sync API runs an event loop, which must be gone before other tests use the database.
@pytest.fixture(scope="module")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def phone(browser):
    """A 360-px phone, Vietnamese."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser):
    """An office laptop screen, 1366×768, Vietnamese."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture
def artifacts():
    """Where browser tests save screenshots (kept by CI for people to look at)."""
    from pathlib import Path

    folder = Path(__file__).parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder
