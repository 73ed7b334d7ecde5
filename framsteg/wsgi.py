"""WSGI entry point for production servers.

The system checks run once as the application loads: with a wrong or missing setting the server refuses to
start, printing what to fix (gunicorn then stops instead of restarting its workers). Then what was loaded
is set aside from the garbage collector (`framsteg.core.startup`).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")
application = get_wsgi_application()

from framsteg.core.checks import refuse_to_start_on_errors  # noqa: E402 -- needs the apps loaded

refuse_to_start_on_errors()

from framsteg.core.startup import settle_long_lived_objects  # noqa: E402

settle_long_lived_objects()
