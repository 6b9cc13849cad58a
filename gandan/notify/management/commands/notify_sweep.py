"""`gandan notify_sweep`: mark "needs_check" the notifications a stopped worker left "sending" longer than the lease
(GANDAN_NOTIFY_LEASE_SECONDS): they may or may not have been sent, so a person checks; nothing is sent again. The
worker does it by itself when it starts and every minute (docs/worker.md); the command is for a look by hand."""

from django.core.management.base import BaseCommand

from gandan.notify.services import notifications_sweep


class Command(BaseCommand):
    help = (
        'Mark for a check the notifications a stopped worker left "sending" (never sent again by themselves).'
    )

    def handle(self, *args, **options):
        count = notifications_sweep()
        if count or options.get("verbosity", 1) > 1:
            self.stdout.write(f"notify_sweep: {count} notification(s) to check / thông báo cần kiểm tra")
