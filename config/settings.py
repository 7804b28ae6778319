"""Settings for Qinglian. Everything an operator may change is read from the environment (see config/env.py
and docs/configuration.md); nothing secret is written here."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("QINGLIAN_DATA_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("QINGLIAN_DEBUG", False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("QINGLIAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("QINGLIAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_otp",  # TOTP second factor (docs/decisions, 等保 8.1.4.1 d)
    "django_otp.plugins.otp_totp",
    "ninja",
    "qinglian.core",
    "qinglian.org",
    "qinglian.audit",
    "qinglian.evidence",
    "qinglian.notify",
    "qinglian.compliance",
    "qinglian.docreview",
    "qinglian.partylife",
    "qinglian.duty",
    "qinglian.npc",
    "qinglian.integrity",
    "qinglian.frugality",
    "qinglian.ideology",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on HTML answers, error pages included (qinglian/core/csp.py).
    "qinglian.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Body limits, malformed multipart, control characters, implausible dates and ids, no-store (core/hygiene.py).
    "qinglian.core.hygiene.RequestHygieneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout, the session register and the second-factor gate (qinglian/org/auth); after messages,
    # which it uses to say why a session ended.
    "qinglian.org.auth.middleware.LoginSecurityMiddleware",
    # A password an administrator chose or an expired one reaches only the password page; the stationed group
    # writes nothing (qinglian/org/middleware.py).
    "qinglian.org.middleware.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "qinglian.core.middleware.ErrorPagesMiddleware",
    # API writes retried with the same Idempotency-Key get the first answer instead of running twice
    # (core/idempotency.py); inside the error pages, so that a 503 is not kept as the answer.
    "qinglian.core.idempotency.IdempotencyMiddleware",
    # After a page is answered, a check starts in the background if the findings are stale (compliance/freshness.py).
    "qinglian.compliance.freshness.FreshChecksMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "qinglian" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qinglian.core.context_processors.shell",
                "qinglian.org.context_processors.account",
                "qinglian.org.passwords.notice",
                "qinglian.compliance.context_processors.todo",
                "qinglian.notify.context_processors.notifications",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; DATABASE_URL selects PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'qinglian.sqlite3'}"),
        conn_max_age=env_int("QINGLIAN_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server read while a command (runchecks, sendnotifications) writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        # Take the write lock at BEGIN: a page and a command writing at once wait instead of failing.
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"
# Password rules (等保 8.1.4.1 a; docs/configuration.md): length, three of four character classes, no username or
# organ name, not one of the last N; expiry after N days (0: never) with a warning in the page for the last days.
QINGLIAN_PASSWORD_MIN_LENGTH = env_int("QINGLIAN_PASSWORD_MIN_LENGTH", 10)
QINGLIAN_PASSWORD_HISTORY = env_int("QINGLIAN_PASSWORD_HISTORY", 5)
QINGLIAN_PASSWORD_MAX_AGE_DAYS = env_int("QINGLIAN_PASSWORD_MAX_AGE_DAYS", 90)
QINGLIAN_PASSWORD_WARN_DAYS = env_int("QINGLIAN_PASSWORD_WARN_DAYS", 7)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "qinglian.org.validators.LengthValidator", "OPTIONS": {"min_length": QINGLIAN_PASSWORD_MIN_LENGTH}},
    {"NAME": "qinglian.org.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "qinglian.org.validators.NoIdentityValidator"},
    {"NAME": "qinglian.org.validators.PasswordHistoryValidator", "OPTIONS": {"remember": QINGLIAN_PASSWORD_HISTORY}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("QINGLIAN_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
# Production is HTTPS: cookies Secure and HSTS on unless QINGLIAN_DEBUG. A plain-HTTP intranet deployment sets
# QINGLIAN_SECURE_COOKIES=0 (the browser would otherwise never send the session back) and QINGLIAN_HSTS_SECONDS=0
# (docs/deployment.md).
SESSION_COOKIE_SECURE = env_bool("QINGLIAN_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Sent only on HTTPS requests; behind nginx Django knows the request was HTTPS through X-Forwarded-Proto, which it
# believes only when QINGLIAN_TRUST_PROXY says the proxy is ours.
SECURE_HSTS_SECONDS = env_int("QINGLIAN_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QINGLIAN_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy on every page (qinglian/core/csp.py): scripts only from our own static files.
QINGLIAN_CSP = env_bool("QINGLIAN_CSP", True)
# The faint name-and-time watermark on pages showing personal or confidential data (qinglian/core/watermark.py).
QINGLIAN_WATERMARK = env_bool("QINGLIAN_WATERMARK", True)
QINGLIAN_WATERMARK_OPACITY = env_str("QINGLIAN_WATERMARK_OPACITY", "0.08")

# Authentication at login (等保 8.1.4.1; qinglian/org/auth, docs/configuration.md).
AUTHENTICATION_BACKENDS = ["qinglian.org.auth.backends.LockoutBackend"]
QINGLIAN_LOGIN_MAX_FAILURES = env_int("QINGLIAN_LOGIN_MAX_FAILURES", 5)  # per user name, within the window
QINGLIAN_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("QINGLIAN_LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
QINGLIAN_LOGIN_FAILURE_WINDOW_MINUTES = env_int("QINGLIAN_LOGIN_FAILURE_WINDOW_MINUTES", 15)
QINGLIAN_LOGIN_LOCK_MINUTES = env_int("QINGLIAN_LOGIN_LOCK_MINUTES", 30)
QINGLIAN_IDLE_TIMEOUT_MINUTES = env_int("QINGLIAN_IDLE_TIMEOUT_MINUTES", 30)
QINGLIAN_IDLE_WARNING_MINUTES = env_int("QINGLIAN_IDLE_WARNING_MINUTES", 3)
QINGLIAN_MAX_SESSIONS = env_int("QINGLIAN_MAX_SESSIONS", 3)
QINGLIAN_TOTP_REQUIRED_ROLES = env_list(
    "QINGLIAN_TOTP_REQUIRED_ROLES", ["sysadmin", "secadmin", "auditadmin", "party_officer", "personnel_officer"]
)
QINGLIAN_API_TOKEN_DAYS = env_int("QINGLIAN_API_TOKEN_DAYS", 90)
OTP_TOTP_ISSUER = env_str("QINGLIAN_TOTP_ISSUER", "清廉")

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end packages come from the npm registry (package.json) and are served by the app: no CDN.
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", _NODE / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", _NODE / "bootstrap-icons" / "font"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/echarts", _NODE / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = DATA_DIR / "media"  # outside the web root; files are served only through permission checks

DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("QINGLIAN_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
QINGLIAN_IMPORT_MAX_BYTES = env_int("QINGLIAN_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
QINGLIAN_IMPORT_MAX_ROWS = env_int("QINGLIAN_IMPORT_MAX_ROWS", 5000)
QINGLIAN_PAGE_SIZE = env_int("QINGLIAN_PAGE_SIZE", 50)
QINGLIAN_EVIDENCE_MAX_BYTES = env_int("QINGLIAN_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024)
# The whole of a multipart (upload) request; larger bodies get 413 before they are read (core/hygiene.py).
QINGLIAN_REQUEST_MAX_BYTES = env_int("QINGLIAN_REQUEST_MAX_BYTES", QINGLIAN_EVIDENCE_MAX_BYTES + 4 * 1024 * 1024)
QINGLIAN_AUDIT_RETENTION_DAYS = env_int("QINGLIAN_AUDIT_RETENTION_DAYS", 180)
# The audit chain's HMAC-SM3 key (docs/audit.md): environment only, never the database; ≥ 32 characters.
QINGLIAN_AUDIT_KEY = env_str("QINGLIAN_AUDIT_KEY", "")
# Encryption at rest of ID numbers and evidence files (SM4-GCM, docs/decisions/0011): environment only, ≥ 32
# characters, kept apart from backups; retired keys, comma-separated, still decrypt until everything is re-encrypted.
QINGLIAN_DATA_KEY = env_str("QINGLIAN_DATA_KEY", "")
QINGLIAN_DATA_KEY_OLD = env_str("QINGLIAN_DATA_KEY_OLD", "")
# Where `qinglian audit export-head` appends the chain head (append-only; default <data dir>/audit/chain-heads.log).
QINGLIAN_AUDIT_HEAD_FILE = env_str("QINGLIAN_AUDIT_HEAD_FILE", str(DATA_DIR / "audit" / "chain-heads.log"))
QINGLIAN_TRUST_PROXY = env_bool("QINGLIAN_TRUST_PROXY", False)
if QINGLIAN_TRUST_PROXY:  # our nginx sets X-Forwarded-Proto itself (docs/deployment.md)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
QINGLIAN_IDEMPOTENCY_HOURS = env_int("QINGLIAN_IDEMPOTENCY_HOURS", 24)
QINGLIAN_REMINDER_WORKING_DAYS = env_int("QINGLIAN_REMINDER_WORKING_DAYS", 5)
QINGLIAN_ESCALATE_LEADER_WORKING_DAYS = env_int("QINGLIAN_ESCALATE_LEADER_WORKING_DAYS", 5)
# Findings kept current (docs/compliance.md): a check runs by itself when the last is older (0: only cron and the
# button); an open finding whose rule sets no due date is due this many working days after it was found.
QINGLIAN_CHECK_INTERVAL_MINUTES = env_int("QINGLIAN_CHECK_INTERVAL_MINUTES", 5)
QINGLIAN_FINDING_DUE_WORKING_DAYS = env_int("QINGLIAN_FINDING_DUE_WORKING_DAYS", 20)
QINGLIAN_CALENDAR_RECHECK_SECONDS = env_int("QINGLIAN_CALENDAR_RECHECK_SECONDS", 10)

# Notifications (docs/notifications.md): the inbox always; e-mail and a work-notification webhook when set.
QINGLIAN_BASE_URL = env_str("QINGLIAN_BASE_URL", "")
QINGLIAN_EMAIL_ENABLED = env_bool("QINGLIAN_EMAIL_ENABLED", False)
QINGLIAN_WEBHOOK_URL = env_str("QINGLIAN_WEBHOOK_URL", "")
QINGLIAN_NOTIFY_TIMEOUT = env_int("QINGLIAN_NOTIFY_TIMEOUT", 10)
QINGLIAN_NOTIFY_MAX_ATTEMPTS = env_int("QINGLIAN_NOTIFY_MAX_ATTEMPTS", 8)
QINGLIAN_NOTIFY_BACKOFF_MAX_MINUTES = env_int("QINGLIAN_NOTIFY_BACKOFF_MAX_MINUTES", 60)
QINGLIAN_NOTIFY_LEASE_SECONDS = env_int("QINGLIAN_NOTIFY_LEASE_SECONDS", 300)
EMAIL_HOST = env_str("QINGLIAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("QINGLIAN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("QINGLIAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("QINGLIAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("QINGLIAN_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("QINGLIAN_EMAIL_FROM", "qinglian@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("QINGLIAN_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
