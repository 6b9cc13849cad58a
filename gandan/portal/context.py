from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gandan.modules import registered

SITE_NAME = _("Gần Dân")


def site(request):
    """The site's name and the staff menu built from the module declarations, filtered by the user's roles."""
    menu = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and request.path.startswith("/staff/"):
        for _package, module in registered():
            if module.permission and not user.can(module.permission):
                continue
            url = reverse(module.menu_url)
            menu.append({"name": module.name, "url": url, "active": request.path.startswith(url)})
    return {"gandan_name": SITE_NAME, "staff_menu": menu}
