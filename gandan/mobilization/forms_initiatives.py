"""Forms of the "dân vận khéo" model pages: the register's filters, registering and correcting a model with its
figures, the review (a row per criterion with its most points), the recognition, a reason (send back, withdraw),
replicating, the evidence, and the public showcase's filters. The forms check shapes only; the rules are in the
services, whose errors are shown next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.core.mobilization import models_rules as rules
from gandan.kit.params import DayField, MonthField
from gandan.kit.uploads import SCAN_ACCEPT, ScanField
from gandan.mobilization.models import Initiative
from gandan.mobilization.selectors.indicators import INITIATIVE_INDICATORS
from gandan.web import VNDateInput, hint_input

FIGURE_ROWS = 5
NO_FIELD = _(
    "Choose the field of the model: economy; culture and society; defence and security; or building the political "
    "system. A model without a field cannot be registered."
)


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent_id else obj.name


def _choices(pairs, empty) -> list:
    return [("", empty), *pairs]


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input("dan van kheo", search=True),
        help_text=_("Name, owner or place; accents are optional."),
    )
    show = forms.ChoiceField(required=False, choices=[], widget=forms.HiddenInput)
    field = forms.ChoiceField(
        label=_("Field"), required=False, choices=_choices(Initiative.FIELD_CHOICES, _("All fields"))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices(Initiative.STATUS_CHOICES, _("All statuses"))
    )
    level = forms.ChoiceField(
        label=_("Recognised at"), required=False, choices=_choices(Initiative.LEVEL_CHOICES, _("All levels"))
    )
    village = VillageChoiceField(
        label=_("Village"), queryset=None, required=False, empty_label=_("All villages")
    )
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-registered", _("Latest registered first")),
            ("registered", _("Earliest registered first")),
            ("name", _("Name")),
            ("-level", _("Highest recognition first")),
        ],
    )
    # A figure of the leaders' dashboard opens the list of exactly the models it counts (hidden: set by the link).
    indicator = forms.ChoiceField(
        required=False, choices=[(n, n) for n in INITIATIVE_INDICATORS], widget=forms.HiddenInput
    )
    period = MonthField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, villages, worklists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["show"].choices = [(w, w) for w in worklists]


class FigureRowForm(forms.Form):
    label = forms.CharField(
        label=_("What is counted"), required=False, max_length=200, widget=hint_input("Số hộ tham gia")
    )
    value = forms.CharField(
        label=_("Value"), required=False, max_length=30, widget=hint_input("120", inputmode="decimal")
    )
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40, widget=hint_input("hộ"))


def figure_rows(data=None, *, initial: list | None = None, count: int = FIGURE_ROWS) -> list[FigureRowForm]:
    """`count` rows of figures (more when `initial` has more: each existing figure and two blank rows)."""
    initial = list(initial or [])
    count = max(count, len(initial) + 2)
    return [
        FigureRowForm(data, prefix=f"fig-{i}", initial=initial[i] if i < len(initial) else None)
        for i in range(count)
    ]


class InitiativeForm(forms.Form):
    """Registering or correcting a model. `unit` is offered only to a user of several communes."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None
    )
    village = VillageChoiceField(
        label=_("Village or residential group"),
        queryset=None,
        required=False,
        empty_label=_("The whole commune"),
    )
    name = forms.CharField(
        label=_("Name of the model"),
        max_length=300,
        widget=hint_input("Dân vận khéo trong hiến đất mở rộng đường giao thông nông thôn"),
    )
    field = forms.ChoiceField(
        label=_("Field"),
        choices=_choices(Initiative.FIELD_CHOICES, _("Choose the field")),
        error_messages={"required": NO_FIELD},
    )
    owner_kind = forms.ChoiceField(
        label=_("Carried out by"), choices=Initiative.OWNER_CHOICES, initial=rules.OwnerKind.TEAM
    )
    owner_name = forms.CharField(
        label=_("Owner's name"), max_length=200, widget=hint_input("Tổ dân vận thôn Đồng Thịnh")
    )
    team: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Mobilisation team"), queryset=None, required=False, empty_label=_("None")
    )
    place = forms.CharField(
        label=_("Address"), max_length=300, widget=hint_input("Thôn Đồng Thịnh, xã Sông Lô")
    )
    period_start = DayField(label=_("From"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    period_end = DayField(
        label=_("Until"), widget=VNDateInput(), required=False, help_text=_("Leave empty if it goes on.")
    )
    description = forms.CharField(
        label=_("What it does"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "How the model mobilises people: who takes part, what they do, how the party cell and the village lead it."
        ),
    )
    results = forms.CharField(
        label=_("Results"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, communes, villages, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes
        self.fields["village"].queryset = villages
        self.fields["team"].queryset = teams
        if len(communes[:2]) < 2:
            self.fields["unit"].widget = forms.HiddenInput()
            self.fields["unit"].initial = communes.first()


class InitiativeEditForm(InitiativeForm):
    copied_from = forms.IntegerField(
        label=_("Copied from model no."),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("The number of the recognised model this one replicates, if any (shown on its page)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = False
        self.fields["unit"].disabled = True


class ReviewForm(forms.Form):
    """A row per criterion, each from 0 to its weight, then the recommendation and the comment."""

    recommend = forms.BooleanField(
        label=_("I recommend recognising this model"),
        required=False,
        help_text=_("A model recommended for recognition scores at least %(pass)s of %(max)s.")
        % {"pass": rules.PASS_SCORE, "max": rules.MAX_SCORE},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is good, and what must improve (required when you do not recommend it)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in rules.CRITERIA:
            self.fields[f"score_{criterion.key}"] = forms.IntegerField(
                label=criterion.label_vi,
                min_value=0,
                max_value=criterion.weight,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": criterion.weight}),
                help_text=_("0 to %(max)s points") % {"max": criterion.weight},
            )
        self.order_fields([*(f"score_{c.key}" for c in rules.CRITERIA), "recommend", "comment"])

    def score_fields(self) -> list:
        return [self[f"score_{c.key}"] for c in rules.CRITERIA]

    def scores(self) -> dict[str, int]:
        return {c.key: self.cleaned_data[f"score_{c.key}"] for c in rules.CRITERIA}


def review_field_name(service_field: str) -> str:
    """The service reports "scores.<criterion>"; the form's field is "score_<criterion>"."""
    return "score_" + service_field.split(".", 1)[1] if service_field.startswith("scores.") else service_field


class RecogniseForm(forms.Form):
    level = forms.ChoiceField(label=_("Recognised at"), choices=[])
    decision = forms.CharField(label=_("Decision no."), max_length=100, widget=hint_input("125/QĐ-UBND"))
    on = DayField(label=_("Dated"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Initiative.LEVEL_CHOICES)
        self.fields["level"].choices = [(level.value, labels[level]) for level in levels]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReplicateForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None
    )
    village = VillageChoiceField(
        label=_("Village or residential group"),
        queryset=None,
        required=False,
        empty_label=_("The whole commune"),
    )
    name = forms.CharField(label=_("Name of the model"), max_length=300)
    owner_kind = forms.ChoiceField(label=_("Carried out by"), choices=Initiative.OWNER_CHOICES)
    owner_name = forms.CharField(label=_("Owner's name"), max_length=200)
    place = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        help_text=_("Leave empty for the village and commune."),
    )
    period_start = DayField(label=_("From"), widget=VNDateInput(), help_text=_("dd/mm/yyyy"))
    description = forms.CharField(
        label=_("What it does"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, communes, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = communes
        self.fields["village"].queryset = villages
        if len(communes[:2]) < 2:
            self.fields["unit"].widget = forms.HiddenInput()
            self.fields["unit"].initial = communes.first()


class EvidenceForm(forms.Form):
    upload = ScanField(
        label=_("Photo or document"),
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        help_text=_("A photo (JPG, PNG) or a PDF, at most 10 MB."),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)


class ShowcaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=hint_input("dan van kheo", search=True)
    )
    field = forms.ChoiceField(
        label=_("Field"), required=False, choices=_choices(Initiative.FIELD_CHOICES, _("All fields"))
    )
    level = forms.ChoiceField(
        label=_("Recognised at"), required=False, choices=_choices(Initiative.LEVEL_CHOICES, _("All levels"))
    )
    # A code typed in the address that no commune with a recognised model has shows nothing, not everything.
    xa = forms.CharField(label=_("Commune or ward"), required=False, max_length=20, widget=forms.Select())
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-recognised", _("Latest recognised first")),
            ("-level", _("Highest level first")),
            ("name", _("Name")),
        ],
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].widget.choices = [("", _("All communes")), *((u.code, u.name) for u in communes)]
