from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
            if module.permission and not user.can(module.permission):
                continue
            menu.append({"name": module.name, "url": reverse(module.menu_url), "active": module.key == here})
    return {"gandan_name": SITE_NAME, "staff_menu": menu}
