"""Forms of the public disclosure pages: the compliance list's filters, recording and correcting a disclosure, a
document, the withdrawal's reason, the quarterly list's period, and the public list's filters. The forms check shapes
only; the law's rules are in the services, whose errors are shown next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.democracy.models.disclosures import Channel
from gandan.democracy.selectors.disclosures import STATES, item_choices
from gandan.democracy.selectors.indicators import DISCLOSURE_INDICATORS
from gandan.kit.office_files import DOCUMENT_ACCEPT, DocumentField
from gandan.kit.params import DayField, MonthField
from gandan.web import VNDateInput, hint_input

LOUDSPEAKER_MAX = 366


def state_labels() -> dict:
    return {
        "due": pgettext_lazy("a disclosure's state", "To disclose"),
        "late": pgettext_lazy("a disclosure's state", "Late"),
        "running": pgettext_lazy("a disclosure's state", "On the boards"),
        "ended": pgettext_lazy("a disclosure's state", "Ended"),
        "withdrawn": pgettext_lazy("a disclosure's state", "Withdrawn"),
    }


class ItemField(forms.TypedChoiceField):
    def __init__(self, *, empty, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.choices = [("", empty), *item_choices()]


class DisclosureFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input("du toan ngan sach", search=True),
        help_text=_("Title, summary or decision; accents are optional."),
    )
    show = forms.ChoiceField(required=False, choices=[], widget=forms.HiddenInput)
    item = ItemField(label=_("Item of Art. 11"), required=False, empty=_("All items"))
    year = forms.TypedChoiceField(
        label=_("Year of the decision"), required=False, coerce=int, empty_value=None
    )
    late_start = forms.BooleanField(label=_("Only those posted after their deadline"), required=False)
    # A figure of the leaders' dashboard opens the list of exactly the disclosures it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in DISCLOSURE_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [(s.value, s.value) for s in STATES]
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]


class DisclosureForm(forms.Form):
    """Recording or correcting a disclosure. `unit` is offered only to a user of several communes."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None
    )
    item = ItemField(label=_("Item of Art. 11 of Law 10/2022"), empty=_("Choose the item"))
    title = forms.CharField(
        label=_("Title"), max_length=300, widget=hint_input("Dự toán ngân sách xã Sông Lô năm 2026")
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What a citizen should know, in a few lines."),
    )
    decision_ref = forms.CharField(
        label=_("Decision or document"), required=False, max_length=200, widget=hint_input("15/QĐ-UBND")
    )
    decided_on = DayField(label=_("Decided on"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    start = DayField(
        label=_("Posted from"),
        required=False,
        widget=VNDateInput(),
        help_text=_("Leave empty while it is not yet on the boards."),
    )
    end = DayField(
        label=_("Posted until"),
        required=False,
        widget=VNDateInput(),
        help_text=_("Leave empty for the legal minimum (30 days); items 4 and 13 stay posted with no end."),
    )
    loudspeaker_days = forms.IntegerField(
        label=_("Days on the loudspeakers"),
        required=False,
        min_value=1,
        max_value=LOUDSPEAKER_MAX,
        help_text=_("Items 7 to 12: at least 3 consecutive days (3 when left empty)."),
    )

    def __init__(self, *args, communes, **kwargs):
        """`communes`: where the user may record; None when correcting (a disclosure keeps its commune)."""
        super().__init__(*args, **kwargs)
        if communes is None:
            del self.fields["unit"]
            return
        self.fields["unit"].queryset = communes
        if len(communes[:2]) < 2:
            self.fields["unit"].widget = forms.HiddenInput()
            if communes:
                self.fields["unit"].initial = communes[0]


class NewDisclosureForm(DisclosureForm):
    document = DocumentField(
        label=_("Document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_(
            "The decision or the list disclosed: PDF, JPG, PNG, Word (.docx) or Excel (.xlsx), at most 10 MB."
        ),
    )


class DocumentForm(forms.Form):
    upload = DocumentField(
        label=_("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("PDF, JPG, PNG, Word (.docx) or Excel (.xlsx), at most 10 MB."),
    )
    name = forms.CharField(
        label=_("Name shown"),
        required=False,
        max_length=200,
        widget=hint_input("Quyết định phê duyệt dự toán"),
        help_text=_("The file's name when empty."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class QuarterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in (1, 2, 3, 4)]
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class PublicFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input("du toan", search=True),
        help_text=_("Accents are optional."),
    )
    item = ItemField(label=_("Content"), required=False, empty=_("All contents"))
