# Served with gunicorn sync workers (WSGI) in every mode we run; ASGI is kept for tools that want it.
# TECH-NOTES.md §8: Django under ASGI was 4-6x slower on these machines.
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gandan.settings")
application = get_asgi_application()
