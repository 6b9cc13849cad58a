"""`gandan notify_sweep`: queue again the notifications a stopped worker left "sending" longer than the lease
(GANDAN_NOTIFY_LEASE_SECONDS). Run when a worker starts; also fit for cron, e.g. every 5 minutes."""

from django.core.management.base import BaseCommand

from gandan.notify.services import notifications_sweep


class Command(BaseCommand):
    help = 'Queue again the notifications a stopped worker left "sending".'

    def handle(self, *args, **options):
        count = notifications_sweep()
        if count or options.get("verbosity", 1) > 1:
            self.stdout.write(f"notify_sweep: {count} notification(s) queued again / đã xếp lại hàng đợi")
