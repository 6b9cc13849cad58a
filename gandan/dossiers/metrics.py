"""The desk's figures for `/metrics` (gandan/kit/metrics.py): one query over the whole installation."""

from django.db.models import Count, Q

from gandan.dossiers import rules
from gandan.dossiers.models import Dossier
from gandan.kit.metrics import Figure


def business_metrics() -> list[Figure]:
    counts = Dossier.objects.order_by().aggregate(
        received=Count("id", filter=Q(received_at__isnull=False)),
        open=Count("id", filter=Q(status__in=[s.value for s in rules.OPEN])),
    )
    return [
        Figure(
            "gandan_dossiers_received_total",
            "Dossiers received at the desk or online, ever.",
            "counter",
            counts["received"],
        ),
        Figure(
            "gandan_dossiers_open",
            "Dossiers accepted and not yet finished (being processed).",
            "gauge",
            counts["open"],
        ),
    ]
