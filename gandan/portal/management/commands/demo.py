import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gandan.demo import (
    DEMO_API_KEY,
    DEMO_API_KEY_SCOPES,
    DEMO_PASSWORD,
    DEMO_SIZES,
    demo_users,
    foreign_accounts,
    load_demo,
)


class Command(BaseCommand):
    help = (
        "Migrate and load the demo data (idempotent): units, calendar, staff users for every role, and a year of "
        "dossiers, petitions and reception days told through the services. Refuses a "
        "database that holds accounts of its own, and DEBUG=0, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="Do not run migrations first.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")
        parser.add_argument(
            "--size",
            choices=sorted(DEMO_SIZES),
            default="full",
            help="How much history: full (a year: ~1,000 dossiers, ~300 petitions, ~300 reception days) or small "
            "(every state, a fraction of the time; for tests).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even with DEBUG=0 or into a database with accounts of its own (the demo accounts "
            "share a published password).",
        )

    def handle(self, *args, **options):
        # The demo accounts all have one published password: loaded into a real database they are a way in.
        if not options["force"]:
            if not settings.DEBUG:
                raise CommandError(
                    "Không nạp dữ liệu mẫu khi DEBUG=0 (máy chủ thật): các tài khoản mẫu dùng chung một mật khẩu "
                    "đã công bố. Dùng --force nếu đây đúng là CSDL thử.\n"
                    "Not loading the demo with DEBUG=0 (a production setting): the demo accounts share a published "
                    "password. Use --force if this really is a trial database."
                )
            if not options["no_migrate"]:
                call_command("migrate", interactive=False, verbosity=0)
            foreign = foreign_accounts()
            if not foreign and os.environ.get("DATABASE_URL"):
                # A server's database (PostgreSQL): the demo goes only where someone asked for it by name.
                raise CommandError(
                    f"DATABASE_URL chỉ tới CSDL máy chủ {connection.settings_dict['NAME']}: chỉ nạp dữ liệu mẫu vào đó "
                    "khi đây là CSDL thử, bằng --force.\n"
                    f"DATABASE_URL names the server database {connection.settings_dict['NAME']}: load the demo there "
                    "only if it is a trial database, with --force."
                )
            if foreign:
                raise CommandError(
                    f"CSDL {connection.settings_dict['NAME']} đã có tài khoản không phải tài khoản mẫu "
                    f"({', '.join(foreign[:5])}): không nạp dữ liệu mẫu vào dữ liệu thật. Dùng --force nếu chắc chắn.\n"
                    f"The database {connection.settings_dict['NAME']} holds accounts that are not the demo's "
                    f"({', '.join(foreign[:5])}): the demo is not loaded into real data. Use --force if you are sure."
                )
        elif not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        created = load_demo(progress=options["verbosity"] > 0, size=options["size"])
        # Records written before their kind was indexed (an older database) become searchable; a no-op otherwise.
        call_command("search_reindex", missing=True, verbosity=options["verbosity"])
        self.stdout.write(
            self.style.SUCCESS(
                "Dữ liệu mẫu: thêm {units} đơn vị, {calendar_days} ngày lịch, {users} tài khoản, "
                "{procedures} thủ tục, {dossiers} hồ sơ, {petitions} đơn thư, {reception_days} ngày tiếp công "
                "dân, {mobilization_teams} tổ dân vận, {mobilization_activities} hoạt động dân vận, "
                "{mobilization_models} mô hình “dân vận khéo”, {dialogues} hội nghị đối thoại, {disclosures} nội "
                "dung công khai, {consultations} đợt lấy ý kiến và ý kiến, {households} hộ gia đình, {covenants} "
                "hương ước, {board_members} thành viên ban giám sát, {news_articles} bài tin tức với {news_comments} ý kiến "
                "bạn đọc, {field_reports} phản ánh hiện trường, {dashboard_figures} số liệu của bảng điều hành.".format(
                    **created
                )
            )
        )
        if not options["quiet_logins"]:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
            for user in demo_users():
                self.stdout.write(f"  {user.username:<18} {user.position} — {user.full_name}")
            self.stdout.write(
                f"Khóa API mẫu (xã Sông Lô; {', '.join(DEMO_API_KEY_SCOPES)}; tiêu đề X-Api-Key): {DEMO_API_KEY}"
            )
