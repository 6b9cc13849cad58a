"""Readers' opinions on the staff home ("Việc của tôi"): for the moderators (`news.moderate`), how many opinions of
their units wait for moderation and the five that have waited longest."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gandan.news.selectors.comments import MODERATE, pending_count, pending_oldest
from gandan.portal.sections import ROWS_SHOWN, Count, Row, Section


def _pending(user) -> Section:
    waiting = pending_count(user)
    rows = pending_oldest(user, ROWS_SHOWN) if waiting else []
    queue = reverse("news:moderation") + "?status=pending"
    return Section(
        key="news.comments_pending",
        title=_("Readers' opinions waiting for moderation"),
        counts=[Count(_("Waiting for moderation"), waiting, queue, alert=True)],
        rows=[
            Row(
                code=f"{c.created_at:%d/%m/%Y}",
                name=f"{c.name}: {c.text[:100]}",
                url=reverse("news:comment", args=[c.pk]),
                note=c.article.title,
            )
            for c in rows
        ],
        see_all=queue,
        see_all_label=_("Moderation queue"),
        empty=_("No reader's opinion is waiting: every one has been moderated."),
    )


def home_sections(user) -> list[Section]:
    return [_pending(user)] if user.can(MODERATE) else []
