"""The staff home ("my work") is filled by the modules: each may offer `home_widgets(user) -> list[dict]` in its
`module.py`. A widget is {"title", "value", "note", "url"}; modules add theirs without touching this page."""

from importlib import import_module

from gandan.modules import registered


def _collect(hook: str, *args) -> list[dict]:
    found: list[dict] = []
    for package, _module in registered():
        provider = getattr(import_module(f"{package}.module"), hook, None)
        if provider is not None:
            found.extend(provider(*args))
    return found


def public_tiles() -> list[dict]:
    """What a citizen can do on the portal: each module may offer `public_tiles() -> list[dict]` of
    {"title", "text", "url"}; the home page shows only what exists."""
    return _collect("public_tiles")


def staff_home_widgets(user) -> list[dict]:
    widgets: list[dict] = []
    for package, module in registered():
        if module.permission and not user.can(module.permission):
            continue
        provider = getattr(import_module(f"{package}.module"), "home_widgets", None)
        if provider is not None:
            widgets.extend(provider(user))
    return widgets
