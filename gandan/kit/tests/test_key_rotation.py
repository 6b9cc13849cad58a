"""Rotating the secret key (docs/operations.md §5): a receipt printed before still opens when the old key is kept in
SECRET_KEY_FALLBACKS, and no longer when it is not (after a leak); the environment variable reaches the setting."""

import os
import subprocess
import sys
from pathlib import Path

from gandan.kit.tokens import make_token, read_token

OLD = "old-key-" + "o" * 48
NEW = "new-key-" + "n" * 48


def test_a_receipt_printed_before_a_planned_rotation_still_opens(settings):
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = OLD, []
    printed = make_token("08848-260109-0001", "s3cret", salt="lookup")

    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = NEW, [OLD]
    assert read_token(printed, salt="lookup") == ("08848-260109-0001", "s3cret")

    settings.SECRET_KEY_FALLBACKS = []  # after a leak the old key signs nothing
    assert read_token(printed, salt="lookup") is None


def test_the_fallbacks_come_from_the_environment():
    code = "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)"
    env = dict(os.environ, SECRET_KEY_FALLBACKS=f" {OLD} ,{NEW},", DJANGO_SETTINGS_MODULE="gandan.settings")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == str([OLD, NEW]), result.stderr
