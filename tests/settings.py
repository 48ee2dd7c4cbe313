"""Settings for the test run: the development settings (DJANGO_DEBUG=1 unless the environment says
otherwise), as production settings refuse to start without a database URL, a secret key and a
base URL. pytest-django still runs every test with DEBUG off."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from beredskab.settings import *  # noqa: E402, F403
from beredskab.settings import INSTALLED_APPS  # noqa: E402

# The scale data's generator (manage.py generate_scale_data) is tested too.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
