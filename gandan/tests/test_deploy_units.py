"""The systemd units in deploy/ are used as written: read as systemd reads them, their ExecStart lines run with the
environment file systemd would load, the web unit serving a new database through `gandan serve` and the worker
unit running a task, each stopped by its own KillSignal within its own TimeoutStopSec.

Where the suite runs there is no systemd, so the test plays its part: a clean environment plus the env file
(deploy/gandan.env.example with the port, the data folder and the database of the test), the WorkingDirectory, a
notification socket (Type=notify: gunicorn must say READY, or systemd would kill it after TimeoutStartSec), the
worker started only once the web unit is ready (its After=). /opt/gandan is this checkout and /opt/gandan/.venv the
venv running the tests (deploy_support.map_path). On PostgreSQL runs the database is a new one beside the suite's;
on SQLite a new file in the data folder. Slow (a new database is migrated): one start of each unit per run."""

import os
import shutil
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from gandan.tests.deploy_support import (
    DEPLOY,
    PROD_ENV_FILE,
    PROD_ROOT,
    ROOT,
    Services,
    base_env,
    env_file_parse,
    env_file_write,
    env_for_test,
    exec_command,
    http_get,
    log_tail,
    map_path,
    new_postgres_database,
    postgres_url,
    sql_scalar,
    timespan_seconds,
    unit_parse,
    wait_for,
)

WEB_NAME, WORKER_NAME = "gandan-web.service", "gandan-worker.service"
WEB = unit_parse((DEPLOY / WEB_NAME).read_text(encoding="utf-8"))
WORKER = unit_parse((DEPLOY / WORKER_NAME).read_text(encoding="utf-8"))
UNITS = {WEB_NAME: WEB, WORKER_NAME: WORKER}


# --- The files themselves ------------------------------------------------------------------------------------------


def test_the_parser_reads_continuations_comments_and_prefixes():
    unit = unit_parse(
        "# a comment\n[Service]\nExecStart=-/usr/bin/env \\\n  # skipped inside a continuation\n  A=1 true\n"
        "After=a.service\nAfter=b.service c.service\n; another comment\n"
    )

    argv, ignore_failure = exec_command(unit.get("Service", "ExecStart"))
    assert argv == ["/usr/bin/env", "A=1", "true"] and ignore_failure
    assert unit.words("Service", "After") == ["a.service", "b.service", "c.service"]
    assert exec_command("@/bin/x y z") == (["/bin/x", "y", "z"], False)
    assert env_file_parse('A=1\n# c\nB="two words"\nC=\'x\'\n; d\nD="a \\"q\\""\n') == {
        "A": "1",
        "B": "two words",
        "C": "x",
        "D": 'a "q"',
    }
    assert timespan_seconds("5min") == 300 and timespan_seconds("1min 30s") == 90


@pytest.mark.parametrize("name", sorted(UNITS))
def test_each_unit_runs_as_the_gandan_account_from_the_checkout_with_the_env_file(name):
    unit = UNITS[name]
    service = dict(unit.sections["Service"])

    assert service["User"] == "gandan" and service["Group"] == "gandan"
    assert service["WorkingDirectory"] == PROD_ROOT
    assert service["EnvironmentFile"] == PROD_ENV_FILE
    argv, ignore_failure = exec_command(service["ExecStart"])
    assert argv[0] == f"{PROD_ROOT}/.venv/bin/gandan" and not ignore_failure
    assert "$" not in service["ExecStart"]  # nothing systemd would expand differently from this test
    assert service["Restart"] == "on-failure"
    # Hardening: read-only system, the data folder the only writable place, files closed to other accounts.
    assert service["NoNewPrivileges"] == "true" and service["ProtectSystem"] == "strict"
    assert service["ProtectHome"] == "true" and service["PrivateTmp"] == "true"
    assert unit.words("Service", "ReadWritePaths") == ["/var/lib/gandan"]
    assert service["UMask"] == "0027"
    assert unit.get("Install", "WantedBy") == "multi-user.target"


def test_the_units_the_env_file_and_nginx_agree_on_the_paths_and_limits():
    env = env_file_parse((DEPLOY / "gandan.env.example").read_text(encoding="utf-8"))
    nginx = (DEPLOY / "nginx.conf.example").read_text(encoding="utf-8")

    assert env["GANDAN_DATA_DIR"] in WEB.words("Service", "ReadWritePaths")
    assert f"alias {env['GANDAN_DATA_DIR']}/static/;" in nginx  # STATIC_ROOT's default, under the data folder
    assert f"alias {env['GANDAN_DATA_DIR']}/media/;" in nginx
    assert f"server {env['HOST']}:{env['PORT']};" in nginx
    assert f"location {env['GANDAN_FILE_INTERNAL_PREFIX']} " in nginx
    assert int(env["GANDAN_MAX_BODY_BYTES"]) == 12 * 1024 * 1024 and "client_max_body_size 12m;" in nginx
    assert env["DEBUG"] == "0" and env["GANDAN_HTTPS"] == "1"
    # The site's access log keeps no query string (a lookup's digits, a search's words): $uri, never $request.
    # Both servers, the port-80 one included: without its own line it would write to the default log.
    servers = nginx.split("\nserver {")[1:]
    assert len(servers) == 2
    assert all("access_log /var/log/nginx/gandan.access.log gandan_noquery;" in server for server in servers)
    noquery = nginx.split("log_format gandan_noquery", 1)[1].split(";", 1)[0]
    assert "$uri" in noquery
    for variable in ("$request ", "$request_uri", "$args", "$query_string", "$http_referer"):
        assert variable not in noquery, variable
    # The worker starts after the web server has migrated: Type=notify (READY once gunicorn listens) and After=.
    assert WEB.get("Service", "Type") == "notify"
    assert "gandan-web.service" in WORKER.words("Unit", "After")


# --- Started as written ----------------------------------------------------------------------------------------------


def test_the_web_and_worker_units_serve_a_new_database_and_run_a_task():
    with ExitStack() as stack:
        short = Path(tempfile.mkdtemp(prefix="gd-", dir="/tmp"))  # a Unix socket's path must stay short
        stack.callback(shutil.rmtree, short, True)
        database_url = None
        if postgres_url():
            database_url = stack.enter_context(new_postgres_database(f"gandan_units_{os.getpid()}"))
        env_file = short / "gandan.env"
        env_file_write(env_file, env_for_test(short / "data", database_url))
        services = Services(root=ROOT, env_file=env_file, run_dir=short)
        stack.callback(services.kill_all)

        services.start(WEB_NAME)  # returns once gunicorn said READY=1 on the notification socket

        env = services.env()
        web = services.processes[WEB_NAME]
        web_log = services.log(WEB_NAME)
        base = f"http://{env['HOST']}:{env['PORT']}"
        host = env["ALLOWED_HOSTS"].split(",")[0]
        # The site as nginx reaches it: its Host, TLS ended in front (GANDAN_HTTPS=1 in the env file).
        assert http_get(f"{base}/api/v1/health", host=host, https_proxy=True) == 200, log_tail(web_log)
        assert http_get(f"{base}/", host=host, https_proxy=True) == 200, log_tail(web_log)
        # Without TLS in front, plain HTTP is sent to HTTPS (GANDAN_HTTPS=1).
        assert http_get(f"{base}/", host=host) == 301
        # `gandan serve` became gunicorn (same process): systemd's signals and READY come from gunicorn itself.
        assert b"gunicorn" in Path(f"/proc/{web.pid}/cmdline").read_bytes()
        # The data folder is closed to other accounts, the key made there.
        data = Path(env["GANDAN_DATA_DIR"])
        assert (data.stat().st_mode & 0o007) == 0 and (data / "secret_key").exists()

        services.start(WORKER_NAME)
        worker = services.processes[WORKER_NAME]
        task_id = _enqueue_a_task(env_file)

        def done() -> bool:
            query = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?"
            return sql_scalar(env, query, (task_id,)) == "SUCCESSFUL"

        try:
            wait_for(
                done, seconds=120, alive=lambda: worker.poll() is None, what="the worker running the task"
            )
        except AssertionError as error:
            raise AssertionError(f"{error}\n{log_tail(services.log(WORKER_NAME))}") from None

        services.stop(WORKER_NAME, WEB_NAME)  # KillSignal, then at most TimeoutStopSec
        assert services.exits == {WORKER_NAME: 0, WEB_NAME: 0}, log_tail(
            services.log(WORKER_NAME)
        ) + log_tail(web_log)


def _enqueue_a_task(env_file: Path) -> str:
    """Queue the notification sweep (harmless on a new database) with the environment the units use, through
    `gandan shell -c …` as an operator would."""
    env = {**base_env(), **env_file_parse(env_file.read_text(encoding="utf-8"))}
    gandan = map_path(f"{PROD_ROOT}/.venv/bin/gandan")
    code = "from gandan.notify.tasks import notifications_sweep_task as t; print(t.enqueue().id)"
    result = subprocess.run(
        [gandan, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].replace("-", "")
