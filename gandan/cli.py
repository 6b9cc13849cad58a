"""The `gandan` command. `gandan run` serves the site with its task worker; `gandan demo` prepares a database;
`gandan bench` runs the benchmarks; anything else is passed to Django's manage.py (e.g. `gandan check --deploy`)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

USAGE = """Cách dùng / usage: gandan <lệnh>
  run      migrate, load the demo data, start the web server (127.0.0.1:$PORT, default 8000) and the task worker
  worker   run the background task worker only
  demo     migrate and load the demo data (idempotent) into the database DATABASE_URL names
  bench    run the benchmarks and print the table (BENCH_SCALE=0.01 for a quick run)
  <other>  any Django management command, e.g. `gandan check --deploy`, `gandan createsuperuser`
"""


def _manage(*args: str) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gandan", *args])


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


def _serve() -> int:
    port = os.environ.get("PORT", "8000")
    host = os.environ.get("HOST", "127.0.0.1")
    python = sys.executable
    ensure_secret_key()
    _manage("demo")
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    env = dict(os.environ)
    worker = subprocess.Popen([python, "-m", "gandan.cli", "worker"], env=env)  # noqa: S603
    web = subprocess.Popen(  # noqa: S603
        [
            python, "-m", "gunicorn", "gandan.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", os.environ.get("WEB_WORKERS", "2"),
            "--worker-class", "sync",
            "--timeout", "60",
            # Without the option gunicorn writes no access log at all (pointing it at /dev/null still formats
            # every line: 1.4 % of an intake's CPU).
            *(["--access-logfile", "-"] if os.environ.get("ACCESS_LOG") else []),
        ],
        env=env,
    )
    print(f"\nGần Dân đang chạy / is running: http://{host}:{port}/   (Ctrl+C để dừng / to stop)\n", flush=True)
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
    if command == "run":
        return _serve()
    if command == "worker":
        _manage("db_worker", "--interval", "1", *rest)
        return 0
    if command == "bench":
        root = Path(__file__).resolve().parent.parent
        return subprocess.call([sys.executable, str(root / "bench" / "run.py"), *rest])  # noqa: S603
    _manage(command, *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
