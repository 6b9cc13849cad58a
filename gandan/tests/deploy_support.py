"""Helpers for the tests that run the deployment as written (test_deploy_units.py, test_operations_doc.py): a small
reader of systemd's unit and environment files, the mapping of the production paths to this checkout, a new
database, and waiting on a served site.

systemd is absent where the suite runs, so its files are read the way systemd reads them (systemd.syntax(7),
systemd.exec(5)) and their commands started by hand, in the order and with the environment systemd would give."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROD_ROOT = "/opt/gandan"
PROD_ENV_FILE = "/etc/gandan/gandan.env"


# --- systemd's files -----------------------------------------------------------------------------------------------


@dataclass
class Unit:
    """A unit file: each section's settings in order (a key may repeat, as After= or ExecStartPre= do)."""

    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def all(self, section: str, key: str) -> list[str]:
        return [value for name, value in self.sections.get(section, []) if name == key]

    def get(self, section: str, key: str, default: str | None = None) -> str | None:
        values = self.all(section, key)
        return values[-1] if values else default

    def require(self, section: str, key: str) -> str:
        value = self.get(section, key)
        if value is None:
            raise AssertionError(f"[{section}] has no {key}=")
        return value

    def words(self, section: str, key: str) -> list[str]:
        """A list setting (After=, Wants=, ReadWritePaths=): every occurrence's space-separated words."""
        return [word for value in self.all(section, key) for word in value.split()]


def unit_parse(text: str) -> Unit:
    """systemd.syntax(7): `[Section]` headers, `Key=Value` lines, comments starting with # or ;, a line ending with
    a backslash continued on the next (comment lines inside a continuation are skipped), spaces around `=` ignored."""
    unit = Unit()
    section: str | None = None
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if pending and line.startswith(("#", ";")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = (pending + line).strip(), ""
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            unit.sections.setdefault(section, [])
            continue
        if section is None or "=" not in line:
            raise ValueError(f"not a unit file line: {raw!r}")
        key, value = line.split("=", 1)
        unit.sections[section].append((key.strip(), value.strip()))
    return unit


EXEC_PREFIXES = "-@:+!|"


def exec_command(value: str) -> tuple[list[str], bool]:
    """An Exec*= line: its argv and whether a failure is ignored (the `-` prefix). The other prefixes (@ : + ! |)
    change how systemd starts the program, not which one; $VAR and ${VAR} would be expanded from the environment:
    the units use none, and a test says so."""
    prefixes = ""
    while value and value[0] in EXEC_PREFIXES:
        prefixes += value[0]
        value = value[1:]
    return shlex.split(value), "-" in prefixes


def env_file_parse(text: str) -> dict[str, str]:
    """EnvironmentFile= (systemd.exec(5)): KEY=VALUE lines, # and ; comments, blank lines, a value in double or
    single quotes taken without them (\\" and \\\\ unescaped in double quotes), a line ending with a backslash joined
    to the next."""
    env: dict[str, str] = {}
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.endswith("\\") and not line.startswith(("#", ";")):
            pending += line[:-1]
            continue
        line, pending = (pending + line).strip(), ""
        if not line or line.startswith(("#", ";")):
            continue
        if "=" not in line:
            raise ValueError(f"not a KEY=VALUE line: {raw!r}")
        key, value = line.split("=", 1)
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = value.replace('\\"', '"').replace("\\\\", "\\")
        env[key] = value
    return env


def env_file_write(path: Path, env: dict[str, str]) -> None:
    """Write an environment file systemd can read (values with spaces quoted)."""
    lines = []
    for key, value in env.items():
        if any(c in value for c in " \"'\\#;"):
            value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(f"{key}={value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timespan_seconds(value: str) -> float:
    """A systemd time span: "30", "30s", "5min", "1min 30s", "infinity"."""
    if value == "infinity":
        return float("inf")
    units = {"ms": 0.001, "s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hr": 3600}
    total = 0.0
    for part in value.split():
        number = part.rstrip("abcdefghijklmnopqrstuvwxyz")
        total += float(number) * units[part[len(number) :] or "s"]
    return total


def signal_number(name: str) -> int:
    return int(signal.Signals[name if name.startswith("SIG") else f"SIG{name}"])


# --- Production paths → this checkout ------------------------------------------------------------------------------


def venv_dir() -> Path:
    """The virtual environment `make install` made in the checkout, else the one running the tests (a git worktree
    shares the main checkout's)."""
    own = ROOT / ".venv"
    return own if (own / "bin" / "gandan").exists() else Path(sys.prefix)


def map_path(text: str, *, root: Path = ROOT, env_file: Path | None = None) -> str:
    """/opt/gandan/.venv → the venv, /opt/gandan → the checkout, /etc/gandan/gandan.env → the test's copy."""
    if env_file is not None:
        text = text.replace(PROD_ENV_FILE, str(env_file))
    text = text.replace(f"{PROD_ROOT}/.venv", str(venv_dir()))
    return text.replace(PROD_ROOT, str(root))


def base_env(root: Path = ROOT) -> dict[str, str]:
    """What systemd gives a service before its EnvironmentFile: a clean environment (PATH, LANG, HOME), nothing of
    the caller's. PYTHONPATH points at the checkout: the shared venv's editable install may name another one."""
    return {
        "PATH": f"{venv_dir()}/bin:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(root),
        "PYTHONPATH": str(root),
    }


# --- A new database and a served site ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


@contextmanager
def new_postgres_database(name: str) -> Iterator[str]:
    """A new, empty PostgreSQL database next to the suite's (dropped afterwards); yields its URL."""
    import psycopg

    url = postgres_url()
    assert url is not None
    server = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sql_scalar(env: dict[str, str], query: str, params: tuple = ()) -> object:
    """One value from the database the environment names (DATABASE_URL, else the SQLite file in the data folder)."""
    url = env.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url) as conn:
            row = conn.execute(query.replace("?", "%s"), params).fetchone()
        return row[0] if row else None
    import sqlite3

    path = env.get("SQLITE_PATH") or str(Path(env["GANDAN_DATA_DIR"]) / "gandan.sqlite3")
    lite = sqlite3.connect(path, timeout=20)
    try:
        found = lite.execute(query, params).fetchone()
    finally:
        lite.close()
    return found[0] if found else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


_OPENER = urllib.request.build_opener(_NoRedirect)


def http_get(url: str, *, host: str | None = None, https_proxy: bool = False, timeout: float = 10) -> int:
    """The status of a GET, as nginx would send it (its Host, X-Forwarded-Proto: https when TLS ended in front);
    redirects are not followed."""
    headers = {"Accept-Language": "vi"}
    if host:
        headers["Host"] = host
    if https_proxy:
        headers["X-Forwarded-Proto"] = "https"
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(condition: Callable[[], bool], *, seconds: float, alive: Callable[[], bool], what: str) -> None:
    """Poll `condition` until it holds; fail at the deadline, or as soon as the process it waits on has died."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:
            pass
        if not alive():
            raise AssertionError(f"{what}: the process exited")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:.0f} s")
        time.sleep(0.5)


# --- Playing systemd -----------------------------------------------------------------------------------------------


def env_for_test(data_dir: Path, database_url: str | None) -> dict[str, str]:
    """deploy/gandan.env.example with what differs in a test: the port, the data folder, the database."""
    env = env_file_parse((DEPLOY / "gandan.env.example").read_text(encoding="utf-8"))
    env.update(GANDAN_DATA_DIR=str(data_dir), PORT=str(free_port()))
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL")  # SQLite in the data folder, as on a commune laptop
    return env


def log_tail(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else ""


class Services:
    """The two units started and stopped as systemd would, from this checkout (or a clone of it): ExecStart as
    written (paths mapped), WorkingDirectory, a clean environment plus the EnvironmentFile read as systemd reads it,
    a notification socket for Type=notify, a unit ordered After= another started once that one is ready, and
    `stop` = KillSignal to the main process (KillMode=mixed) and a wait of at most TimeoutStopSec."""

    def __init__(self, *, root: Path, env_file: Path, run_dir: Path):
        self.root, self.env_file, self.run_dir = root, env_file, run_dir
        self.units = {
            name: unit_parse((root / "deploy" / name).read_text(encoding="utf-8"))
            for name in ("gandan-web.service", "gandan-worker.service")
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.exits: dict[str, int] = {}

    def env(self) -> dict[str, str]:
        return env_file_parse(self.env_file.read_text(encoding="utf-8"))

    def log(self, name: str) -> Path:
        return self.run_dir / f"{name}.log"

    def start(self, *names: str) -> None:
        """Start the units in their After= order; a Type=notify unit counts as started once it said READY=1."""
        order = sorted(names, key=lambda n: any(o in self.units[n].words("Unit", "After") for o in names))
        for name in order:
            self._start_one(name)

    def _start_one(self, name: str) -> None:
        unit = self.units[name]
        service = "Service"
        environment_file = map_path(
            unit.require(service, "EnvironmentFile"), root=self.root, env_file=self.env_file
        )
        env = {**base_env(self.root), **env_file_parse(Path(environment_file).read_text(encoding="utf-8"))}
        notify = None
        if unit.get(service, "Type") == "notify":
            notify_path = self.run_dir / f"{name}.notify"
            notify_path.unlink(missing_ok=True)
            notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            notify.bind(str(notify_path))
            notify.settimeout(1)
            env["NOTIFY_SOCKET"] = str(notify_path)
        argv, _ignore_failure = exec_command(
            map_path(unit.require(service, "ExecStart"), root=self.root, env_file=self.env_file)
        )
        log = self.log(name)
        process = subprocess.Popen(
            argv,
            cwd=map_path(unit.require(service, "WorkingDirectory"), root=self.root),
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        if notify is None:
            return
        said: list[bytes] = []

        def ready() -> bool:
            try:
                said.append(notify.recv(4096))
            except TimeoutError:
                return False
            return any(b"READY=1" in m for m in said)

        try:
            wait_for(ready, seconds=300, alive=lambda: process.poll() is None, what=f"READY=1 from {name}")
        except AssertionError as error:
            raise AssertionError(f"{error}\n{log_tail(log)}") from None
        finally:
            notify.close()

    def stop(self, *names: str) -> None:
        """Stop the units, the ones ordered after the others first (systemd stops in reverse start order)."""
        order = sorted(names, key=lambda n: not any(o in self.units[n].words("Unit", "After") for o in names))
        for name in order:
            process = self.processes.pop(name, None)
            if process is None or process.poll() is not None:
                continue
            unit = self.units[name]
            assert unit.get("Service", "KillMode") == "mixed"
            process.send_signal(signal_number(unit.get("Service", "KillSignal", "SIGTERM") or "SIGTERM"))
            try:
                self.exits[name] = process.wait(
                    timeout=timespan_seconds(unit.get("Service", "TimeoutStopSec", "90") or "90")
                )
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                raise AssertionError(
                    f"{name} not stopped within TimeoutStopSec:\n{log_tail(self.log(name))}"
                ) from None

    def kill_all(self) -> None:
        """The test's own clean-up, whatever happened."""
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
