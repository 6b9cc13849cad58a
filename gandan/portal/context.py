from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.kit.lookups import address_without_secrets
from gandan.modules import registered

SITE_NAME = _("Gần Dân")


def site(request):
    """The site's name and the staff menu built from the module declarations, filtered by the user's roles."""
    menu = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and request.path.startswith("/staff/"):
        # The page belongs to the module with the longest key it is under: /staff/petitions/reception/book/ is
        # reception's (key "petitions/reception"), not petitions'.
        keys = [m.key for _p, m in registered() if request.path.startswith(f"/staff/{m.key}/")]
        here = max(keys, key=len, default=None)
        for _package, module in registered():
            if not module.menu_url or (module.permission and not user.can(module.permission)):
                continue
            menu.append({"name": module.name, "url": reverse(module.menu_url), "active": module.key == here})
    # Where the language switch comes back to: this page, less a lookup's digits if its address held them.
    return {"gandan_name": SITE_NAME, "staff_menu": menu, "language_next": address_without_secrets(request)}


def inbox(request):
    """The unread count of the officer's inbox, for the badge in the staff header: one indexed COUNT, and only on
    staff pages (the public site never pays for it). Lazy: a page that does not show the header does not count."""
    user = getattr(request, "user", None)
    if user is None or not request.path.startswith("/staff/") or not user.is_authenticated:
        return {}
    from django.utils.functional import SimpleLazyObject

    from gandan.notify.selectors import inbox_unread_count

    return {"inbox_unread": SimpleLazyObject(lambda: inbox_unread_count(user))}
