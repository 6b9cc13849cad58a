"""The petitions' figures for `/metrics` (gandan/kit/metrics.py): one query over the whole installation."""

from django.db.models import Count, Q
from django.utils import timezone

from gandan.kit.metrics import Figure
from gandan.petitions.models import Petition
from gandan.petitions.selectors import OPEN_VALUES, Worklist, worklist_filter


def business_metrics() -> list[Figure]:
    overdue = worklist_filter(Worklist.OVERDUE, user=None, today=timezone.localdate())
    counts = Petition.objects.order_by().aggregate(
        received=Count("id"),
        open=Count("id", filter=Q(status__in=OPEN_VALUES)),
        overdue=Count("id", filter=overdue),
    )
    return [
        Figure("gandan_petitions_received_total", "Petitions received, ever.", "counter", counts["received"]),
        Figure("gandan_petitions_open", "Petitions not yet closed.", "gauge", counts["open"]),
        Figure(
            "gandan_petitions_overdue",
            "Petitions being handled past their statutory deadline (the worklist's 'overdue').",
            "gauge",
            counts["overdue"],
        ),
    ]
