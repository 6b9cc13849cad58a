from django.core.management.base import BaseCommand

from gandan.petitions.services import petition_escalate_overdue


class Command(BaseCommand):
    help = "Escalate petitions past their statutory deadline (to the unit's leader, then the level above). Run daily."

    def handle(self, *args, **options):
        count = petition_escalate_overdue()
        self.stdout.write(f"{count} escalation(s) recorded.")
