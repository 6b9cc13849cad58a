"""Forms of readers' opinions: the portal's "Ý kiến của bạn" (with its honeypot), the moderators' filters and
actions, and the forbidden words. Shapes only: the services check the meaning and say what to fix."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.news.models import Comment
from gandan.news.services.comments import NAME_MAX, REASON_MAX, REPLY_MAX, TEXT_MAX
from gandan.news.services.words import PHRASE_MAX
from gandan.web import hint_input

# The honeypot's name: a field a robot fills in because it looks like a real one; people never see it (hidden by the
# stylesheet, skipped by the keyboard and screen readers).
TRAP = "website"


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Not shown. Used only to tell you when the commune replies."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label=_("Your opinion"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("At most %(limit_value)d characters: this text has %(show_value)d.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class ModerationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. duong lang"), search=True),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Comment.Status.choices],
    )
    article = forms.IntegerField(label=_("Article number"), required=False, min_value=1, max_value=2**31)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Official reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Shown under the opinion as the People's Committee's reply; replying approves the opinion."
        ),
    )


class _Ids(forms.Field):
    """The ticked rows' numbers (anything else sent is dropped; at most a page's worth)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return [int(v) for v in values if str(v).isdigit() and len(str(v)) <= 10][:200]


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=_("With the ticked opinions"),
        choices=[("approve", _("Approve")), ("spam", _("Mark as spam"))],
    )
    ids = _Ids(required=False)


class WordForm(forms.Form):
    phrase = forms.CharField(
        label=_("Word or phrase"),
        max_length=PHRASE_MAX,
        widget=hint_input(_("e.g. do ngu")),
        help_text=_("Matched without diacritics or capitals: typing it once is enough."),
    )
