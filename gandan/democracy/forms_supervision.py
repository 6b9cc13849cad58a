"""Forms of the people's supervision pages: a board, a member, dissolving a board or recording that a member left, a
finding, its answer and its moves, and the findings list's filters. They check only shapes; the rules are in
gandan.democracy.services.supervision, whose errors the forms show."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.democracy.models import Board, BoardMember
from gandan.democracy.services.supervision import (
    MAX_ADDRESSED,
    MAX_BOARD_NAME,
    MAX_NAME,
    MAX_PROJECT,
    MAX_REASON,
    MAX_REPRESENTS,
    MAX_TEXT,
    MAX_TITLE,
)
from gandan.kit.params import DayField
from gandan.web import FilteredSelect, VNDateInput, hint_input

DAY_HELP = _("dd/mm/yyyy")


class BoardForm(forms.Form):
    commune: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    kind = forms.ChoiceField(label=_("Kind of board"), choices=Board.Kind.choices)
    project = forms.CharField(
        label=_("Programme or project supervised"),
        required=False,
        max_length=MAX_PROJECT,
        widget=hint_input("Bê tông hóa đường liên thôn Bến Đò – Bãi Sậy"),
        help_text=_("For an investment supervision board: the board is set up for this project."),
    )
    name = forms.CharField(
        label=_("Name of the board"),
        required=False,
        max_length=MAX_BOARD_NAME,
        help_text=_("Leave empty for the law's name followed by the commune or the project."),
    )
    term_start = DayField(label=_("From"), widget=VNDateInput(), help_text=DAY_HELP)
    term_end = DayField(
        label=_("Until"),
        required=False,
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy. The end of the term, or of the project for an investment board."),
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is None:  # changing a board: its commune and kind stay
            del self.fields["commune"]
            del self.fields["kind"]
            return
        self.fields["commune"].queryset = communes
        if len(communes[:2]) < 2:  # a commune officer sets up boards for their commune: no choice to make
            self.fields["commune"].widget = forms.HiddenInput()
            first = communes.first()
            self.fields["commune"].initial = first.pk if first else None


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=MAX_NAME, widget=hint_input("Nguyễn Văn An"))
    village = VillageChoiceField(
        label=_("Village"), queryset=None, required=False, empty_label=_("— no particular village —")
    )
    post = forms.ChoiceField(
        label=_("Post"), choices=BoardMember.Post.choices, initial=BoardMember.Post.MEMBER
    )
    represents = forms.CharField(
        label=_("Represents"),
        required=False,
        max_length=MAX_REPRESENTS,
        widget=hint_input("Ủy ban MTTQ xã / Nhân dân thôn Bến Đò"),
    )
    elected_on = DayField(label=_("Elected on"), required=False, widget=VNDateInput(), help_text=DAY_HELP)
    resident = forms.BooleanField(label=_("Lives permanently in the commune"), required=False, initial=True)
    declared_staff = forms.BooleanField(
        label=_("Is commune or village staff"),
        required=False,
        help_text=_(
            "Tick if the person works for the commune or the village (village head, deputy, group leader, part-time "
            "staff): such a person may not sit on the people's inspection board."
        ),
    )

    def __init__(self, *args, villages, inspection: bool, **kwargs):
        super().__init__(*args, **kwargs)
        village = cast(forms.ModelChoiceField, self.fields["village"])
        village.queryset = villages
        if inspection:
            village.required = True
            village.empty_label = None
            village.help_text = _("One member per village of the commune.")
        else:  # the law's eligibility rule is the inspection board's
            del self.fields["resident"]
            del self.fields["declared_staff"]


class EndForm(forms.Form):
    on = DayField(label=_("Date"), widget=VNDateInput(), help_text=DAY_HELP)


class FindingForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=MAX_TITLE, widget=hint_input("Mặt đường bê tông mỏng hơn thiết kế")
    )
    finding = forms.CharField(
        label=_("What was found"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendation = forms.CharField(
        label=_("Recommendation"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    addressed_to = forms.CharField(
        label=_("Addressed to"), max_length=MAX_ADDRESSED, widget=hint_input("UBND xã; chủ đầu tư")
    )
    found_on = DayField(label=_("Found on"), widget=VNDateInput(), help_text=DAY_HELP)
    answer_due = DayField(
        label=_("Answer due by"),
        widget=VNDateInput(),
        help_text=_("dd/mm/yyyy. The day by which the government must answer the recommendation."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The government's answer"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    answered_on = DayField(label=_("Answered on"), widget=VNDateInput(), help_text=DAY_HELP)


MOVES = [
    ("in_progress", _("Being dealt with")),
    ("cancelled", _("Cancelled")),
]


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=MOVES, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to cancel, or to reopen an answered finding."),
    )


STATE_CHOICES = [
    ("", _("Every state")),
    ("open", _("Waiting for the answer")),
    ("in_progress", _("Being dealt with")),
    ("done", _("Answered")),
    ("cancelled", _("Cancelled")),
]


class BoardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class FindingFilterForm(forms.Form):
    board = BoardChoiceField(label=_("Board"), queryset=None, required=False, empty_label=_("Every board"))
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["board"]).queryset = boards
