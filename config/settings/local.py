"""Development on the embedded default: SQLite, eager Celery, console e-mail."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .base import DEBUG  # noqa: E402

if not SECRET_KEY:  # noqa: F405
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    # Only reached with DEBUG on (checked above).
    SECRET_KEY = "dev-only-insecure-key-never-used-with-debug-off"  # noqa: S105  # nosec B105

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
