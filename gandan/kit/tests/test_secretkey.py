"""The secret key: no key in the code works in production; `gandan run` makes one once into the data folder.

The settings module is imported in a fresh interpreter with each combination of environment variables, as the
server would start."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from gandan.cli import ensure_secret_key
from gandan.kit.secretkey import ensure_key_file

ROOT = Path(__file__).resolve().parents[3]
OLD_DEMO_KEY = "django-insecure-gandan-embedded-demo-key-change-me-before-any-real-deployment"
PRINT_KEY = "from django.conf import settings; print('KEY=' + settings.SECRET_KEY)"


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Import the settings (and run Django's checks) as `gandan run` would, in the given environment."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL"}
    }
    clean.update({"GANDAN_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gandan.settings", **env})
    code = f"import django; django.setup(); {PRINT_KEY}"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_without_debug_and_without_a_key_the_server_refuses_to_start(tmp_path):
    result = start(tmp_path, DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Chưa có khoá bí mật (SECRET_KEY)" in result.stderr  # Vietnamese first
    assert "No secret key (SECRET_KEY)" in result.stderr
    assert not (tmp_path / "secret_key").exists()  # nothing made silently in production


def test_the_old_published_demo_key_never_works_without_debug(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY=OLD_DEMO_KEY)

    assert result.returncode != 0
    assert "published demo key" in result.stderr


def test_without_debug_the_key_file_made_by_gandan_run_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    monkeypatch.setenv("GANDAN_DATA_DIR", str(tmp_path))
    made = ensure_secret_key()  # what `gandan run` (make run) does before starting the server

    result = start(tmp_path, DEBUG="0")

    assert made == tmp_path / "secret_key"
    assert result.returncode == 0, result.stderr
    assert f"KEY={made.read_text().strip()}" in result.stdout
    assert OLD_DEMO_KEY not in result.stdout


def test_a_key_from_the_environment_wins_over_the_file(tmp_path):
    ensure_key_file(tmp_path / "secret_key")
    given = "k" * 60

    result = start(tmp_path, DEBUG="0", SECRET_KEY=given)

    assert result.returncode == 0, result.stderr
    assert f"KEY={given}" in result.stdout


def test_a_developer_with_debug_starts_without_giving_a_key_and_keeps_it_across_restarts(tmp_path):
    first = start(tmp_path, DEBUG="1")
    second = start(tmp_path, DEBUG="1")

    assert first.returncode == 0, first.stderr
    key_line = next(line for line in first.stdout.splitlines() if line.startswith("KEY="))
    assert key_line in second.stdout
    assert OLD_DEMO_KEY not in key_line
    assert (tmp_path / "secret_key").read_text().strip() == key_line.removeprefix("KEY=")


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("GANDAN_DATA_DIR", str(tmp_path))

    path = ensure_secret_key()
    key = path.read_text().strip()
    again = ensure_secret_key()

    assert again == path and path.read_text().strip() == key  # made once, never replaced
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 60  # secrets.token_urlsafe(50)
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left behind


def test_gandan_run_makes_no_file_when_the_environment_gives_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("GANDAN_DATA_DIR", str(tmp_path))

    assert ensure_secret_key() is None
    assert not (tmp_path / "secret_key").exists()


def test_settings_never_carry_a_key_written_in_the_code():
    source = (ROOT / "gandan" / "settings.py").read_text()

    assert "django-insecure" not in source


def test_the_dupcheck_key_is_made_once_in_the_data_folder_and_kept(tmp_path, monkeypatch):
    from gandan.kit.secretkey import dupcheck_key

    monkeypatch.delenv("GANDAN_DUPCHECK_KEY", raising=False)
    monkeypatch.delenv("GANDAN_DUPCHECK_KEY_FILE", raising=False)

    first = dupcheck_key(debug=False, data_dir=tmp_path, secret_key="s" * 50)
    again = dupcheck_key(debug=False, data_dir=tmp_path, secret_key="another secret key " * 3)

    assert first == again == (tmp_path / "dupcheck_key").read_text().strip()
    assert "s" * 50 not in first
    assert stat.S_IMODE((tmp_path / "dupcheck_key").stat().st_mode) == 0o600


def test_the_environment_gives_the_dupcheck_key_first(tmp_path, monkeypatch):
    from gandan.kit.secretkey import dupcheck_key

    monkeypatch.setenv("GANDAN_DUPCHECK_KEY", "from-the-environment")

    assert dupcheck_key(debug=False, data_dir=tmp_path, secret_key="s" * 50) == "from-the-environment"
    assert not (tmp_path / "dupcheck_key").exists()
