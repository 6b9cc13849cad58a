"""One settings module, configured by environment variables.

The defaults are the embedded mode (a commune laptop, SQLite). Everything a deployment changes comes from the
environment: DATABASE_URL, SECRET_KEY (or the file var/secret_key), DEBUG, ALLOWED_HOSTS, EMAIL_URL, GANDAN_PORTAL_UNIT.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gandan.kit.secretkey import dupcheck_key, secret_key

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("GANDAN_DATA_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
# SECRET_KEY from the environment, else the file `gandan run` makes once ($GANDAN_DATA_DIR/secret_key, mode 0600;
# SECRET_KEY_FILE names another). With DEBUG=1 the file is made on first start, so a developer's sessions and
# links survive restarts and no key is ever written in the code; with DEBUG=0 and neither, the server refuses to
# start (ImproperlyConfigured, in Vietnamese and English), as it does for a published or short key.
SECRET_KEY = secret_key(debug=DEBUG, data_dir=DATA_DIR)
# The duplicate check's digests are keyed on their own key, so that rotating SECRET_KEY keeps person matching
# (environment GANDAN_DUPCHECK_KEY, else $GANDAN_DATA_DIR/dupcheck_key made once; kit/secretkey.py). After changing
# it, run `manage.py dupcheck_rekey` to recompute the stored digests.
GANDAN_DUPCHECK_KEY = dupcheck_key(debug=DEBUG, data_dir=DATA_DIR, secret_key=SECRET_KEY)
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
    "gandan.reception",
    "gandan.mobilization",
    "gandan.search",
]

MIDDLEWARE = [
    # Outermost: the CSP and no-store reach every answer, the body limit's 413 included (it reads no body).
    "gandan.kit.security.SecurityHeadersMiddleware",
    "gandan.kit.limits.BodyLimitMiddleware",  # refuses an oversized body before anything reads it
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
    "gandan.portal.errors.MethodNotAllowedMiddleware",  # a GET on a POST-only page: a Vietnamese page, not a blank
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
                "gandan.portal.context.inbox",
            ],
            "libraries": {
                "idempotency": "gandan.kit.idempotency",  # {% submission_token %} in create forms
                "filterbar": "gandan.kit.filterbar",  # the folded filters of staff lists (includes/filters.html)
            },
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
            "NAME": str(SQLITE_PATH),
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
AUTHENTICATION_BACKENDS = ["gandan.accounts.backends.GuardedBackend"]
# Password guessing (gandan/accounts/loginguard.py): wrong passwords are counted per account across addresses (and
# per address across accounts) over GANDAN_LOGIN_FAILURE_WINDOW seconds. Beyond the free ones, a browser the
# account does not know may try once per 2^k seconds (k = failures beyond the free ones, at most
# GANDAN_LOGIN_MAX_DELAY); a browser that signed in to the account before (signed device cookie, kept
# GANDAN_LOGIN_DEVICE_DAYS days) is not delayed. No lock an attacker could use against the officer.
GANDAN_LOGIN_FREE_FAILURES = int(os.environ.get("GANDAN_LOGIN_FREE_FAILURES", "5"))
GANDAN_LOGIN_FREE_FAILURES_PER_ADDRESS = int(os.environ.get("GANDAN_LOGIN_FREE_FAILURES_PER_ADDRESS", "20"))
GANDAN_LOGIN_FAILURE_WINDOW = int(os.environ.get("GANDAN_LOGIN_FAILURE_WINDOW", str(24 * 3600)))
GANDAN_LOGIN_MAX_DELAY = int(os.environ.get("GANDAN_LOGIN_MAX_DELAY", "3600"))
GANDAN_LOGIN_DEVICE_DAYS = int(os.environ.get("GANDAN_LOGIN_DEVICE_DAYS", "180"))
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
# Uploads (citizens' scans, a denunciator's letter) are stored here under random names and are NEVER served by URL:
# no route maps MEDIA_URL, in any mode. Every download goes through a view that checks scope and grants, audits the
# read and hands the file to gandan.kit.downloads. Keep MEDIA_ROOT outside any folder a web server publishes.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
# Who sends an authorised download's bytes: "django" (default, a streamed FileResponse), "x-accel-redirect" (nginx
# sends GANDAN_FILE_INTERNAL_PREFIX + the stored name from an `internal` location aliased to MEDIA_ROOT) or
# "x-sendfile" (Apache mod_xsendfile / lighttpd send the absolute path). Both proxy modes free the worker at once.
GANDAN_FILE_SERVING = os.environ.get("GANDAN_FILE_SERVING", "django")
GANDAN_FILE_INTERNAL_PREFIX = os.environ.get("GANDAN_FILE_INTERNAL_PREFIX", "/_protected/")
if GANDAN_FILE_SERVING not in ("django", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("GANDAN_FILE_SERVING is django, x-accel-redirect or x-sendfile.")

# --- Mail ------------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gandan@localhost")
# Notifications (gandan.notify) print to the console unless a real channel is switched on: email only with
# GANDAN_NOTIFY_EMAIL=1, SMS/Zalo only when a gateway URL is set (POST {"to", "text"}, optional bearer token).
GANDAN_NOTIFY_EMAIL = env_bool("GANDAN_NOTIFY_EMAIL", False)
GANDAN_SMS_GATEWAY_URL = os.environ.get("GANDAN_SMS_GATEWAY_URL", "")
GANDAN_SMS_GATEWAY_TOKEN = os.environ.get("GANDAN_SMS_GATEWAY_TOKEN", "")
# A send never waits longer than this on the mail server (the gateway's own limit is 10 s)...
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# ...so a notification still "sending" after the lease (5 min) lost its worker: the sweeper queues it again, under
# the same idempotency key (Idempotency-Key header, Message-ID), which lets the channel drop a repeat.
GANDAN_NOTIFY_LEASE_SECONDS = int(os.environ.get("GANDAN_NOTIFY_LEASE_SECONDS", "300"))

# --- Request bodies (gandan.kit.limits; nginx's client_max_body_size refuses first in production) ----------
# A multipart body (files) up to 12 MB: one 10 MB scan and its form; any other body up to 2 MB. Refused with 413
# from Content-Length, before the body is read.
GANDAN_MAX_BODY_BYTES = int(os.environ.get("GANDAN_MAX_BODY_BYTES", str(12 * 1024 * 1024)))
GANDAN_MAX_FORM_BYTES = int(os.environ.get("GANDAN_MAX_FORM_BYTES", str(2 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = GANDAN_MAX_FORM_BYTES  # the non-file part of any request
FILE_UPLOAD_MAX_MEMORY_SIZE = (
    2 * 1024 * 1024
)  # a larger upload is spooled to a temporary file, not kept in RAM

# --- Security (tight when DEBUG=0) -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "gandan.portal.errors.csrf_failure"  # in Vietnamese, not Django's page for developers
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (gandan/kit/security.py): directives here replace the default ones (None drops one);
# GANDAN_CSP_REPORT_ONLY=1 sends it as Content-Security-Policy-Report-Only, to try a change on a live site.
GANDAN_CSP: dict[str, str | None] = {}
GANDAN_CSP_REPORT_ONLY = env_bool("GANDAN_CSP_REPORT_ONLY", False)
# GANDAN_HTTPS: the site is reached over HTTPS (TLS ends at nginx in front, deploy/nginx.conf.example): redirect
# plain HTTP, mark the cookies Secure, send HSTS. On by default with DEBUG=0. `make run` serves plain HTTP on this
# machine (http://127.0.0.1:8000, as production in every other respect) and sets GANDAN_HTTPS=0: with it on, every
# page would be a redirect to an https:// address nobody answers, and no login cookie would come back.
GANDAN_HTTPS = env_bool("GANDAN_HTTPS", not DEBUG)
if GANDAN_HTTPS:
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
# Form 04 (apology and new appointment) may be issued this many working days before the appointment; 0: only once
# the dossier is late (DOMAIN.md design implication 8, "or at a configurable warning before").
GANDAN_APOLOGY_WARNING_DAYS = int(os.environ.get("GANDAN_APOLOGY_WARNING_DAYS", "0"))
# Set only by `make bench`: mounts /bench/ceiling, the bare JSON view every benchmark is compared with.
GANDAN_BENCH = env_bool("GANDAN_BENCH", False)
# Public lookups by code + the phone's last 4 digits: wrong tries per client address (in GANDAN_LOOKUP_WINDOW
# seconds) and per code whatever the address (in GANDAN_LOOKUP_CODE_WINDOW seconds). The receipt's link always works.
GANDAN_LOOKUP_FAILURES = int(os.environ.get("GANDAN_LOOKUP_FAILURES", "10"))
GANDAN_LOOKUP_WINDOW = int(os.environ.get("GANDAN_LOOKUP_WINDOW", "600"))
GANDAN_LOOKUP_CODE_FAILURES = int(os.environ.get("GANDAN_LOOKUP_CODE_FAILURES", "5"))
GANDAN_LOOKUP_CODE_WINDOW = int(os.environ.get("GANDAN_LOOKUP_CODE_WINDOW", "3600"))
# Online submissions (dossiers and petitions, pages and API): per client address per hour, per phone per day.
GANDAN_SUBMITS_PER_ADDRESS = int(os.environ.get("GANDAN_SUBMITS_PER_ADDRESS", "10"))
GANDAN_SUBMITS_ADDRESS_WINDOW = int(os.environ.get("GANDAN_SUBMITS_ADDRESS_WINDOW", "3600"))
GANDAN_SUBMITS_PER_PHONE = int(os.environ.get("GANDAN_SUBMITS_PER_PHONE", "5"))
GANDAN_SUBMITS_PHONE_WINDOW = int(os.environ.get("GANDAN_SUBMITS_PHONE_WINDOW", "86400"))
# Reverse proxies whose X-Forwarded-For is believed (comma-separated IPs or CIDR networks, e.g. "127.0.0.1,10.0.0.0/8").
# Empty: the client address is the connection's (REMOTE_ADDR) and any X-Forwarded-For is ignored.
GANDAN_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GANDAN_TRUSTED_PROXIES", "").split(",") if p.strip()
]
# The public address printed in notifications and QR codes (the lookup link).
GANDAN_PUBLIC_URL = os.environ.get("GANDAN_PUBLIC_URL", "http://127.0.0.1:8000")
# The desk's dossier code (Circular 01/2018 Art. 19, DOMAIN.md §1.2): {unit}, {yymmdd}, {yyyy}, {seq}.
GANDAN_DOSSIER_CODE_FORMAT = os.environ.get("GANDAN_DOSSIER_CODE_FORMAT", "{unit}-{yymmdd}-{seq:04d}")
# Satisfaction: an average score at or above the threshold falls in the band (first match, highest first). The
# statutory bands of the new texts are not confirmed (DOMAIN.md §1.8), hence configuration.
GANDAN_SATISFACTION_BANDS = [(4.5, "very_good"), (3.5, "good"), (2.5, "average"), (0.0, "poor")]
GANDAN_MODULES = [
    "gandan.dossiers",
    "gandan.petitions",
    "gandan.reception",
    "gandan.opinion",
    "gandan.mobilization",
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
