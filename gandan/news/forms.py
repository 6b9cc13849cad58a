"""Forms of the staff news pages: the list's filters, the article (title, summary, body in a plain text box, category,
tags as text, byline), publishing, sending back, withdrawing, a photo, a category. The forms check shapes only; the
services check meaning and their errors are shown next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gandan.kit.params import DayTimeField
from gandan.news.models import Article, Category
from gandan.news.selectors.articles import SORTS
from gandan.web import FilteredSelect, VNDateTimeInput, hint_input

PHOTO_ACCEPT = ".jpg,.jpeg,.png,image/jpeg,image/png"


def sort_labels() -> list[tuple[str, object]]:
    labels = {
        "new": _("Last changed first"),
        "old": _("Last changed last"),
        "published": _("Publication time, newest first"),
        "title": _("Title A–Z"),
    }
    return [(key, labels[key]) for key in SORTS]


class ArticleFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=hint_input("nong thon moi", search=True),
        help_text=_("Title, summary, body or tags; accents are optional."),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *Article.Status.choices]
        self.fields["category"].choices = [("", _("All categories")), *((c.pk, str(c)) for c in categories)]
        self.fields["sort"].choices = sort_labels()


class ArticleForm(forms.Form):
    """Writing or correcting an article. `unit` is offered only to a writer of several communes."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, widget=hint_input("Khánh thành nhà văn hóa thôn Đồng Thịnh")
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences, shown in the lists and when the link is shared."),
    )
    body = forms.CharField(
        label=_("Body"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Leave a blank line between paragraphs. Simple HTML is accepted too: <p>, <strong>, <em>, lists, "
            "<h2>, <h3>, quotes, tables and links; anything else is removed."
        ),
    )
    category: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Category"), queryset=None, required=False, empty_label=_("No category")
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        widget=hint_input("nông thôn mới, giao thông"),
        help_text=_("Separated by commas."),
    )
    author_name = forms.CharField(
        label=_("Byline"),
        required=False,
        max_length=120,
        help_text=_("Shown under the title; empty: the commune's name."),
    )
    comments_open = forms.BooleanField(label=_("Readers may comment"), required=False, initial=True)

    def __init__(self, *args, communes=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is None or len(communes) < 2:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = communes
        self.fields["category"].queryset = categories if categories is not None else Category.objects.none()
        if categories is not None and communes is not None and len(communes) >= 2:
            self.fields["category"].label_from_instance = lambda c: f"{c.name} — {c.unit.name}"


class PublishForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Now")), ("later", _("At a later time"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    publish_at = DayTimeField(
        label=_("Publication time"),
        required=False,
        widget=VNDateTimeInput(),
        help_text=_("dd/mm/yyyy hh:mm, only when publishing at a later time."),
    )

    def clean(self):
        data = super().clean()
        if data.get("when") == "later" and not data.get("publish_at"):
            self.add_error("publish_at", _("Enter the time of publication."))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What to change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The writer sees this note on the article's page."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the article's history."),
    )


class PhotoForm(forms.Form):
    upload = forms.FileField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
        help_text=_("JPG or PNG, at most 10 MB. The place where it was taken (GPS) is removed."),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
    credit = forms.CharField(label=_("Photo by"), required=False, max_length=120)


class PhotoEditForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
    credit = forms.CharField(label=_("Photo by"), required=False, max_length=120)


class CategoryForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Commune or ward"), queryset=None, empty_label=None, widget=FilteredSelect
    )
    name = forms.CharField(label=_("Name"), max_length=120, widget=hint_input("Tin hoạt động"))
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Smaller numbers come first in the portal's menu."),
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communes is None or len(communes) < 2:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = communes
