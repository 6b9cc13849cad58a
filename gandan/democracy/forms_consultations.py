"""Forms of the consultation pages (staff and public). They check shapes only (a date, a choice, a length); the
rules — the window, what a comment needs, when it is taken — are the service's (gandan.democracy.services.
consultations), whose errors are shown on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.core.democracy.consultations import Phase
from gandan.democracy.models import Comment, Consultation, Section
from gandan.democracy.models.consultations import PHASE_LABELS
from gandan.democracy.selectors.indicators import CONSULTATION_INDICATORS
from gandan.democracy.services.consultations import (
    COMMENT_MAX,
    CONTACT_MAX,
    ENTERED_CHANNELS,
    HEADING_MAX,
    INTRO_MAX,
    NAME_MAX,
    RESPONSE_MAX,
    SECTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from gandan.kit.params import DayField, MonthField
from gandan.units.models import Unit
from gandan.web import VNDateInput, hint_input

#: Blank section rows the draft form offers (more: save, then correct the draft again).
BLANK_SECTIONS = 3


class ConsultationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. ke hoach 2027"), search=True),
    )
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=[("", _("All subjects")), *Consultation.Subject.choices]
    )
    phase = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), *((p.value, label) for p, label in PHASE_LABELS.items())],
    )
    # A figure of the leaders' dashboard opens the list of exactly the consultations it counts (hidden).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in CONSULTATION_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)


class ConsultationForm(forms.Form):
    subject = forms.ChoiceField(label=_("Subject (Art. 25)"), choices=Consultation.Subject.choices)
    title = forms.CharField(label=_("Title of the draft"), max_length=TITLE_MAX)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=INTRO_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the draft is, why the people are consulted, how to give an opinion."),
    )
    opens = DayField(label=_("Comments taken from"), widget=VNDateInput())
    closes = DayField(label=_("until (included)"), widget=VNDateInput())


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), required=False, max_length=HEADING_MAX)
    text = forms.CharField(
        label=_("Text"), required=False, max_length=SECTION_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )


SectionFormSet = forms.formset_factory(SectionForm, extra=BLANK_SECTIONS, max_num=60, absolute_max=80)


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.number}. {obj.heading}"


class _CommentFields(forms.Form):
    section = SectionChoiceField(
        label=_("Section"), required=False, queryset=Section.objects.none(), empty_label=_("The whole draft")
    )
    text = forms.CharField(
        label=_("Opinion"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    village = VillageChoiceField(
        label=_("Village"), required=False, queryset=Unit.objects.none(), empty_label=_("Not said")
    )
    author_name = forms.CharField(label=_("Name"), required=False, max_length=NAME_MAX)
    contact = forms.CharField(label=_("Phone or e-mail"), required=False, max_length=CONTACT_MAX)

    def __init__(self, *args, sections, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections
        self.fields["village"].queryset = villages


class CommentEntryForm(_CommentFields):
    """An opinion an official gathered (meeting, slip, box, hotline, Front, social network, dialogue)."""

    channel = forms.ChoiceField(
        label=_("Gathered through"),
        choices=[
            ("", _("Choose")),
            *((c, label) for c, label in Comment.Channel.choices if c in ENTERED_CHANNELS),
        ],
    )
    field_order = ["channel", "section", "text", "village", "author_name", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author_name"].help_text = _(
            "Optional; shown with the opinion when the summary is published."
        )
        self.fields["contact"].help_text = _("Optional; kept by the commune, never published.")


class PublicCommentForm(_CommentFields):
    """A citizen's opinion on the portal."""

    field_order = ["section", "text", "village", "author_name", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Your opinion")
        self.fields["village"].label = _("Your village (optional)")
        self.fields["author_name"].label = _("Your name (optional)")
        self.fields["author_name"].help_text = _("Shown with your opinion when the summary is published.")
        self.fields["contact"].label = _("Phone or e-mail (optional)")
        self.fields["contact"].help_text = _(
            "Only the commune sees it, to ask you more if needed. Never published."
        )


class ConsiderForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[(d, label) for d, label in Comment.Disposition.choices if d != Comment.Disposition.PENDING],
    )
    response = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the opinion is not fully accepted: why, or what part is accepted."),
    )


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of opinions"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    explanation = forms.CharField(
        label=_("Explanation and acceptance"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the draft changes after the opinions, and why some were not accepted."),
    )


class CommentFilterForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("Decision"), required=False, choices=[("", _("All")), *Comment.Disposition.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All channels")), *Comment.Channel.choices]
    )


class PublicFilterForm(forms.Form):
    xa = forms.ChoiceField(label=_("Commune or ward"), required=False)
    phase = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", _("Open for comments")),
            (Phase.PUBLISHED.value, _("Summary published")),
        ],
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].choices = [("", _("All communes")), *((u.code, u.name) for u in communes)]
