"""`gandan reception_days_generate`: create the coming reception days of every recurring schedule in force (the
next GENERATE_DAYS days; gandan/reception/services/schedules.py). Idempotent; fit for cron, once a day."""

from django.core.management.base import BaseCommand

from gandan.reception.services import reception_schedules_extend


class Command(BaseCommand):
    help = "Create the coming reception days of the leaders' recurring schedules."

    def handle(self, *args, **options):
        count = reception_schedules_extend()
        if count or options.get("verbosity", 1) > 1:
            self.stdout.write(f"reception_days_generate: {count} day(s) created / đã tạo {count} ngày tiếp")
