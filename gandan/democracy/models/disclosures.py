"""Public disclosures (công khai, Art. 11–13): one posting of one Art. 11 item, its documents and channels."""

from django.conf import settings
from django.db import models
from django.db.models import DateField, F, Func, Q
from django.utils.translation import gettext_lazy as _

from gandan.kit.uploads import RandomName


class Channel(models.TextChoices):
    """Art. 12 channels (the ones a commune uses; "other" covers the rest)."""

    OFFICE_BOARD = "office_board", _("Notice board at the commune office")
    VILLAGE_HOUSES = "village_houses", _("Village cultural houses")
    PORTAL = "portal", _("Commune portal")
    LOUDSPEAKER = "loudspeaker", _("Commune loudspeakers")
    VILLAGE_HEADS = "village_heads", _("Through village heads at meetings")
    MESSAGES = "messages", _("Messages to households (SMS, social network group)")
    LETTERS = "letters", _("Letters to citizens")
    OTHER = "other", _("Other")


class ShowingUntil(Func):
    """`COALESCE(end, '9999-12-31')`: the last day on the boards, a permanent disclosure's (no end) being the end of
    time, so that "still posted today" is one range. The date is written in the template, not passed as a parameter,
    so that the query's expression is exactly the index's on both databases."""

    template = "COALESCE(%(expressions)s, '9999-12-31')"
    output_field = DateField()


class Disclosure(models.Model):
    """One disclosure of an Art. 11 item. `deadline` (5 working days after the decision) and the rule's legal basis
    are copied when it is created, so a later change of the rule or calendar does not move a past deadline.
    `end` is the last day on the boards (empty: permanent, or until further notice)."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    item = models.PositiveSmallIntegerField(_("item of Art. 11"))
    title = models.CharField(_("title"), max_length=300)
    title_search = models.CharField(
        max_length=800, editable=False
    )  # core.vntext.search_key of title and summary
    summary = models.TextField(_("summary"), blank=True)
    decision_ref = models.CharField(_("decision or document"), max_length=200, blank=True)  # "QĐ 12/QĐ-UBND"
    decided_on = models.DateField(_("decided on"))
    deadline = models.DateField(_("disclose by"), editable=False)
    start = models.DateField(_("posted from"), null=True, blank=True)
    end = models.DateField(_("posted until"), null=True, blank=True)
    permanent = models.BooleanField(default=False, editable=False)  # items 4 and 13
    channels = models.JSONField(_("channels"), default=list)  # Channel codes
    loudspeaker_days = models.PositiveSmallIntegerField(_("days on the loudspeakers"), null=True, blank=True)
    legal_basis = models.CharField(max_length=300, editable=False)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdraw_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["unit_path", "start"], name="dem_disclosure_scope"),
            models.Index(fields=["unit_path", "item"], name="dem_disclosure_item"),
            # The compliance list, newest decision first, and its year filter.
            models.Index(fields=["unit_path", "decided_on"], name="dem_disclosure_decided"),
            # The public list: what is on the boards today (end >= today, or none: permanent), never the withdrawn
            # ones; a commune's 100,000 past disclosures are not read to find the few hundred showing.
            models.Index(
                ShowingUntil("end"),
                F("unit_path"),
                F("start"),
                name="dem_disclosure_showing",
                condition=Q(withdrawn_on__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=False) & Q(end__gte=models.F("start")),
                name="dem_disclosure_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(item__gte=1) & Q(item__lte=14), name="dem_disclosure_item_1_14"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DisclosureDocument(models.Model):
    """A document posted with a disclosure (the decision, the estimate, the list), checked by its content."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=RandomName("democracy/disclosures"))
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["disclosure_id", "id"]

    def __str__(self) -> str:
        return self.name
