"""docs/operations.md is followed from a fresh clone on PostgreSQL: the blocks marked `<!-- fresh-clone: … -->` run
in order and reach a served site, a backup, and a restore into a new empty database that serves the same data.

The rules (also in the page's "Test notes"): the repository is cloned with `git clone --local` into a temporary
folder standing for /opt/gandan, its .venv a link to the venv running the tests (no `make install`, which is
skipped); /var/lib/gandan is a temporary data folder, /etc/gandan/gandan.env a copy of deploy/gandan.env.example
with the test's port (for 8000), data folder and new database; `sudo -u gandan CMD` runs CMD as this account;
`gandan-manage` is deploy/gandan-manage with the same paths replaced; `sudo systemctl start|stop|enable --now` of
the gandan units starts or stops them as test_deploy_units.py does; every other `sudo` line is skipped (packages,
accounts, /etc, PostgreSQL roles and databases: the test makes its own). The administrator's password comes from
GANDAN_ADMIN_PASSWORD. Before the `restore` block the settings are pointed at a second, new, empty database.

The clone holds what is committed: commit before running this test on a working copy. Skipped on SQLite runs (the
page is the province's path; test_deploy_units.py runs the units on SQLite too)."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from gandan.tests.deploy_support import (
    PROD_ENV_FILE,
    PROD_ROOT,
    ROOT,
    Services,
    base_env,
    env_file_parse,
    env_file_write,
    env_for_test,
    http_get,
    log_tail,
    new_postgres_database,
    postgres_url,
    sql_scalar,
    venv_dir,
)

on_postgres = pytest.mark.skipif(
    not postgres_url(), reason="docs/operations.md is followed on PostgreSQL (DATABASE_URL=postgres://…)"
)

DOC = ROOT / "docs" / "operations.md"
PROD_DATA = "/var/lib/gandan"
BLOCK = re.compile(r"<!-- fresh-clone: ([\w-]+) -->\s*\n```sh\n(.*?)```", re.S)
UNIT_NAMES = {"gandan-web": "gandan-web.service", "gandan-worker": "gandan-worker.service"}
ADMIN_PASSWORD = "Mat-khau-quan-tri-2026!"


def doc_blocks(text: str) -> list[tuple[str, list[str]]]:
    """The marked blocks in order, each as its logical lines (a line ending with a backslash joined to the next)."""
    blocks = []
    for name, body in BLOCK.findall(text):
        lines, pending = [], ""
        for raw in body.splitlines():
            if raw.rstrip().endswith("\\"):
                pending += raw.rstrip()[:-1] + " "
                continue
            line, pending = (pending + raw).strip(), ""
            if line and not line.startswith("#"):
                lines.append(line)
        blocks.append((name, lines))
    return blocks


def plan(lines: list[str]) -> list[tuple[str, object]]:
    """Each line's fate under the stated rules: ("shell", script) for runs of lines given to bash together,
    ("systemctl", (verb, units)) for the gandan units, ("skip", line) for the rest of the sudo lines."""
    steps: list[tuple[str, object]] = []
    script: list[str] = []

    def flush():
        if script:
            steps.append(("shell", "\n".join(script)))
            script.clear()

    for line in lines:
        words = line.split()
        if line.startswith("sudo systemctl "):
            verb = words[2]
            units = [UNIT_NAMES[w] for w in words[3:] if w in UNIT_NAMES]
            if units:
                flush()
                steps.append(("systemctl", ("start" if verb == "enable" else verb, units)))
            else:
                flush()
                steps.append(("skip", line))
        elif line.startswith("sudo -u gandan "):
            script.append(line.removeprefix("sudo -u gandan "))
        elif line.startswith("sudo ") or re.search(r"\bmake\b.* install\b", line):
            flush()  # lines on either side of a skipped one run apart: the blocks keep no shell state across one
            steps.append(("skip", line))
        else:
            script.append(line)
    flush()
    return steps


def test_the_page_marks_the_steps_the_test_follows():
    names = [name for name, _lines in doc_blocks(DOC.read_text(encoding="utf-8"))]

    assert names == ["start", "first-account", "check", "backup", "restore-stop", "restore"]


def test_the_rules_map_the_lines_as_the_page_says():
    steps = plan(
        [
            "sudo apt-get install -y nginx",
            "sudo -u gandan gandan-manage load_units",
            "sudo systemctl daemon-reload",
            "sudo systemctl enable --now gandan-web gandan-worker",
            "ARCHIVE=$(ls -1t /x | head -n 1)",
            'sudo -u gandan gandan-manage restore "$ARCHIVE"',
        ]
    )

    assert steps == [
        ("skip", "sudo apt-get install -y nginx"),
        ("shell", "gandan-manage load_units"),
        ("skip", "sudo systemctl daemon-reload"),
        ("systemctl", ("start", ["gandan-web.service", "gandan-worker.service"])),
        ("shell", 'ARCHIVE=$(ls -1t /x | head -n 1)\ngandan-manage restore "$ARCHIVE"'),
    ]


def _counts(env: dict[str, str]) -> dict[str, object]:
    """What a restore must bring back that the page's steps made: the units loaded and the administrator."""
    return {
        "units": sql_scalar(env, "SELECT COUNT(*) FROM units_unit"),
        "accounts": sql_scalar(env, "SELECT COUNT(*) FROM accounts_user"),
        "admin_password": sql_scalar(
            env, "SELECT password FROM accounts_user WHERE username = ?", ("quantri.phutho",)
        ),
    }


@on_postgres
def test_a_fresh_clone_following_the_page_serves_backs_up_and_restores():
    blocks = doc_blocks(DOC.read_text(encoding="utf-8"))
    names = [name for name, _lines in blocks]
    assert names == ["start", "first-account", "check", "backup", "restore-stop", "restore"]

    with ExitStack() as stack:
        short = Path(tempfile.mkdtemp(prefix="gd-", dir="/tmp"))  # Unix socket paths must stay short
        stack.callback(shutil.rmtree, short, True)
        clone = short / "opt"
        subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True, timeout=120)
        (clone / ".venv").symlink_to(venv_dir())
        data = short / "data"
        first_db = stack.enter_context(new_postgres_database(f"gandan_doc_{os.getpid()}"))
        env_file = short / "gandan.env"
        env_file_write(env_file, env_for_test(data, first_db))
        port = env_file_parse(env_file.read_text(encoding="utf-8"))["PORT"]

        def mapped(text: str) -> str:
            text = text.replace(PROD_ENV_FILE, str(env_file)).replace(f"{PROD_ROOT}/.venv", str(venv_dir()))
            text = text.replace(PROD_ROOT, str(clone)).replace(PROD_DATA, str(data))
            return text.replace("127.0.0.1:8000", f"127.0.0.1:{port}")

        bin_dir = short / "bin"
        bin_dir.mkdir()
        manage = bin_dir / "gandan-manage"
        manage.write_text(mapped((clone / "deploy" / "gandan-manage").read_text(encoding="utf-8")))
        manage.chmod(0o755)
        services = Services(root=clone, env_file=env_file, run_dir=short)
        stack.callback(services.kill_all)
        shell_env = {
            **base_env(clone),
            "PATH": f"{bin_dir}:{base_env(clone)['PATH']}",
            "GANDAN_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        outputs: dict[str, str] = {}
        before: dict[str, object] = {}

        for name, lines in blocks:
            if name == "restore":
                # What `dropdb` + `createdb` do on a real server: the settings now name a new, empty database.
                before = _counts(services.env())
                second_db = stack.enter_context(new_postgres_database(f"gandan_doc2_{os.getpid()}"))
                env = env_file_parse(env_file.read_text(encoding="utf-8"))
                env_file_write(env_file, {**env, "DATABASE_URL": second_db})
            out = []
            for kind, what in plan(lines):
                if kind == "systemctl":
                    verb, units = what
                    assert verb in {"start", "stop"}, f"{name}: systemctl {verb} is not played by this test"
                    (services.start if verb == "start" else services.stop)(*units)
                elif kind == "shell":
                    result = subprocess.run(
                        ["bash", "-euo", "pipefail", "-c", mapped(what)],
                        cwd=clone,
                        env=shell_env,
                        capture_output=True,
                        text=True,
                        timeout=900,
                    )
                    logs = "".join(log_tail(services.log(u)) for u in UNIT_NAMES.values())
                    assert result.returncode == 0, (
                        f"block {name!r}: {what}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}\n{logs}"
                    )
                    out.append(result.stdout)
            outputs[name] = "".join(out)

            if name == "check":
                # A served site: health and the citizen's home, as nginx reaches them.
                env = services.env()
                base, host = f"http://127.0.0.1:{port}", env["ALLOWED_HOSTS"].split(",")[0]
                assert http_get(f"{base}/api/v1/health", host=host, https_proxy=True) == 200
                assert http_get(f"{base}/", host=host, https_proxy=True) == 200

        # --- Written to H1's contract (`gandan backup` prints the archive's path alone on its last line;
        # `gandan restore ARCHIVE` into an empty database): these fail until the backup commands are merged.
        archive = Path(outputs["backup"].strip().splitlines()[-1])
        assert archive.is_file() and archive.stat().st_size > 0
        assert archive.resolve().is_relative_to((data / "backups").resolve())

        env = services.env()
        base, host = f"http://127.0.0.1:{port}", env["ALLOWED_HOSTS"].split(",")[0]
        assert http_get(f"{base}/api/v1/health", host=host, https_proxy=True) == 200
        assert http_get(f"{base}/", host=host, https_proxy=True) == 200
        after = _counts(env)
        assert before["units"] and before["units"] > 3000  # the national list was loaded (page §1)
        assert after == before  # the same units, the same accounts, the administrator's same password

        services.stop(*UNIT_NAMES.values())
        # Stopped, not killed after TimeoutStopSec. The units were started moments ago: a process still importing
        # Django when the SIGTERM comes ends by it, which systemd counts as a clean stop (KillSignal; systemd.exec,
        # "clean exit"). That a running worker finishes its task and exits 0 is test_deploy_units' to prove.
        assert set(services.exits.values()) <= {0, -signal.SIGTERM}, services.exits
