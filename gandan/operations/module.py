"""Running Gần Dân for real: backups and restores, the schedule of jobs the worker runs, the workers' heartbeats,
health and metrics (docs/operations.md). For the installation's administrator."""

from django.utils.translation import gettext_lazy as _

from gandan.modules import Module

MODULE = Module(
    key="operations",
    name=_("Operations"),
    menu_url="operations:home",
    permission="operations.view",
    has_api=False,
)


def audit_actions() -> dict:
    return {
        "operations.job_edit": _("Changed a scheduled job"),
        "operations.job_run": _("Ran a scheduled job by hand"),
    }
