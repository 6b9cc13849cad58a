"""`gandan notify_deadlines`: remind each handler, in the staff inbox, of the dossiers and petitions due within one
working day. Idempotent per record, recipient and day: running it again the same day posts nothing new. Fit for
cron every morning (or the `inbox_deadlines_task` task); issue #17 schedules it."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from gandan.notify.services import inbox_deadlines_post


class Command(BaseCommand):
    help = "Post the staff inbox reminders of dossiers and petitions due within one working day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Count from this day (YYYY-MM-DD) instead of today.")

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        count = inbox_deadlines_post(today=today)
        self.stdout.write(f"notify_deadlines: {count} reminder(s) posted / đã gửi nhắc hạn")
