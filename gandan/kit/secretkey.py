"""The secret key: from the environment, else from a file made once in the data folder (`var/secret_key`).

No key is written in the code: a key printed in a public repository signs nothing. `gandan run` (and a developer's
DEBUG=1 start) makes the file on first use; with DEBUG=0 the server refuses to start when neither the environment
nor the file gives a key, instead of falling back to something an attacker could know."""

import os
import secrets
from pathlib import Path

FILE_NAME = "secret_key"
# Keys that were published (the old demo default) or that Django marks as throw-away never sign in production.
_KNOWN_PREFIXES = ("django-insecure",)

MISSING = (
    "Chưa có khoá bí mật (SECRET_KEY) nên máy chủ không khởi động với DEBUG=0. Đặt biến môi trường SECRET_KEY "
    '(ví dụ: python -c "import secrets; print(secrets.token_urlsafe(50))"), hoặc chạy `gandan run` một lần để '
    "tạo tệp {path}.\n"
    "No secret key (SECRET_KEY): the server does not start with DEBUG=0. Set the SECRET_KEY environment variable "
    '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))"), or run `gandan run` once to create '
    "the file {path}."
)
WEAK = (
    "Khoá bí mật (SECRET_KEY) là khoá mẫu đã công bố hoặc quá ngắn: máy chủ không khởi động với DEBUG=0. "
    "Hãy tạo khoá mới bằng secrets.token_urlsafe(50).\n"
    "The secret key (SECRET_KEY) is the published demo key or too short: the server does not start with DEBUG=0. "
    "Make a new one with secrets.token_urlsafe(50)."
)
MIN_LENGTH = 40


def key_path(data_dir: Path) -> Path:
    return Path(os.environ.get("SECRET_KEY_FILE", Path(data_dir) / FILE_NAME))


def read_key(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def ensure_key_file(path: Path) -> str:
    """The key in `path`, made once (mode 0600) when the file does not exist yet. Several processes starting at
    once agree on one key: the file appears whole (written aside, then linked into place) or not at all."""
    existing = read_key(path)
    if existing:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(key + "\n")
        try:
            os.link(aside, path)  # fails if another process was first: its key wins
        except FileExistsError:
            return read_key(path)
    finally:
        aside.unlink(missing_ok=True)
    return key


def is_weak(key: str) -> bool:
    return len(key) < MIN_LENGTH or key.startswith(_KNOWN_PREFIXES) or "demo-key" in key


def secret_key(*, debug: bool, data_dir: Path) -> str:
    """What settings.SECRET_KEY is: the environment's, else the file's; with DEBUG=1 the file is made if missing.
    Raises ImproperlyConfigured with DEBUG=0 and no usable key."""
    from django.core.exceptions import ImproperlyConfigured

    path = key_path(data_dir)
    key = os.environ.get("SECRET_KEY", "").strip() or read_key(path)
    if not key and debug:
        key = ensure_key_file(path)
    if not key:
        raise ImproperlyConfigured(MISSING.format(path=path))
    if not debug and is_weak(key):
        raise ImproperlyConfigured(WEAK)
    return key


# --- The duplicate check's own key -----------------------------------------------------------------------------------
# The digests of citizen IDs, phones and names that the duplicate check stores (gandan.petitions.dupcheck) are keyed
# on a key of their own, not on SECRET_KEY: rotating the secret key (a leak, a new server) must not silently stop
# every person match. Changing THIS key is done on purpose, followed by `manage.py dupcheck_rekey`.
DUPCHECK_FILE_NAME = "dupcheck_key"


def dupcheck_key(*, debug: bool, data_dir: Path, secret_key: str) -> str:
    """GANDAN_DUPCHECK_KEY: the environment's, else the file `dupcheck_key` in the data folder, made once on first
    start (mode 0600, like the secret key's). Only when that folder cannot be written (a read-only checkout running
    tests) is it derived from the secret key, and only with DEBUG=1."""
    from django.core.exceptions import ImproperlyConfigured

    key = os.environ.get("GANDAN_DUPCHECK_KEY", "").strip()
    if key:
        return key
    path = Path(os.environ.get("GANDAN_DUPCHECK_KEY_FILE", Path(data_dir) / DUPCHECK_FILE_NAME))
    try:
        return ensure_key_file(path)
    except OSError as error:
        if not debug:
            raise ImproperlyConfigured(
                f"Không tạo được tệp khoá kiểm tra trùng {path} ({error}): đặt biến GANDAN_DUPCHECK_KEY.\n"
                f"Cannot create the duplicate-check key file {path} ({error}): set GANDAN_DUPCHECK_KEY."
            ) from error
        import hashlib

        return hashlib.blake2b(secret_key.encode(), digest_size=32, person=b"gandan-dupcheck").hexdigest()
