"""Each module declares itself once (`<app>/module.py`); navigation, URLs and the API iterate the declarations."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.conf import settings
from django.utils.functional import Promise


@dataclass(frozen=True)
class Module:
    key: str  # URL prefix under /staff/ and the API prefix under /api/v1/
    name: str | Promise  # shown in the staff menu
    menu_url: str = ""  # URL name the menu links to; "" for a module without pages (an API, commands)
    permission: str | None = None  # the permission (accounts.rules) needed to see the menu entry
    has_urls: bool = True  # `<app>/urls.py` exists and is mounted at /staff/<key>/
    has_api: bool = True  # `<app>/api.py` exposes `router`
    has_public: bool = False  # `<app>/public.py` exposes `urlpatterns`, mounted at /


@cache
def registered() -> tuple[tuple[str, Module], ...]:
    """(app package, declaration) for every module in settings.GANDAN_MODULES, in menu order."""
    found = []
    for package in settings.GANDAN_MODULES:
        found.append((package, import_module(f"{package}.module").MODULE))
    return tuple(found)
