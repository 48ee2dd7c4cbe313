"""Django settings for beredskab, read from the environment.

Closed unless told otherwise: DEBUG is off unless DJANGO_DEBUG=1 (`make run` sets it), and with
DEBUG off the installation refuses to start without DJANGO_SECRET_KEY, DATABASE_URL (SQLite only
with BEREDSKAB_ALLOW_SQLITE=1) and BEREDSKAB_BASE_URL. Production passes `manage.py check --deploy`.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from beredskab.clientaddress import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(DJANGO_DEBUG=1 turns development mode on, as `make run` does)."
        )
    SECRET_KEY = "development-only-not-secret-" + "x" * 40  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "beredskab.accounts",
    "beredskab.audit",
    "beredskab.plans",
    "beredskab.public",
    "beredskab.guide",
    "beredskab.deadlines",
    "beredskab.intake",
    "beredskab.outbox",
    "beredskab.cases",
    "beredskab.meetings",
    "beredskab.section12a",
    "beredskab.persons",
    "beredskab.safety",
    "beredskab.privacy",
    "beredskab.governance",
    "beredskab.press",
    "beredskab.stats",
    "beredskab.demo",
    "beredskab.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # The published plan version is read once per request, however often it is asked for.
    "beredskab.plans.middleware.PlanPerRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The public pages in the plan file's other languages (/ar/, /let-dansk/ ...).
    "beredskab.plans.languages.PlanLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out after 30 minutes without a request the person made (polls do not count).
    "beredskab.accounts.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "beredskab.plans.middleware.NoPublishedPlanMiddleware",
    "beredskab.errors.DatabaseUnavailableMiddleware",
    # Last, so that it sees failed sign-ins after everything else has run.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Static files straight from the WSGI server in production (after collectstatic).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "beredskab.urls"
WSGI_APPLICATION = "beredskab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "beredskab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Danish (and English) dates in every template: day, when, deadline, since, until.
            "builtins": ["beredskab.dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beredskab.plans.context_processors.plan",
                "beredskab.staff_menu.staff_menu",
            ],
        },
    },
]

# DATABASE_URL (e.g. postgres://user@host:5432/beredskab) in production; a SQLite file in
# development. Production never falls back to SQLite by itself: one file, one writer at a time.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL and DEBUG:
    DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
if not DEBUG and not env_bool("BEREDSKAB_ALLOW_SQLITE", False):
    if not DATABASE_URL:
        raise ImproperlyConfigured(
            "DATABASE_URL must be set when DJANGO_DEBUG is off, e.g. "
            "postgres://beredskab@db:5432/beredskab (or BEREDSKAB_ALLOW_SQLITE=1 to use SQLite)."
        )
    if DATABASE_URL.startswith("sqlite"):
        raise ImproperlyConfigured(
            "DATABASE_URL names SQLite while DJANGO_DEBUG is off; use PostgreSQL, or set "
            "BEREDSKAB_ALLOW_SQLITE=1 if SQLite is meant."
        )
if not DATABASE_URL:
    DATABASE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compilation in this application's sessions: PostgreSQL compiles a query
    # whose estimated cost is high (a count over many rows) before running it, which added 30 to
    # 400 ms to pages that then ran in a few milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Danish first: the plan's legal language and the users' language. English second.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "beredskab" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "beredskab" / "static"]
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
MEDIA_ROOT = Path(os.environ.get("BEREDSKAB_MEDIA_ROOT", BASE_DIR / "media"))
# No MEDIA_URL is served: attachments are downloaded only through the staff views.

# Which municipality's plan this installation serves (plans/<slug>.yaml, loaded with load_plan).
BEREDSKAB_MUNICIPALITY = os.environ.get("BEREDSKAB_MUNICIPALITY", "allerod")

# E-mail: console in development, SMTP from the environment in production.
EMAIL_BACKEND_PATH = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
        "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "beredskab@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. The public pages load nothing from other hosts and run no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("BEREDSKAB_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # the age above is inactivity, not total length
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = not DEBUG

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Logs carry no personal data: request paths hold no names or CPR numbers by design, and
# error reports leave out request bodies (see beredskab/logging.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "beredskab.logging.NoPersonalDataReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BEREDSKAB_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "INFO"},
    },
}

AUTHENTICATION_BACKENDS = [
    # First: django-axes refuses sign-in for a locked-out user or address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
FORM_RENDERER = "beredskab.forms.DkfdsFormRenderer"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff-home"

# Lockout after repeated failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("BEREDSKAB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("BEREDSKAB_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Masked in axes' log lines (and stored form data): a typed user name may be a password typed in
# the wrong field. This is axes' default, stated because tests/accounts/test_login.py relies on it.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]

OTP_TOTP_ISSUER = os.environ.get("BEREDSKAB_OTP_ISSUER", "Beredskab")
# The admin shows no TOTP keys or QR codes: nobody but the user should hold their second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Optional single sign-on with the municipality's identity provider (OpenID Connect): on when all of
# these are set, off when none are (docs/sign-in.md).
OIDC_REQUIRED_ENV = [
    "BEREDSKAB_OIDC_ISSUER",
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
]
_oidc_missing = [name for name in OIDC_REQUIRED_ENV if not os.environ.get(name)]
BEREDSKAB_OIDC_ENABLED = not _oidc_missing
if _oidc_missing and len(_oidc_missing) < len(OIDC_REQUIRED_ENV):
    raise ImproperlyConfigured(
        "Single sign-on (OpenID Connect) is half configured; also set " + ", ".join(_oidc_missing)
    )
BEREDSKAB_OIDC_ISSUER = os.environ.get("BEREDSKAB_OIDC_ISSUER", "")
# Our role = the provider's group, e.g. "modtagelsen=BER-Modtagelsen,leder=BER-Ledere".
BEREDSKAB_OIDC_ROLE_MAP = os.environ.get("BEREDSKAB_OIDC_ROLE_MAP", "")
# 1 only when the provider always requires MFA: then a single sign-on counts as two factors.
BEREDSKAB_OIDC_TRUSTS_MFA = env_bool("BEREDSKAB_OIDC_TRUSTS_MFA", False)
if BEREDSKAB_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("beredskab.accounts.oidc.MunicipalityOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 15
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"

# Background work (receipts, reminders): Django's tasks framework on the database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The REST API for the municipality's other systems: their system accounts' tokens (hashed, with
# an expiry; docs/api.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "beredskab.api.authentication.SystemAccountTokenAuthentication"
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"user": "600/minute"},
}
# How long a new API token lasts unless `create_api_token --days` says otherwise (at most 366).
BEREDSKAB_API_TOKEN_DAYS = int(os.environ.get("BEREDSKAB_API_TOKEN_DAYS", "90"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Beredskab API",
    "DESCRIPTION": "Notifications (underretninger) about honour-related conflicts and negative "
    "social control: register, read, and list the open intake queue.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI from our own static files (drf-spectacular-sidecar): nothing from other hosts.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A notification reads back with any channel but is registered with fewer: two enums.
    "ENUM_NAME_OVERRIDES": {
        "ChannelEnum": "beredskab.intake.models.Channel",
        "RegistrationChannelEnum": "beredskab.api.serializers.REGISTRATION_CHANNELS",
    },
}

# Uploads with a notification.
BEREDSKAB_ATTACHMENT_MAX_BYTES = int(os.environ.get("BEREDSKAB_ATTACHMENT_MAX_MB", "10")) * 2**20
BEREDSKAB_ATTACHMENT_MAX_COUNT = 5
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 2**20

# The address staff reach this installation on, for links in e-mails: required in production.
BEREDSKAB_BASE_URL = os.environ.get("BEREDSKAB_BASE_URL", "").strip().rstrip("/")
if not BEREDSKAB_BASE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "BEREDSKAB_BASE_URL must be set when DJANGO_DEBUG is off: the address staff reach "
            "this installation on, e.g. https://beredskab.example.dk (links in e-mails use it)."
        )
    BEREDSKAB_BASE_URL = "http://127.0.0.1:8000"
_base = urlsplit(BEREDSKAB_BASE_URL)
if _base.scheme not in ("http", "https") or not _base.hostname:
    raise ImproperlyConfigured(
        f"BEREDSKAB_BASE_URL must be an http:// or https:// address with a host name, e.g. "
        f"https://beredskab.example.dk; it is {BEREDSKAB_BASE_URL!r}."
    )

# Break the glass: how long access to a case lasts after a written reason.
BEREDSKAB_BREAK_GLASS_HOURS = int(os.environ.get("BEREDSKAB_BREAK_GLASS_HOURS", "4"))

# A cache shared by all worker processes (rate limits, the plan PDF): the database, so no extra
# service is needed. `manage.py createcachetable` creates its table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "beredskab_cache",
    }
}
BEREDSKAB_RATE_LIMITS = env_bool("BEREDSKAB_RATE_LIMITS", True)

# The municipality's reverse proxies (addresses or networks, comma-separated). Empty: clients
# connect directly and REMOTE_ADDR is the client. Otherwise, for a request from one of these, the
# client is the right-most X-Forwarded-For address that is not one of them
# (beredskab.clientaddress): rate limits, the sign-in lockout and the audit trail use that address.
BEREDSKAB_TRUSTED_PROXIES = env_list("BEREDSKAB_TRUSTED_PROXIES")
try:
    parse_networks(BEREDSKAB_TRUSTED_PROXIES)
except ValueError as exc:
    raise ImproperlyConfigured(
        f"BEREDSKAB_TRUSTED_PROXIES: {exc}; "
        "give IP addresses or networks, e.g. 10.0.0.5,10.1.0.0/24"
    ) from exc
AXES_CLIENT_IP_CALLABLE = "beredskab.clientaddress.client_address"

# The audit trail (docs/operations.md, "Audit trail"). Its key lives outside the database: it
# makes the chain's HMACs, signs the checkpoints and hashes CPR numbers for the auditor's search.
BEREDSKAB_AUDIT_KEY = os.environ.get("BEREDSKAB_AUDIT_KEY", "")
if not BEREDSKAB_AUDIT_KEY and os.environ.get("BEREDSKAB_AUDIT_KEY_FILE"):
    try:
        BEREDSKAB_AUDIT_KEY = Path(os.environ["BEREDSKAB_AUDIT_KEY_FILE"]).read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(f"BEREDSKAB_AUDIT_KEY_FILE cannot be read: {error}") from error
if not BEREDSKAB_AUDIT_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "BEREDSKAB_AUDIT_KEY or BEREDSKAB_AUDIT_KEY_FILE must be set when DJANGO_DEBUG is off."
        )
    BEREDSKAB_AUDIT_KEY = "development-only-audit-key-not-secret-" + "x" * 40
elif len(BEREDSKAB_AUDIT_KEY) < 32:
    raise ImproperlyConfigured("BEREDSKAB_AUDIT_KEY must be at least 32 characters long.")
# Where signed checkpoints of the chain go, outside the database: an append-only folder and/or a
# syslog server (host:port, UDP). `manage.py check --deploy` warns when neither is set.
BEREDSKAB_AUDIT_CHECKPOINT_DIR = os.environ.get("BEREDSKAB_AUDIT_CHECKPOINT_DIR", "")
BEREDSKAB_AUDIT_SYSLOG = os.environ.get("BEREDSKAB_AUDIT_SYSLOG", "")
