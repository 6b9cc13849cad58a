"""Alerts: acknowledge, assign, link, close (the workflow around what the engine raises)."""

from django.db import transaction
from django.utils import timezone

from gandan.opinion.models import AlertEvent, AlertLink, AlertStatus


@transaction.atomic
def alerts_case_settled(*, kind: str, object_id: str) -> int:
    """Mark the links to this case settled; close every open alert whose links are now all settled."""
    links = AlertLink.objects.select_related("alert").filter(kind=kind, object_id=object_id, settled=False)
    alerts = {link.alert for link in links}
    links.update(settled=True)
    closed = 0
    now = timezone.now()
    for alert in alerts:
        if alert.status == AlertStatus.CLOSED or alert.links.filter(settled=False).exists():
            continue
        alert.status, alert.closed_at = AlertStatus.CLOSED, now
        alert.save(update_fields=["status", "closed_at", "updated_at"])
        AlertEvent.objects.create(alert=alert, at=now, action="closed", note=f"{kind} {object_id}")
        closed += 1
    return closed
