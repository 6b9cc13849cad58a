"""Forms of the field reports' setup pages. They check shapes only (a whole number, a dd/mm/yyyy day, the lines of a
list's options); the rules (codes, unique orders and keys, days not in the past, the province's extent) are the
services' (gandan.fieldreports.services.setup), whose errors are shown next to their fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.accounts.models import RoleChoices
from gandan.fieldreports.models import DATATYPES, Attribute, Category
from gandan.fieldreports.services.setup import (
    HANDLER_ROLES,
    TIMER_DAYS_MAX,
    AttributeFacts,
    CategoryFacts,
)
from gandan.kit.params import DayField
from gandan.web import VNDateInput, hint_input

OPTIONS_TEXT_MAX = 10_000


class CategoryForm(forms.Form):
    code = forms.CharField(
        label=_("Code (Open311 service_code)"),
        max_length=50,
        widget=hint_input("duong-hu-hong"),
        help_text=_("Small letters without diacritics, digits, “-”, “_”. Set once: applications keep it."),
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas: what reporters may type, e.g. ổ gà, sụt lún."),
    )
    group = forms.CharField(label=_("Group"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Handled by"), choices=Category.Level.choices)
    handler_role = forms.ChoiceField(
        label=_("Told of each new report"),
        choices=[(value, label) for value, label in RoleChoices.choices if value in HANDLER_ROLES],
    )
    order = forms.IntegerField(label=_("Order in the list"), min_value=0, max_value=32_767, initial=100)
    active = forms.BooleanField(
        label=_("Accepting reports"),
        required=False,
        initial=True,
        help_text=_("Untick to stop new reports of this kind; reports already received keep it."),
    )

    def __init__(self, *args, fixed_code: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_code is not None:  # the code of a saved category is never changed
            del self.fields["code"]

    def facts(self) -> CategoryFacts:
        data = self.cleaned_data
        return CategoryFacts(
            code=data.get("code", ""),
            name=data["name"],
            description=data["description"],
            keywords=data["keywords"],
            group=data["group"],
            level=data["level"],
            handler_role=data["handler_role"],
            active=data["active"],
            order=data["order"],
        )


def options_text(values: list[dict]) -> str:
    return "\n".join(f"{v.get('key', '')} | {v.get('name', '')}" for v in values or [])


class AttributeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=50, widget=hint_input("muc_do"))
    description = forms.CharField(label=_("Question"), max_length=500)
    datatype = forms.ChoiceField(label=_("Kind of answer"), choices=DATATYPES)
    options = forms.CharField(
        label=_("Options (for an answer from a list)"),
        required=False,
        max_length=OPTIONS_TEXT_MAX,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "nho | Nhỏ (dưới 30 cm)\nlon | Lớn (trên 1 m)"}
        ),
        help_text=_("One option a line: its key, a “|”, then the name the reporter reads."),
    )
    help = forms.CharField(
        label=_("Help under the question"),
        max_length=300,
        required=False,
        help_text=_("e.g. how to write the answer: “Một số, ví dụ 20”."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    variable = forms.BooleanField(
        label=_("Asks for an answer"),
        required=False,
        initial=True,
        help_text=_("Untick for a line of information only (nothing to answer)."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=1, max_value=32_767)

    @staticmethod
    def initial_of(attribute: Attribute) -> dict:
        return {
            "code": attribute.code,
            "description": attribute.description,
            "datatype": attribute.datatype,
            "options": options_text(attribute.values),
            "help": attribute.datatype_description,
            "required": attribute.required,
            "variable": attribute.variable,
            "order": attribute.order,
        }

    def facts(self) -> AttributeFacts:
        data = self.cleaned_data
        options = []
        for line in data["options"].splitlines():
            if not line.strip():
                continue
            key, bar, name = line.partition("|")
            options.append((key.strip(), name.strip() if bar else ""))
        return AttributeFacts(
            code=data["code"],
            datatype=data["datatype"],
            description=data["description"],
            required=data["required"],
            variable=data["variable"],
            help=data["help"],
            order=data["order"],
            options=options,
        )


class TimerForm(forms.Form):
    valid_from = DayField(
        label=_("Valid from"), widget=VNDateInput(), help_text=_("dd/mm/yyyy: today or a later day.")
    )
    days = forms.IntegerField(label=_("Working days to settle"), min_value=1, max_value=TIMER_DAYS_MAX)
    source = forms.CharField(
        label=_("Decided by"),
        max_length=300,
        help_text=_("The decision that sets this time limit, e.g. Quyết định số 12/QĐ-UBND ngày 01/12/2026."),
    )


class PlaceForm(forms.Form):
    # Text, not a number field: the service reads "21,4502" with a decimal comma and names the problem in words.
    lat = forms.CharField(label=_("Latitude"), max_length=30, widget=hint_input("21.4502"))
    long = forms.CharField(label=_("Longitude"), max_length=30, widget=hint_input("105.3861"))
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("How the point was taken, e.g. “Đo bằng điện thoại tại nhà văn hóa thôn, 12/2026”."),
    )


class PlaceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Village or commune"),
        required=False,
        max_length=100,
        widget=hint_input(_("e.g. dong thinh"), search=True),
    )
    missing = forms.BooleanField(label=_("Only those without a point"), required=False)
