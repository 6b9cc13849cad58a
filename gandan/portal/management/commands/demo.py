from django.core.management import call_command
from django.core.management.base import BaseCommand

from gandan.demo import DEMO_PASSWORD, demo_users, load_demo


class Command(BaseCommand):
    help = "Migrate and load the demo data (idempotent): units, calendar, staff users for every role."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="Do not run migrations first.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        created = load_demo(progress=options["verbosity"] > 0)
        # Records written before their kind was indexed (an older database) become searchable; a no-op otherwise.
        call_command("search_reindex", missing=True, verbosity=options["verbosity"])
        self.stdout.write(
            self.style.SUCCESS(
                "Dữ liệu mẫu: thêm {units} đơn vị, {calendar_days} ngày lịch, {users} tài khoản, "
                "{procedures} thủ tục, {dossiers} hồ sơ.".format(**created)
            )
        )
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
            for user in demo_users():
                self.stdout.write(f"  {user.username:<18} {user.position} — {user.full_name}")
