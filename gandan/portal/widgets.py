"""The staff home ("my work") is filled by the modules: each may offer `home_widgets(user) -> list[dict]` in its
`module.py`. A widget is {"title", "value", "note", "url"}; modules add theirs without touching this page."""

from importlib import import_module

from gandan.modules import registered


def staff_home_widgets(user) -> list[dict]:
    widgets: list[dict] = []
    for package, module in registered():
        if module.permission and not user.can(module.permission):
            continue
        provider = getattr(import_module(f"{package}.module"), "home_widgets", None)
        if provider is not None:
            widgets.extend(provider(user))
    return widgets
