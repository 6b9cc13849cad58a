"""Forms of the household vote pages: the list's filters, preparing a vote, the count, a slip, the sending and the
commune's answer, cancelling; and the citizen's online ballot. They check only shapes; the rules are in the
services (gandan.democracy.services.votes, ballots, vote_results), whose errors the forms show."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.core.democracy.votes import Form
from gandan.democracy.models import Ballot, Vote
from gandan.democracy.vote_texts import FORM_LABELS, matter_choices
from gandan.kit.params import DayField, DayTimeField
from gandan.web import VNDateInput, VNDateTimeInput, hint_input

MAX_COUNT = 1_000_000
BOARD_HINT = "Nguyễn Văn An\nTrần Thị Bình\nLê Văn Cường"


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent_id else obj.name


def _form_choices() -> list[tuple[str, object]]:
    return [(f.value, FORM_LABELS[f]) for f in Form]


class VoteFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Vote.Status.choices]
    )
    village = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class VoteForm(forms.Form):
    village = VillageChoiceField(label=_("Village or residential group"), queryset=None, empty_label=None)
    matter = forms.TypedChoiceField(label=_("Matter (Art. 15)"), coerce=int, choices=())
    form = forms.ChoiceField(
        label=pgettext_lazy("how the households decide", "Form"),
        choices=(),
        help_text=_(
            "Online only for other matters, once more than half of the households agreed to vote online."
        ),
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, widget=hint_input("Đóng góp làm đường bê tông liên xóm")
    )
    question = forms.CharField(
        label=_("What the households decide"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. each household contributes 500.000 đồng and 2 working days to the road."),
    )
    notice_on = DayField(
        label=_("Notice sent on"),
        required=False,
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy, at least 2 days before the vote (Art. 18)."),
    )
    opens_at = DayTimeField(
        label=_("Voting opens"), widget=VNDateTimeInput(), help_text=_("dd/mm/yyyy hh:mm")
    )
    closes_at = DayTimeField(
        label=_("Voting closes"), widget=VNDateTimeInput(), help_text=_("dd/mm/yyyy hh:mm")
    )
    counting_board = forms.CharField(
        label=_("Counting board"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": BOARD_HINT}),
        help_text=_("3 to 5 people, one name per line; may be completed at the count."),
    )
    village_head = forms.CharField(label=_("Village head"), required=False, max_length=120)
    front_head = forms.CharField(
        label=_("Head of the village Front committee"), required=False, max_length=120
    )

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = matter_choices()
        self.fields["form"].choices = _form_choices()
        if villages is None:  # changing a vote: its village stays
            del self.fields["village"]
        else:
            self.fields["village"].queryset = villages


class CountForm(forms.Form):
    """The count: the figures (a meeting, or a household ballot counted without entering each slip), the counting
    board and the two household representatives who witness it."""

    present = forms.IntegerField(
        label=_("Households that took part"), required=False, min_value=0, max_value=MAX_COUNT
    )
    yes = forms.IntegerField(label=_("Agree"), required=False, min_value=0, max_value=MAX_COUNT)
    no = forms.IntegerField(label=_("Disagree"), required=False, min_value=0, max_value=MAX_COUNT)
    blank = forms.IntegerField(label=_("No opinion"), required=False, min_value=0, max_value=MAX_COUNT)
    counting_board = forms.CharField(
        label=_("Counting board"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": BOARD_HINT}),
        help_text=_("3 to 5 people, one name per line."),
    )
    witness_1 = forms.CharField(label=_("Household representative (witness)"), required=False, max_length=120)
    witness_2 = forms.CharField(label=_("Household representative (witness)"), required=False, max_length=120)

    def __init__(self, *args, figures: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not figures:  # counted from the ballots
            for name in ("present", "yes", "no", "blank"):
                del self.fields[name]


class SlipSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Household"),
        required=False,
        max_length=100,
        widget=hint_input("nguyen van an / 15", search=True),
    )


class SlipForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    choice = forms.ChoiceField(
        label=_("The slip says"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )


class DayForm(forms.Form):
    on = DayField(label=_("Date"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("The commune's answer"),
        choices=[
            ("recognise", _("Recognise the decision")),
            ("refuse", _("Refuse, in writing, with the reason")),
        ],
        widget=forms.RadioSelect,
    )
    on = DayField(label=_("Date"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    reason = forms.CharField(
        label=_("Reason of the refusal"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class OnlineBallotForm(forms.Form):
    """The household representative's ballot on the portal."""

    code = forms.CharField(
        label=_("Ballot code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "K7M4Q-9TXP2"}
        ),
        help_text=_("Printed on the slip the village head gave your household."),
    )
    choice = forms.ChoiceField(
        label=_("Your household's choice"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )
