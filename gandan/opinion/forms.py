"""The forms of the board's filters, the officials' corrections and the topics editor."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.opinion.curation import TITLE_MAX
from gandan.opinion.models import IssueStatus, Topic
from gandan.web import hint_input

STATUS_CHOICES = [
    (IssueStatus.OPEN.value, _("Open")),
    (IssueStatus.RESOLVED.value, _("Resolved")),
    (IssueStatus.DISMISSED.value, _("Dismissed")),
    (IssueStatus.MERGED.value, _("Merged into another issue")),
    ("all", _("All statuses")),
]
PERIOD_CHOICES = [
    ("", _("Any time")),
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 3 months")),
    ("365", _("Last 12 months")),
]
# A province holds thousands of villages: the village select lists them once a commune narrows it down.
VILLAGE_CHOICES_MAX = 300


def active_topics():
    return Topic.objects.filter(active=True).order_by("order", "name")


class BoardFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. o nhiem bui"), search=True),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.order_by("order", "name"),
        empty_label=_("All topics"),
    )
    village = forms.TypedChoiceField(
        label=_("Village"), required=False, coerce=int, empty_value=None, choices=[]
    )
    alert = forms.BooleanField(label=_("With an alert only"), required=False)
    period = forms.ChoiceField(label=_("Last signal"), required=False, choices=PERIOD_CHOICES)

    def set_villages(self, villages) -> None:
        """The village choices (the caller passes those of the viewer's commune, or of the chosen commune)."""
        rows = list(villages[: VILLAGE_CHOICES_MAX + 1])
        if not rows or len(rows) > VILLAGE_CHOICES_MAX:
            del self.fields["village"]
            return
        choices: list[tuple[Any, Any]] = [("", _("All villages"))]
        choices += [(v.pk, f"{v.name} — {v.parent.name}" if v.parent_id else v.name) for v in rows]
        field = self.fields["village"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class PlaceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Village"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. hoanh son"), search=True),
    )


class RenameForm(forms.Form):
    title = forms.CharField(label=_("New title"), max_length=TITLE_MAX)


class TopicChoiceForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=active_topics(), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = active_topics()


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it dismissed?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class SplitForm(forms.Form):
    """The ticked signals come as `signals` (their ids, checked by the service); the new issue's title here."""

    title = forms.CharField(
        label=_("Title of the new issue (optional)"), max_length=TITLE_MAX, required=False
    )


class TopicEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    keywords = forms.CharField(
        label=_("Keywords (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("With or without diacritics; at most 80 characters a line."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)
