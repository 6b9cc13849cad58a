from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

MODULE = Module(
    key="audit", name=_("Audit trail"), menu_url="audit:list", permission="audit.view", has_api=False
)
