"""Topics of public opinion as data: the province edits the list and its keywords; officials' corrections teach it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    # One phrase per line, as an official types it (with or without diacritics); matched on folded terms.
    keywords = models.TextField(_("keywords"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]


class TopicTerm(models.Model):
    """A term learned from officials' corrections: signals they moved to `topic` carried it `weight` times."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="learned")
    term = models.CharField(max_length=80)
    weight = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "term"], name="one_learned_term_per_topic")]

    def __str__(self) -> str:
        return f"{self.term} → {self.topic_id}"
