"""Reads for the province's topics: the list with its counts and what each learned, the next order number."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from gandan.opinion.curation import LEARN_TOP
from gandan.opinion.models import IssueStatus, Topic, TopicTerm


def topics_listed() -> list[Topic]:
    """Every topic in its order, with `signal_total`, `open_issues` and `top_terms` (the terms it learned)."""
    topics: list[Topic] = list(
        Topic.objects.annotate(
            signal_total=Count("signals", distinct=True),
            open_issues=Count("issues", filter=Q(issues__status=IssueStatus.OPEN), distinct=True),
        ).order_by("order", "name")
    )
    for topic in topics:
        topic.top_terms = topic_learned(topic)  # type: ignore[attr-defined]
    return topics


def topic_learned(topic: Topic) -> list[TopicTerm]:
    """The terms the topic learned from officials' corrections, weightiest first."""
    return list(topic.learned.order_by("-weight", "term")[:LEARN_TOP])


def topic_next_order() -> int:
    """The order number a new topic starts with: after the last one."""
    return (Topic.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1


def topic_get(pk) -> Topic:
    return get_object_or_404(Topic, pk=pk)
