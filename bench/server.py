"""The system under test: a fresh database (SQLite, or PostgreSQL with DATABASE_URL: bench/postgres.py) with the
demo data, served by gunicorn as in production."""

import http.client
import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
READY_PATH = "/api/v1/health"
READY_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10
WORKERS = 2  # TECH-NOTES §8: the throughput figures there were all measured with 2 sync workers


class HarnessError(Exception):
    """The benchmark could not run (setup, server or load generator), as opposed to a scenario missing its target."""


def bench_environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of every process of the run: production-like settings over a throwaway database, the
    SQLite file in `data_dir`, or the run's own PostgreSQL database `database_url` (bench/postgres.py)."""
    env = dict(os.environ)
    # Anything that would point the run at a real database or real files is dropped, not overridden.
    for name in ("DATABASE_URL", "STATIC_ROOT", "MEDIA_ROOT"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DJANGO_SETTINGS_MODULE="gandan.settings",
        SQLITE_PATH=str(data_dir / "bench.sqlite3"),
        GANDAN_DATA_DIR=str(data_dir),
        DEBUG="0",
        # Plain HTTP on 127.0.0.1: with the redirect on, every request would be a 301 to https.
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        GANDAN_BENCH="1",
        # The Open311 scenario files hundreds of reports a second with the one demo key: the production limit
        # (600 a minute per key) would answer most of them 429. Raised here, for the benchmark's server only.
        GANDAN_APIKEY_RATE="1000000/min",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare_database(env: dict[str, str]) -> None:
    """Migrate and load the demo data (its own progress bar), then collect the static files: with DEBUG=0 the
    manifest storage refuses to render a page whose static files were not collected."""
    steps = [
        ["-m", "gandan.cli", "demo", "--quiet-logins", "--force"],  # DEBUG=0, on its own throw-away database
        ["-m", "gandan.cli", "collectstatic", "--noinput", "--verbosity", "0"],
    ]
    for step in steps:
        completed = subprocess.run([sys.executable, *step], env=env, cwd=PROJECT_DIR, check=False)
        if completed.returncode != 0:
            raise HarnessError(f"`{' '.join(step[2:])}` failed with exit code {completed.returncode}")


def _free_port() -> int:
    # The port is released before gunicorn binds it; another process taking it in between makes gunicorn
    # fail to start, which the readiness check reports.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _answers(port: int) -> int | None:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", READY_PATH)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextmanager
def gunicorn(env: dict[str, str], *, log_path: Path) -> Iterator[str]:
    """Serve the site for the duration of the block; yields its base URL. The server is always stopped."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "gandan.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
    ]  # fmt: skip  (no --access-logfile: no access log, as `gandan run` without ACCESS_LOG)
    with log_path.open("wb") as log:
        # Its own session: a Ctrl+C in the terminal reaches only the harness, which then stops the server in
        # order, and a forced stop can kill the master and its workers as one process group.
        process = subprocess.Popen(
            command, env=env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_ready(process, port, log_path)
        yield f"http://{HOST}:{port}"
    finally:
        _stop(process)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    status: int | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"gunicorn exited with {process.returncode}:\n{_tail(log_path)}")
        status = _answers(port)
        if status == 200:
            return
        time.sleep(0.2)
    raise HarnessError(
        f"GET {READY_PATH} did not answer 200 within {READY_TIMEOUT_S} s (last: {status}):\n{_tail(log_path)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown: workers finish their request
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # The group is the one gunicorn was started in (start_new_session): the master and its workers only.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
