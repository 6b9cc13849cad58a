"""What the citizen is told, and when: receipt, request for papers, payment, ready for pick-up, apology, refusal,
stop. Each message is queued once per dossier and kind (idempotent) and sent by the task worker."""

import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from gandan.notify.services import notification_queue


def _messages(dossier, kind: str) -> tuple[str, str]:
    code = dossier.code
    latest = dossier.supplements.order_by("-requested_at").first() if kind == "supplement" else None
    day = dossier.current_appointment.strftime("%d/%m/%Y") if dossier.current_appointment else ""
    unit = dossier.unit.name
    # Only the asked kind's text is translated and formatted.
    texts = {
        "receipt": lambda: (
            _("Dossier %(code)s received") % {"code": code},
            _(
                "%(unit)s received your dossier %(code)s (%(procedure)s). Appointment to collect the result: %(day)s."
            )
            % {"unit": unit, "code": code, "procedure": dossier.procedure.name, "day": day},
        ),
        "supplement": lambda: (
            _("Dossier %(code)s: more papers needed") % {"code": code},
            _(
                "Your dossier %(code)s needs more papers: %(items)s. Please bring them to the one-stop desk of %(unit)s."
            )
            % {"code": code, "unit": unit, "items": "; ".join(latest.items if latest else [])},
        ),
        "payment": lambda: (
            _("Dossier %(code)s: fee to pay") % {"code": code},
            _("Please pay %(amount)s đồng for dossier %(code)s at %(unit)s.")
            % {"amount": f"{dossier.fee:,}".replace(",", "."), "code": code, "unit": unit},
        ),
        "ready": lambda: (
            _("Dossier %(code)s: result ready") % {"code": code},
            _(
                "The result of your dossier %(code)s is ready. Please collect it at the one-stop desk of %(unit)s."
            )
            % {"code": code, "unit": unit},
        ),
        "apology": lambda: (
            _("Dossier %(code)s: apology and new appointment") % {"code": code},
            _("%(unit)s apologises: your dossier %(code)s is late. New appointment: %(day)s.")
            % {"unit": unit, "code": code, "day": day},
        ),
        "refusal": lambda: (
            _("Dossier %(code)s not accepted") % {"code": code},
            _("%(unit)s could not accept dossier %(code)s. Reason: %(reason)s")
            % {"unit": unit, "code": code, "reason": dossier.decision_note},
        ),
        "stop": lambda: (
            _("Dossier %(code)s: processing stopped") % {"code": code},
            _("Processing of dossier %(code)s has stopped. Reason: %(reason)s")
            % {"code": code, "reason": dossier.decision_note},
        ),
    }
    return texts[kind]()


@functools.cache
def _lookup_path() -> str:
    return reverse("dossiers_public:lookup")


def notify_citizen(dossier, kind: str) -> None:
    """Queue the message of `kind` for the applicant: by e-mail if they gave one, otherwise by SMS."""
    with translation.override("vi"):
        subject, body = _messages(dossier, kind)
        link = settings.GANDAN_PUBLIC_URL.rstrip("/") + _lookup_path()
        body = f"{body}\n" + _("Look it up: %(link)s (code %(code)s)") % {"link": link, "code": dossier.code}
    channel, recipient = (
        ("email", dossier.applicant_email) if dossier.applicant_email else ("sms", dossier.applicant_phone)
    )
    if not recipient:  # no phone and no e-mail given at the desk: the citizen follows it with the slip
        return
    # Apologies and supplement requests can happen more than once: the key tells them apart, so each is sent once.
    suffix = ""
    if kind == "apology":
        suffix = f":{dossier.current_appointment:%Y%m%d}"
    elif kind == "supplement":
        suffix = f":{dossier.supplements.count()}"
    notification_queue(
        key=f"dossiers:{dossier.pk}:{kind}{suffix}",
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        obj=dossier,
        unit=dossier.unit,
    )
