"""The citizen's report form: the category, its extra questions (built from its Attribute rows), the place, photos
and an optional way to be told of progress. The form only reads what was typed; every rule is the service's
(`report_receive`), whose problems come back next to the fields here."""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gandan.core.fieldreports import Datatype
from gandan.fieldreports.models import Category
from gandan.kit.uploads import MAX_BYTES

MAX_PHOTOS = 5
_LOCAL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")
_IMAGE_STARTS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to five photos, each at most 10 MB and really a JPEG or PNG by its first bytes (the service then opens
    each whole and re-encodes it without EXIF)."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("Send at most %(n)s photos.") % {"n": MAX_PHOTOS})
        for upload in files:
            name = upload.name or ""
            if upload.size is not None and upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _(
                        "The photo %(name)s is larger than 10 MB. Take it at a lower resolution or choose a smaller one."
                    )
                    % {"name": name}
                )
            head = upload.read(8)
            upload.seek(0)
            if not head.startswith(_IMAGE_STARTS):
                raise forms.ValidationError(
                    _(
                        "The file %(name)s is not a photo (JPEG or PNG). Choose a photo taken with the phone's camera "
                        "or from its gallery."
                    )
                    % {"name": name}
                )
        return files


def question_field_name(code: str) -> str:
    return f"q_{code}"


def _question_field(attribute) -> forms.Field:
    label = attribute.description
    help_text = attribute.datatype_description
    kind = attribute.datatype
    choices = [(str(v.get("key", "")), str(v.get("name", v.get("key", "")))) for v in attribute.values or []]
    common = {"label": label, "help_text": help_text, "required": False}
    if kind == Datatype.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == Datatype.MULTI:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == Datatype.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), strip=True, **common)
    if kind == Datatype.NUMBER:
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), strip=True, **common)
    if kind == Datatype.DATETIME:
        return forms.CharField(
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), strip=True, **common
        )
    return forms.CharField(strip=True, **common)


def _answer(kind: str, value) -> list[str]:
    """The answer as the service reads it: a list of strings; a local date and time gets the site's offset."""
    if value in (None, "", []):
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    value = str(value)
    if kind == Datatype.DATETIME and _LOCAL_DATETIME.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return [value]
        return [timezone.make_aware(moment).isoformat(timespec="minutes")]
    return [value]


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("What kind of problem"))
    questions_for = forms.CharField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(
        label=gettext_lazy("What did you see?"),
        help_text=gettext_lazy("What is wrong, exactly where, and since when."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        strip=True,
    )
    commune = forms.ChoiceField(label=gettext_lazy("Commune or ward"))
    village = forms.ChoiceField(label=gettext_lazy("Village or residential group"), required=False)
    address = forms.CharField(
        label=gettext_lazy("Address or landmark"),
        help_text=gettext_lazy("E.g. in front of house 12, Đồng Thịnh road, near the cultural house."),
        required=False,
        max_length=300,
    )
    lat = forms.CharField(widget=forms.HiddenInput, required=False)
    long = forms.CharField(widget=forms.HiddenInput, required=False)
    photos = PhotosField(
        label=gettext_lazy("Photos (up to 5)"),
        help_text="",
        required=False,
    )
    name = forms.CharField(label=gettext_lazy("Your name"), required=False, max_length=120)
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=gettext_lazy("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, category: Category, communes, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_obj = category
        choices: dict[str, list] = {
            "category": _grouped(category_choices()),
            "commune": [(u.code, u.name) for u in communes],
            "village": [("", _("I do not know / not listed"))] + [(str(v.pk), v.name) for v in villages],
        }
        for name, offered in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = offered
        self.fields["photos"].help_text = _(
            "Optional. Each at most 10 MB, all together at most %(mb)s MB. The position and camera data inside are "
            "removed."
        ) % {"mb": settings.GANDAN_MAX_BODY_BYTES // (1024 * 1024)}
        self.fields["photos"].widget.attrs.update(
            {
                "accept": "image/*",
                "capture": "environment",
                # Checked in the browser before sending (static/js/fieldreport_place.js): a body past the site's
                # limit is refused before Django reads it, and the page that says so cannot keep what was typed.
                "data-max-each": str(10 * 1024 * 1024),
                "data-max-total": str(settings.GANDAN_MAX_BODY_BYTES - 256 * 1024),
                "data-too-large": _(
                    "These photos are too large: each at most 10 MB, all together at most %(mb)s MB. Choose smaller "
                    "or fewer photos (what you typed is kept)."
                )
                % {"mb": settings.GANDAN_MAX_BODY_BYTES // (1024 * 1024)},
            }
        )
        self.attributes = [a for a in category.attributes.all() if a.variable]
        self.notes = [a for a in category.attributes.all() if not a.variable]
        for attribute in self.attributes:
            self.fields[question_field_name(attribute.code)] = _question_field(attribute)

    def question_fields(self):
        return [self[question_field_name(a.code)] for a in self.attributes]

    def answers(self) -> dict[str, list[str]]:
        data = self.cleaned_data
        found = {}
        for attribute in self.attributes:
            values = _answer(attribute.datatype, data.get(question_field_name(attribute.code)))
            if values:
                found[attribute.code] = values
        return found


def category_choices():
    from gandan.fieldreports.selectors import active_categories

    return list(active_categories())


def _grouped(categories) -> list:
    groups: dict[str, list] = {}
    for c in categories:
        groups.setdefault(c.group or _("Other"), []).append((c.code, c.name))
    return list(groups.items())


def category_groups(categories) -> list[tuple[str, list[Category]]]:
    groups: dict[str, list[Category]] = {}
    for c in categories:
        groups.setdefault(c.group or _("Other"), []).append(c)
    return list(groups.items())
