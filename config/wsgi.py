import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# With QINGLIAN_DEBUG off and static files not collected every page would answer 500: refuse to start, in Chinese.
from qinglian.core.checks import refuse_to_serve_without_static  # noqa: E402  (needs the settings loaded above)

refuse_to_serve_without_static()
