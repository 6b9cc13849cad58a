"""API keys for integrators (docs/apikeys.md): the administrator makes, lists and revokes them; the API accepts them
beside the session (gandan.apikeys.auth)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

MODULE = Module(
    key="apikeys",
    name=_("API keys"),
    menu_url="apikeys:list",
    permission="apikeys.manage",
    has_api=False,
)


def audit_actions() -> dict:
    return {
        "apikeys.create": _("Created an API key"),
        "apikeys.revoke": _("Revoked an API key"),
    }


def audit_object_types() -> list[str]:
    return ["apikeys.apikey"]


def audit_objects(user, object_type: str, ids: list[str]) -> dict[str, tuple[str, str]]:
    """The keys among `ids` this administrator may see, named by their prefix (never the secret)."""
    if object_type != "apikeys.apikey" or not user.can("apikeys.manage"):
        return {}
    numbers = [int(i) for i in ids if i.isdigit() and len(i) <= 10]
    if not numbers:
        return {}
    from gandan.apikeys.selectors import KeyFilter, apikey_list_for_user

    rows = apikey_list_for_user(user, KeyFilter()).filter(pk__in=numbers).values_list("pk", "prefix")
    return {
        str(pk): (str(_("API key %(prefix)s") % {"prefix": prefix}), f"{reverse('apikeys:list')}?q={prefix}")
        for pk, prefix in rows
    }
