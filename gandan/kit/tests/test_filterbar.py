"""The folded filters of a staff list (includes/filters.html): the search box always in view, the other filters
folded away, the fold open by itself only when one of them is in use, and its summary saying how many are."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from gandan.dossiers.forms import WorklistFilterForm
from gandan.kit.filterbar import filters_in_use


def _form(**data) -> WorklistFilterForm:
    return WorklistFilterForm(data or None)


def _render(form) -> str:
    with translation.override("vi"):
        return render_to_string(
            "includes/filters.html", {"form": form, "skip": "worklist"}, request=RequestFactory().get("/")
        )


def _fold(html: str) -> str:
    found = re.search(r"<details[^>]*>", html)
    assert found, html
    return found.group(0)


def test_nothing_chosen_keeps_the_filters_folded_and_the_search_box_in_view():
    html = _render(_form())
    assert filters_in_use(_form(), "worklist") == 0
    assert " open" not in _fold(html)
    assert html.index('name="q"') < html.index("<details")  # outside the fold
    assert html.index('name="status"') > html.index("<details")  # inside it


def test_a_filter_in_use_opens_the_fold_and_is_counted():
    form = _form(worklist="all", q="nguyen", status="4", channel="2", order="")
    html = _render(form)
    assert (
        filters_in_use(form, "worklist") == 2
    )  # status and channel; not the search, the tab or the default sort
    assert " open" in _fold(html)
    assert "2 đang áp dụng" in html


def test_the_default_sort_is_not_a_filter_but_another_sort_is():
    # The first choice, "the usual order" (each tab's own), is the default.
    assert filters_in_use(_form(order=""), "worklist") == 0
    assert filters_in_use(_form(order="appointment"), "worklist") == 1
    assert filters_in_use(_form(order="-submitted"), "worklist") == 1


def test_an_empty_choice_is_not_in_use():
    assert filters_in_use(_form(status="", channel="", received_from=""), "worklist") == 0
