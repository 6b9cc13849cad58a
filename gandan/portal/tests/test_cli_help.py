"""`gandan <subcommand> --help` prints help and exits 0: it never starts the server, the worker or anything else."""

import subprocess
import sys
from pathlib import Path

import pytest

from gandan import cli

PROJECT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("command", ["run", "serve", "worker"])
def test_own_subcommands_print_help_and_do_nothing_else(command, monkeypatch, capsys):
    def forbidden(*args, **kwargs):
        raise AssertionError(f"`gandan {command} --help` started {args!r}")

    monkeypatch.setattr(cli, "_serve", forbidden)
    monkeypatch.setattr(cli, "_serve_web", forbidden)
    monkeypatch.setattr(cli, "_prepare", forbidden)
    monkeypatch.setattr(cli, "_manage", forbidden)
    for flag in ("--help", "-h"):
        assert cli.main([command, flag]) == 0
        assert "gandan <lệnh>" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["bench", "--help"], ["demo", "--help"], ["audit", "verify", "--help"]])
def test_other_subcommands_help_exits_zero(argv):
    result = subprocess.run(
        [sys.executable, "-m", "gandan.cli", *argv], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "usage" in result.stdout.lower()
