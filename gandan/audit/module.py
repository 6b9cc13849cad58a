from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

MODULE = Module(
    key="audit", name=_("Audit trail"), menu_url="audit:list", permission="audit.view", has_api=False
)


def audit_actions() -> dict:
    # Accounts are part of the foundation, not a module: the audit trail names their actions for them.
    return {"accounts.user_create": _("Created a user account")}
