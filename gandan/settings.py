"""One settings module, configured by environment variables.

The defaults are the embedded mode (a commune laptop, SQLite). Everything a deployment changes comes from the
environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, EMAIL_URL, GANDAN_PORTAL_UNIT.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("GANDAN_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# The embedded default key is only for a laptop demo; `check --deploy` with DEBUG=0 refuses it.
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "django-insecure-gandan-embedded-demo-key-change-me-before-any-real-deployment"
)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "axes",
    "ninja",  # in INSTALLED_APPS so /api/docs serves its vendored Swagger UI instead of a CDN
    "django_tasks",
    "django_tasks_db",
    "gandan.units",
    "gandan.accounts",
    "gandan.audit",
    "gandan.workcalendar",
    "gandan.opinion",
    "gandan.notify",
    "gandan.portal",
    "gandan.dossiers",
    "gandan.petitions",
    "gandan.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gandan.kit.params.NulMiddleware",  # before CSRF, whose check reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gandan.urls"
WSGI_APPLICATION = "gandan.wsgi.application"
ASGI_APPLICATION = "gandan.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gandan.portal.context.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------------------
# SQLite: WAL so readers never wait for the writer; IMMEDIATE transactions so two writers queue on the busy
# timeout instead of failing with "database is locked" when a read lock is upgraded mid-transaction.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", DATA_DIR / "gandan.sqlite3"))
_database_url = os.environ.get("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)}
else:
    # The embedded mode keeps everything under one folder; a fresh clone has none yet.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "gandan.sqlite",  # Django's, with writers taking turns (gandan/sqlite/base.py)
            "NAME": SQLITE_PATH,
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000; PRAGMA cache_size=-32000;"
                ),
            },
            # The test database is a file, not Django's shared in-memory default: there, concurrent writers fail
            # at once with "database table is locked" instead of queueing on the busy timeout, so the parallel
            # intake test could not run. One file per process, so two test runs never share (or delete) one.
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DATABASES["default"].setdefault("TEST", {})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work: Django Tasks with the database backend (no broker) ----------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Accounts --------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:staff_home"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "gandan.accounts.backends.UnitModelBackend"]
# Lockout: five wrong passwords for one username from one address locks that pair for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "gandan.accounts.sessions"  # Django's database sessions, read with plain SQL
SESSION_SAVE_EVERY_REQUEST = False

# --- Language and time -----------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["gandan.formats"]

# --- Static files: everything vendored, served by whitenoise (no CDN) ---------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In development whitenoise serves straight from the sources (no collectstatic needed); in production from
# STATIC_ROOT, which `gandan run` fills. The folder exists from the start so whitenoise never warns.
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"

# --- Mail ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gandan@localhost")
# Notifications (gandan.notify) print to the console unless a real channel is switched on: email only with
# GANDAN_NOTIFY_EMAIL=1, SMS/Zalo only when a gateway URL is set (POST {"to", "text"}, optional bearer token).
GANDAN_NOTIFY_EMAIL = env_bool("GANDAN_NOTIFY_EMAIL", False)
GANDAN_SMS_GATEWAY_URL = os.environ.get("GANDAN_SMS_GATEWAY_URL", "")
GANDAN_SMS_GATEWAY_TOKEN = os.environ.get("GANDAN_SMS_GATEWAY_TOKEN", "")

# --- Security (tight when DEBUG=0) -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Gần Dân ---------------------------------------------------------------------------------------------
# The commune whose public home is shown at "/" (official code; the demo uses xã Sông Lô, Phú Thọ).
GANDAN_PORTAL_UNIT = os.environ.get("GANDAN_PORTAL_UNIT", "08848")
# Receipts after this local hour count as received on the next working day (DOMAIN.md §8.3).
GANDAN_RECEIPT_CUTOFF = os.environ.get("GANDAN_RECEIPT_CUTOFF", "15:00")
# Set only by `make bench`: mounts /bench/ceiling, the bare JSON view every benchmark is compared with.
GANDAN_BENCH = env_bool("GANDAN_BENCH", False)
# The public address printed in notifications and QR codes (the lookup link).
GANDAN_PUBLIC_URL = os.environ.get("GANDAN_PUBLIC_URL", "http://127.0.0.1:8000")
GANDAN_MODULES = [
    "gandan.dossiers",
    "gandan.petitions",
    "gandan.units",
    "gandan.workcalendar",
    "gandan.audit",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
