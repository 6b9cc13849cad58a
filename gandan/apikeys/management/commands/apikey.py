"""`gandan apikey create --name NAME [--unit CODE] [--scope SCOPE ...] [--expires dd/mm/yyyy]` makes a key (without
--unit: for the whole installation) and prints it once, alone on the last line; `gandan apikey list` lists the keys
(never the key itself); `gandan apikey revoke PREFIX` revokes one. Errors are Vietnamese and save nothing."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.apikeys.rules import SCOPES
from gandan.apikeys.selectors import apikey_by_prefix, apikey_list_all, unit_by_code
from gandan.apikeys.services import apikey_create, apikey_revoke
from gandan.errors import DomainError


def _all_messages(error: DomainError) -> str:
    return " ".join(m for messages in error.errors.values() for m in messages)


def _expiry(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 (a day, no time)
        except ValueError:
            continue
        return timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    raise CommandError(_("“%(value)s” is not a date: write dd/mm/yyyy or yyyy-mm-dd.") % {"value": text[:40]})


class Command(BaseCommand):
    help = (
        "Integrators' API keys: `apikey create --name NAME [--unit CODE] [--scope SCOPE ...]` prints the new key "
        "once, on its last line; `apikey list`; `apikey revoke PREFIX`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="Make a key and print it once, alone on the last line.")
        create.add_argument("--name", required=True, help="who uses the key, e.g. the integrator's system")
        create.add_argument(
            "--unit", default="", help="official code of the unit; without it: the whole installation"
        )
        # Not argparse's choices: an unknown scope gets the service's Vietnamese message like any other error.
        create.add_argument(
            "--scope", action="append", default=[], help=f"repeat for several: {', '.join(SCOPES)}"
        )
        create.add_argument("--expires", default=None, help="last day the key works (dd/mm/yyyy)")
        commands.add_parser("list", help="List the keys (prefix, name, unit, scopes, status).")
        revoke = commands.add_parser("revoke", help="Revoke a key by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options) -> None:
        if action == "create":
            self._create(options)
        elif action == "list":
            self._list()
        else:
            self._revoke(options["prefix"])

    def _create(self, options) -> None:
        unit = None
        code = options["unit"].strip()
        if code:
            unit = unit_by_code(code)
            if unit is None:
                raise CommandError(
                    _("No unit in force has the code %(code)s: check the code (gandan load_units first?).")
                    % {"code": repr(code[:40])}
                )
        try:
            made = apikey_create(
                name=options["name"],
                unit=unit,
                scopes=options["scope"],
                expires_at=_expiry(options["expires"]),
                by=None,
            )
        except DomainError as error:
            raise CommandError(_all_messages(error)) from error
        where = unit.name if unit is not None else _("the whole installation")
        self.stdout.write(
            _(
                "API key %(prefix)s made for %(where)s, scopes: %(scopes)s. Copy it now: it is shown only once."
            )
            % {"prefix": made.key.prefix, "where": where, "scopes": ", ".join(made.key.scopes)}
        )
        self.stdout.write(made.secret)

    def _list(self) -> None:
        now = timezone.now()
        for key in apikey_list_all():
            if key.revoked_at is not None:
                status = _("revoked")
            elif key.expires_at is not None and key.expires_at <= now:
                status = _("expired")
            else:
                status = _("in use")
            used = (
                timezone.localtime(key.last_used_at).strftime("%d/%m/%Y %H:%M") if key.last_used_at else "—"
            )
            where = key.unit.code or key.unit.name if key.unit is not None else "*"
            self.stdout.write("\t".join([key.prefix, key.name, where, ",".join(key.scopes), status, used]))

    def _revoke(self, prefix: str) -> None:
        key = apikey_by_prefix(prefix.strip().lower()[:20])
        if key is None:
            raise CommandError(_("No API key has the prefix %(prefix)s.") % {"prefix": repr(prefix[:40])})
        try:
            apikey_revoke(key=key, by=None)
        except DomainError as error:
            raise CommandError(_all_messages(error)) from error
        self.stdout.write(
            _("The key %(prefix)s was revoked: it is refused from now on.") % {"prefix": key.prefix}
        )
