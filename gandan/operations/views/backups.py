"""The backups made (by the schedule or by `gandan backup`), newest first. Archives are never offered for download:
each holds every citizen's data, and leaves the server only by the operator's own hands (docs/backup.md)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.operations.backups import backups_recent
from gandan.web import paginate, require_perm


@require_safe
@login_required
def backup_list(request):
    require_perm(request.user, Perm.OPERATIONS_VIEW)
    context = paginate(request, backups_recent())
    for backup in context["page_obj"]:
        backup.archive_name = Path(backup.archive).name if backup.archive else ""
        backup.size_mb = backup.size_bytes / 1_000_000 if backup.size_bytes is not None else None
    context.update(
        backup_dir=settings.GANDAN_BACKUP_DIR,
        keep_daily=settings.GANDAN_BACKUP_KEEP_DAILY,
        keep_monthly=settings.GANDAN_BACKUP_KEEP_MONTHLY,
    )
    return render(request, "operations/backups.html", context)


urlpatterns = [path("backups/", backup_list, name="backups")]
