import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Production refuses to start, in Chinese, when a check fails: static files not collected (every page would answer
# 500), the data or audit key missing (it would run on keys derived from the secret key), audit retention too short.
from qinglian.core.checks import refuse_to_serve_misconfigured  # noqa: E402  (needs the settings loaded above)

refuse_to_serve_misconfigured()
