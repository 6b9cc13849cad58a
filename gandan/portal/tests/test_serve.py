"""`gandan run` serves with options that survive slow clients, and each instance has its own control socket."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from gandan.cli import gunicorn_argv

# The served tests read the session's test database (which exists only when a test asks for the database).
pytestmark = pytest.mark.django_db


def _argv(tmp_path: Path, **env) -> list[str]:
    return gunicorn_argv(python="python", host="127.0.0.1", port="8000", data_dir=tmp_path, env=env)


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


@pytest.fixture
def short_dir():
    """A data directory short enough for a Unix socket path (pytest's own tmp_path under a parallel worker is not)."""
    import shutil
    import tempfile

    made = Path(tempfile.mkdtemp(prefix="gd-", dir="/tmp"))
    yield made
    shutil.rmtree(made, ignore_errors=True)


def test_two_instances_never_share_a_control_socket(short_dir):
    tmp_path = short_dir
    first = gunicorn_argv(python="python", host="127.0.0.1", port="8000", data_dir=tmp_path, env={})
    second = gunicorn_argv(python="python", host="127.0.0.1", port="8001", data_dir=tmp_path, env={})
    other_dir = gunicorn_argv(python="python", host="127.0.0.1", port="8000", data_dir=tmp_path / "b", env={})

    sockets = {_option(argv, "--control-socket") for argv in (first, second, other_dir)}
    assert len(sockets) == 3
    assert all(path.startswith(str(tmp_path)) for path in sockets)


def test_a_data_directory_too_deep_for_a_unix_socket_switches_the_control_socket_off(tmp_path):
    argv = _argv(tmp_path / ("x" * 120))

    assert "--no-control-socket" in argv and "--control-socket" not in argv


def test_the_web_server_uses_threads_and_a_short_timeout(tmp_path):
    argv = _argv(tmp_path)

    assert _option(argv, "--worker-class") == "gthread"
    assert int(_option(argv, "--workers")) * int(_option(argv, "--threads")) >= 16
    assert int(_option(argv, "--timeout")) <= 30


def test_the_access_log_keeps_the_path_and_never_the_query_string(tmp_path):
    """With ACCESS_LOG set, gunicorn's own formatter writes the line: an API lookup's digits stay out of it."""
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config  # type: ignore[import-untyped]
    from gunicorn.glogging import Logger  # type: ignore[import-untyped]

    argv = _argv(tmp_path, ACCESS_LOG="1")
    uri = "/api/v1/dossiers/lookup?code=08848-261207-0001&last4=5678"
    environ = {
        "REMOTE_ADDR": "10.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": "/api/v1/dossiers/lookup",
        "QUERY_STRING": uri.split("?", 1)[1],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "phone",
    }
    request = SimpleNamespace(
        headers=[], method="GET", path=environ["PATH_INFO"], query=environ["QUERY_STRING"]
    )
    response = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[], status_code=200)
    atoms = Logger(Config()).atoms(response, request, environ, dt.timedelta(milliseconds=12))

    line = _option(argv, "--access-logformat") % atoms

    assert _option(argv, "--access-logfile") == "-"
    assert '"GET /api/v1/dossiers/lookup HTTP/1.1" 200' in line
    assert "5678" not in line and "08848-261207-0001" not in line
    assert "5678" in Config().access_log_format % atoms  # gunicorn's own default would have kept them
    assert "--access-logfile" not in _argv(tmp_path)  # no log at all unless asked for


# --- Measured against a real server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(base: str, timeout: float) -> int:
    with urllib.request.urlopen(f"{base}/api/v1/health", timeout=timeout) as response:
        return response.status


@pytest.fixture(scope="module")
def served(django_db_setup, tmp_path_factory):
    """`gandan run`'s gunicorn, on a free loopback port, over the session's test database (read only here)."""
    from django.db import connection

    tmp_path = tmp_path_factory.mktemp("run")
    env = dict(os.environ, GANDAN_DATA_DIR=str(tmp_path), DEBUG="1", DJANGO_SETTINGS_MODULE="gandan.settings")
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(connection.settings_dict["NAME"])
        env.pop("DATABASE_URL", None)
    else:
        params = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST'] or '127.0.0.1'}:"
            f"{params['PORT'] or 5432}/{params['NAME']}"
        )
    port = _free_port()
    argv = gunicorn_argv(python=sys.executable, host="127.0.0.1", port=str(port), data_dir=tmp_path, env=env)
    server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    # Generous: it starts in a few seconds, but a CI machine running two other test workers was seen to need more
    # than 20 (waiting longer costs nothing when it is up sooner).
    deadline = time.monotonic() + 90
    while True:
        try:
            if _health(base, 2) == 200:
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
    yield base, port, tmp_path
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def test_the_control_socket_lives_in_the_data_directory(served):
    _base, port, data_dir = served

    assert (data_dir / f"gunicorn-127.0.0.1-{port}.ctl").exists()


@pytest.mark.parametrize("slow", [4, 8])
def test_the_health_check_answers_while_slow_clients_hold_sockets_open(served, slow):
    """Slowloris: each socket sends the start of a request, then nothing. Two sync workers were both held by
    four of them, and the health check timed out."""
    base, port, _data_dir = served
    held = []
    try:
        for _ in range(slow):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /kien-nghi/gui/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n")
            held.append(s)
        time.sleep(0.5)  # let the server take them all up

        assert _health(base, timeout=5) == 200
        assert _health(base, timeout=5) == 200
    finally:
        for s in held:
            s.close()


def test_gandan_run_keeps_the_database_and_new_files_from_other_accounts(tmp_path):
    """The probe found var/gandan.sqlite3 readable by every account on the machine (0644)."""
    import os
    import stat

    from gandan.cli import keep_data_private

    data = tmp_path / "var"
    data.mkdir(mode=0o755)
    database = data / "gandan.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    before = os.umask(0o022)
    try:
        keep_data_private(data)
        scan = data / "media" / "scan.pdf"
        scan.parent.mkdir()
        scan.write_bytes(b"%PDF")
    finally:
        os.umask(before)

    for path in (data, database, scan.parent, scan):
        assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0, path
