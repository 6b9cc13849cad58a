"""The commune's latest news as RSS 2.0 and Atom (django.contrib.syndication): the portal's commune, or every
commune when the installation has none."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from gandan.news.selectors import published
from gandan.portal.selectors import portal_unit

ITEMS = 20


class LatestRss(Feed):
    link = reverse_lazy("news_public:latest")

    def title(self) -> str:
        unit = portal_unit()
        return _("News of %(name)s") % {"name": unit.name} if unit else _("News")

    def description(self) -> str:
        return _("The latest news published by the commune.")

    def items(self):
        return published.published(portal_unit()).only(
            "id", "title", "slug", "summary", "publish_at", "updated_at", "author_name"
        )[:ITEMS]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        # A feed reader reads the description as HTML (Atom says so: type="html"): the summary is plain text, so its
        # "<" and "&" are escaped once for HTML here, then once more for XML by the feed generator.
        return escape(item.summary)

    def item_link(self, item) -> str:
        return reverse("news_public:article", args=[item.pk, item.slug])

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return item.author_name


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description
