"""The one settings file. Everything that differs between machines comes from the environment.

SQLite (WAL) in a data folder is the embedded default; ``DATABASE_URL`` switches to PostgreSQL,
``REDIS_URL`` adds a shared cache, sessions and the task broker, ``EMAIL_URL`` sends real mail.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.utils.translation import gettext_lazy as _

from linli.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("LINLI_DATA_DIR", Path.cwd() / "linli-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else one generated once into the data folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
DEMO_MODE = env_bool("LINLI_DEMO")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# linli's apps come before the third-party apps that carry translations and templates of their
# own: the first app wins, and Django's admin would otherwise rename buttons ("Save and add
# another") and replace linli's registration pages.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "linli.core",
    "linli.participation",
    "linli.engagement",
    "linli.surveys",
    "linli.meetings",
    "linli.proposals",
    "linli.votes",
    "linli.tracking",
    "linli.budgeting",
    "linli.reviews",
    "linli.volunteering",
    "linli.sharing",
    "linli.grants",
    "linli.opinions",
    "linli.insights",
    "linli.governance",
    "linli.feedback",
    "linli.disclosure",
    "linli.conventions",
    "linli.supervision",
    "linli.api",
    "ninja",  # its bundled Swagger UI for /api/docs, served from our static files (no CDN)
    "axes",
    "django_ratelimit",
    "linli.core.admin_site.SupportAdminConfig",  # /admin/ for site administrators only
]

MIDDLEWARE = [
    "linli.core.security_headers.SecurityHeadersMiddleware",  # first: sees every cookie set
    # A database or cache away for a moment: a translated "try again" page, 503 (issue 23).
    "linli.core.unavailable.ServiceUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "linli.core.middleware.UserLanguageMiddleware",
    "linli.core.picker_search.PickerSearchMiddleware",  # what a member picker was asked to find
    "django.contrib.messages.middleware.MessageMiddleware",
    "linli.core.kit.http.RefusalMiddleware",
    "linli.votes.middleware.ForgetVoteCodesOnLogout",
    # Before any view or the CSRF check reads the body (docs/security.md, "Uploads and exports").
    "linli.core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "linli.core.bad_input.BadInputMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # a refused request gets the 429 page
    "axes.middleware.AxesMiddleware",  # last: turns a sign-in lockout into the 429 page
]

ROOT_URLCONF = "linli.urls"
WSGI_APPLICATION = "linli.wsgi.application"

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
                "linli.core.context_processors.site",
            ],
            "builtins": ["linli.core.templatetags.linli"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60),
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "linli.sqlite3"),
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
                # the start of a transaction so two writers queue instead of failing mid-way.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    # deleted rows are overwritten, not left in free pages (votes.services.mix_box)
                    "PRAGMA secure_delete=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks ---------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if os.environ.get("LINLI_TASKS") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Email ------------------------------------------------------------------------------------


def _email_settings(url: str) -> dict[str, object]:
    """Turn ``smtp://user:pass@host:port?tls=1`` (or ``smtps://``) into Django's EMAIL_* values."""
    parsed = urlparse(url)
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", "").lower() in {"1", "true", "yes"},
        "EMAIL_TIMEOUT": 20,
    }


if os.environ.get("EMAIL_URL"):
    globals().update(_email_settings(os.environ["EMAIL_URL"]))
else:
    # Without a mail server, mails are written to files so nothing is lost and the demo can show them.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "linli <noreply@linli.local>")

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "linli.core.auth.LockoutBackend",  # django-axes: refuses while a sign-in is locked out
    "linli.core.auth.EmailOrPhoneBackend",
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:after_login"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if env_bool("LINLI_FAST_HASHER"):  # tests only: hashing with PBKDF2 would dominate their run time
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Throttling (see linli/core/throttle.py and docs/deployment.md) -------------------------------
# How many reverse proxies of ours stand in front of linli. 0 (the default): the client address is
# REMOTE_ADDR and X-Forwarded-For is ignored. N: the address N places from the right of
# X-Forwarded-For, which is the one our outermost proxy saw. Set it only when every request goes
# through those proxies, or anyone could choose their own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [
    ["username", "ip_address"]
]  # by account alone, anyone could lock you out
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "linli.core.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "linli.core.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "linli.core.throttle.locked_out"
AXES_VERBOSE = False
RATELIMIT_VIEW = "linli.core.throttle.rate_limited"
# Per client address unless named otherwise. Generous per address, because many residents share
# one address (the community office, venue Wi-Fi, carrier NAT); codes have 31^8 possibilities, so
# these limits are far below any useful guessing speed. Override some in the environment:
# LINLI_THROTTLE_RATES="register=60/h,login-address=120/10m".
LINLI_THROTTLE_RATES = {
    "login-address": "60/10m",
    "login-account": "20/h",  # one account from anywhere
    "register": "30/h",
    "reset-address": "20/h",
    "reset-email": "3/h",  # one mailbox
    "codes-account": "10/h",  # claim and household codes, one account
    "codes-address": "60/h",
}
LINLI_THROTTLE_RATES.update(
    dict(pair.split("=", 1) for pair in env_list("LINLI_THROTTLE_RATES") if "=" in pair)
)
# django-ratelimit prefers memcached or django-redis. Django's own RedisCache (with REDIS_URL)
# increments atomically; the file cache of the embedded default does not, so parallel requests
# can slip a few past a limit - acceptable on one small machine, and documented.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "linli_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG or DEMO_MODE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO_MODE or env_bool("LINLI_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads (docs/security.md, "Uploads and exports"). A form's fields may send 10 MB; a request with files at most
# LINLI_MAX_REQUEST_MB, both refused with a translated 413 page before Django reads the body (so a
# 10 GB upload never reaches the disk); files above 5 MB are spooled to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LINLI_MAX_REQUEST_BYTES = int(os.environ.get("LINLI_MAX_REQUEST_MB", "40")) * 1024 * 1024
# Uploaded files are sent only through linli.core.media.serve, which checks who asks. With
# "x-accel-redirect" (nginx) or "x-sendfile" (Apache/lighttpd) the web server sends the bytes after
# Django said yes; nginx then needs an internal location at LINLI_MEDIA_ACCEL_PREFIX aliased to
# MEDIA_ROOT. Empty: Django sends the file itself.
LINLI_MEDIA_SENDFILE = os.environ.get("LINLI_MEDIA_SENDFILE", "").strip().lower()
LINLI_MEDIA_ACCEL_PREFIX = os.environ.get("LINLI_MEDIA_ACCEL_PREFIX", "/_protected_media/")

# --- Security ---------------------------------------------------------------------------------
# SECURE_COOKIES=1 behind the TLS proxy: every cookie gets the Secure flag (see
# linli.core.security_headers, which also sends HSTS and the Content-Security-Policy).
SECURE_COOKIES = env_bool("SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
# HSTS: a year whenever SECURE_COOKIES is on, unless SECURE_HSTS_SECONDS (or HSTS_SECONDS) says.
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS")
    or os.environ.get("HSTS_SECONDS")
    or ("31536000" if SECURE_COOKIES else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS") or env_bool(
    "HSTS_INCLUDE_SUBDOMAINS"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Site operation (issue 21): behind a proxy, structured logs -------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto, requests count as HTTPS (secure
# cookies, redirects, CSRF). Only set this when the proxy overwrites the header from clients.
if env_bool("LINLI_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# `linli check --deploy` is clean with the settings docs/deployment.md lists (HSTS is set above).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
# Submitting a domain to the browsers' preload list is the domain owner's decision, hard to undo,
# and not something a site can do by a setting: the check that asks for it is silenced.
SILENCED_SYSTEM_CHECKS += ["security.W021"]
# "json": one JSON object per line (`linli serve` and `linli worker` default to it); "text" else.
LOGGING = logging_config(
    os.environ.get("LINLI_LOG_FORMAT", "text"), os.environ.get("LOG_LEVEL", "WARNING")
)

# Published figures never show groups smaller than this (privacy of small groups).
LINLI_MIN_GROUP_SIZE = 5
LINLI_SITE_NAME = _("linli")
