"""The reporter is told of each step of their report (gandan.notify): by e-mail when they gave one, otherwise by
SMS; nothing when they left no contact (an Open311 client's anonymous report). Each step's message is sent once."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gandan.notify.services import notification_queue

if TYPE_CHECKING:
    from gandan.fieldreports.models import FieldReport


def _text(report: "FieldReport", kind: str) -> tuple[str, str]:
    if kind == "received":
        subject = _("Your field report %(code)s was received") % {"code": report.code}
        body = _(
            "The commune received your report “%(category)s”. Code: %(code)s. You will be told of each step."
        ) % {"category": report.category.name, "code": report.code}
    else:
        subject = _("Your field report %(code)s: %(status)s") % {
            "code": report.code,
            "status": report.get_status_display(),
        }
        body = _("Your report “%(category)s” (%(code)s) is now: %(status)s.") % {
            "category": report.category.name,
            "code": report.code,
            "status": report.get_status_display(),
        }
        note = report.updates.order_by("-at", "-id").values_list("note", flat=True).first()
        if note:
            body += "\n" + note
    return subject, body


def tell_reporter(report: "FieldReport", *, kind: str, step: int | str = "") -> None:
    """Queue the message of `kind` ("received", or "status" with the update's id as `step`) for the reporter."""
    channel, recipient = (
        ("email", report.reporter_email) if report.reporter_email else ("sms", report.reporter_phone)
    )
    if not recipient:
        return
    with translation.override("vi"):
        subject, body = _text(report, kind)
        link = settings.GANDAN_PUBLIC_URL.rstrip("/") + reverse(
            "fieldreports_public:detail", args=[report.code]
        )
        body = f"{body}\n" + _("Follow it: %(link)s") % {"link": link}
    notification_queue(
        key=f"fieldreports:{report.pk}:{kind}:{step}",
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        obj=report,
        unit=report.unit,
    )
