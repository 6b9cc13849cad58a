"""The `gandan` command. `gandan run` serves the site with its task worker (`gandan serve` the web server alone, for
systemd, beside `gandan worker`); `gandan demo` prepares a database;
`gandan bench` runs the benchmarks; anything else is passed to Django's manage.py (e.g. `gandan check --deploy`)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

USAGE = """Cách dùng / usage: gandan <lệnh>
  run      migrate, then serve: the web server (127.0.0.1:$PORT, default 8000) and the task worker, with DEBUG off
           unless DEBUG=1; never loads the demo data and creates no account
  serve    as `run`, but the web server only (it replaces this process: systemd's gandan-web.service runs it, and
           gandan-worker.service runs `gandan worker`; deploy/, docs/operations.md)
  worker   run the background task worker only (heartbeat, recovery after a crash, schedule: docs/worker.md);
           several may run at once on PostgreSQL
  demo     migrate and load the demo data (idempotent) into the database DATABASE_URL names; refuses a database
           that holds accounts of its own, or DEBUG=0, unless --force
  bench    run the benchmarks and print the table (BENCH_SCALE=0.01 for a quick run)
  apikey create --name NAME [--unit CODE] [--scope SCOPE ...]   an integrator's API key (no --unit: the whole
           installation), printed once on the last line; apikey list; apikey revoke PREFIX
  audit verify   check the audit trail's hash chain; exit 1 at the first broken link (= audit_verify)
  opinion ingest FILE.jsonl   import opinion signals ({"id","text","place","at","source"} a line); a file
           with errors saves nothing, ids already imported are skipped; then processes them in time order
  opinion issues [--json] [--since DATE]   list the issues (JSON: ids, titles, topics, signals' ids, places, alerts)
  <other>  any Django management command, e.g. `gandan check --deploy`, `gandan createsuperuser`
"""


#: gunicorn's access log line when ACCESS_LOG is set: its default (%(r)s, the request line) with the path alone.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'


def _manage(*args: str) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gandan", *args])


def gunicorn_argv(*, python: str, host: str, port: str, data_dir: Path, env: dict[str, str]) -> list[str]:
    """The web server's command line for `gandan run`.

    Threaded workers (gthread): a connection waits in the worker's poller until its first bytes arrive, then a
    request that trickles in holds one thread, not a whole worker. The two sync workers before were both held by
    four slow sockets and the health check timed out; 2 workers × 12 threads keep /api/v1/health answering with 4
    and 8 slowloris sockets open (gandan/portal/tests/test_serve.py). Threads are a margin, not a cure: in
    production nginx buffers whole requests in front (deploy/nginx.conf.example). The bench starts gunicorn with
    its own options (bench/server.py), so its figures are unchanged.

    gunicorn 27 opens a control socket, by default one per user (~/.gunicorn/gunicorn.ctl): two instances on one
    machine would share it. Each instance gets its own under the data directory, named by its address (a path too
    long for a Unix socket switches the control socket off instead).
    """
    control = data_dir / f"gunicorn-{host}-{port}.ctl"
    control_args = ["--control-socket", str(control)] if len(str(control)) < 100 else ["--no-control-socket"]
    return [
        python,
        "-m",
        "gunicorn",
        "gandan.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        env.get("WEB_WORKERS", "2"),
        "--worker-class",
        "gthread",
        "--threads",
        env.get("WEB_THREADS", "12"),
        "--timeout",
        "30",
        "--graceful-timeout",
        "10",
        *control_args,
        # Without the option gunicorn writes no access log at all (pointing it at /dev/null still formats
        # every line: 1.4 % of an intake's CPU).
        # The path without its query string (%(U)s, not %(r)s): an API lookup's digits and a search's words are a
        # citizen's, and stay out of the log.
        *(
            ["--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT]
            if env.get("ACCESS_LOG")
            else []
        ),
    ]


def ensure_secret_key() -> Path | None:
    """`gandan run` without SECRET_KEY: make the key file once in the data folder (var/secret_key, mode 0600) and
    keep it, so sessions and the links printed on slips survive restarts. Returns the file, or None when the
    environment gives the key."""
    from gandan.kit.secretkey import ensure_key_file, key_path

    if os.environ.get("SECRET_KEY", "").strip():
        return None
    data_dir = Path(os.environ.get("GANDAN_DATA_DIR", Path(__file__).resolve().parent.parent / "var"))
    path = key_path(data_dir)
    ensure_key_file(path)
    return path


def keep_data_private(data_dir: Path) -> None:
    """The database, the scans and the key are the citizens': no other account on the machine reads them. New files
    are made without any bit for others (umask 027; the group is left for a web server that serves the protected
    files itself, deploy/nginx.conf.example), and the data folder is closed to others (a probe found the database
    0644 beside a 0600 key). Inherited by the web server and the worker."""
    os.umask(0o027)
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o750)
    for path in data_dir.glob("gandan.sqlite3*"):
        path.chmod(path.stat().st_mode & 0o750)


def _data_dir() -> Path:
    return Path(os.environ.get("GANDAN_DATA_DIR", Path(__file__).resolve().parent.parent / "var"))


def _prepare() -> None:
    """What production does before serving (`gandan run` and `gandan serve`): DEBUG is off unless the environment
    says DEBUG=1 (`make dev`), so a citizen with a broken link sees the site's own Vietnamese 404, never Django's
    debug page listing every URL; the data folder closed to others, the key made once, the database migrated, the
    search index and the duplicate-check digests brought up to date, the static files collected. It loads no demo
    data and creates no account, whatever the database (`gandan demo` does that, and refuses a real database)."""
    os.environ.setdefault("DEBUG", "0")
    keep_data_private(_data_dir())
    ensure_secret_key()
    _manage("migrate", "--noinput", "--verbosity", "0")
    # Records written before their module was searchable (an upgraded database) are indexed once; then a no-op.
    _manage("search_reindex", "--missing")
    # Duplicate-check digests made with another key (an upgrade from digests keyed on SECRET_KEY, a key changed by
    # hand) are made again, so new petitions keep matching older ones by person; a check of three petitions if not.
    _manage("dupcheck_rekey", "--if-stale")
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    from gandan.accounts.models import User

    if not User.objects.exists():
        print(
            "\nChưa có tài khoản nào. Tạo tài khoản quản trị: gandan admin_create --username TÊN --unit MÃ_TỈNH"
            " (hoặc nạp dữ liệu mẫu vào CSDL thử: gandan demo).\n"
            "No account yet. Create an administrator: gandan admin_create --username NAME --unit PROVINCE_CODE"
            " (or load the demo into a trial database: gandan demo).",
            flush=True,
        )


def _metrics_prepare() -> None:
    """With /metrics on, gunicorn's processes each write their request counters in one folder that /metrics adds
    up (gandan/kit/metrics.py); it is emptied before the server starts. Set in the environment the server inherits."""
    from django.conf import settings

    if settings.GANDAN_METRICS:
        from gandan.kit.metrics import prepare_multiprocess_dir

        folder = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(Path(settings.DATA_DIR) / "metrics"))
        prepare_multiprocess_dir(folder)


def _web_argv(env: dict[str, str]) -> list[str]:
    from django.conf import settings

    return gunicorn_argv(
        python=sys.executable,
        host=env.get("HOST", "127.0.0.1"),
        port=env.get("PORT", "8000"),
        data_dir=Path(settings.DATA_DIR),
        env=env,
    )


def _serve_web() -> int:
    """`gandan serve`: prepare, then become the web server (exec, same process id), as systemd's gandan-web.service
    runs it: systemd's stop signal and its notification socket (gunicorn says READY once it listens, so the worker's
    unit, ordered after this one, starts on a migrated database) reach gunicorn itself."""
    _prepare()
    _metrics_prepare()
    from django.db import connections

    connections.close_all()
    argv = _web_argv(dict(os.environ))
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(argv[0], argv)  # noqa: S606
    return 1  # not reached


def _serve() -> int:
    """`gandan run`: prepare, then serve with the web server and the task worker as two child processes."""
    _prepare()
    _metrics_prepare()
    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    python = sys.executable
    env = dict(os.environ)
    worker = subprocess.Popen([python, "-m", "gandan.cli", "worker"], env=env)  # noqa: S603
    web = subprocess.Popen(_web_argv(env), env=env)  # noqa: S603
    print(
        f"\nGần Dân đang chạy / is running: http://{host}:{port}/   (Ctrl+C để dừng / to stop)\n", flush=True
    )
    children = [web, worker]

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
    return max((child.returncode or 0) for child in children)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gandan.settings")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command in {"run", "serve", "worker"} and ({"-h", "--help"} & set(rest)):
        # `gandan run --help` prints the usage; it must never migrate or start serving.
        print(USAGE)
        return 0
    if command == "run":
        return _serve()
    if command == "serve":
        return _serve_web()
    if command == "worker":
        # django-tasks-db's worker with a heartbeat, the recovery of what a dead worker left (tasks left running,
        # notifications left "sending") and the schedule (gandan/operations/worker.py, docs/worker.md).
        _manage("gandan_worker", "--interval", "1", *rest)
        return 0
    if command == "bench":
        root = Path(__file__).resolve().parent.parent
        return subprocess.call([sys.executable, str(root / "bench" / "run.py"), *rest])  # noqa: S603
    if command == "audit" and rest[:1] == ["verify"]:
        command, rest = "audit_verify", rest[1:]
    _manage(command, *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
