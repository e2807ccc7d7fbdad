"""Production: refuses to start without a secret key, allowed hosts and a database URL."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env_bool

DEBUG = False

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")
if not os.environ.get("BASE_URL"):
    raise ImproperlyConfigured(
        "BASE_URL must be set for production (e.g. https://red.example.org): every link in e-mails and PDFs uses it."
    )
if not os.environ.get("DATABASE_URL") and not env_bool("ALLOW_SQLITE", False):
    raise ImproperlyConfigured("DATABASE_URL must be set for production (or ALLOW_SQLITE=true on a single server).")

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx (deploy/nginx/) adds the visitor's address to X-Forwarded-For; gunicorn sees only nginx's.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# Wagtail's preview panel shows the page in an iframe of the same origin, so frames stay
# allowed for our own origin (X_FRAME_OPTIONS = "SAMEORIGIN" in base.py), not DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
