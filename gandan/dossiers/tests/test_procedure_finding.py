"""Finding a procedure on the citizen's and the desk's choose pages and through the API: a citizen's words, grouped by
field, the most used first (gandan/core/procedure_search.py holds the ranking and its tables)."""

import re

import pytest
from django.test import Client

from gandan.dossiers.models import OnlineLevel, Procedure
from gandan.dossiers.selectors import procedure_usage, procedures_in_force
from gandan.dossiers.tests.factories import submit
from gandan.tests_support import client_for

pytestmark = pytest.mark.django_db

CHOOSE = "/ho-so/nop/"
INTAKE = "/staff/dossiers/new/"
LINK = re.compile(r'<a href="(?:/ho-so/nop/|\?procedure=)\d+/?"><strong>([^<]+)</strong></a>')
SOME_WORDS = "chỉ khớp với một phần các từ"


def groups(html: str) -> list[tuple[str, list[str]]]:
    """[(field, [procedure names])] in the order the page shows them."""
    found = []
    for part in html.split("<h2>")[1:]:
        field, _, rest = part.partition("</h2>")
        found.append((field, LINK.findall(rest.split("<h2>")[0])))
    return found


def names(html: str) -> list[str]:
    return [name for _field, group in groups(html) for name in group]


@pytest.mark.parametrize("query", ["giấy khai sinh", "khai sinh cho con", "KHAI SINH", "lam giay khai sinh"])
def test_a_citizens_words_find_the_birth_registration_first(query):
    html = Client().get(CHOOSE, {"q": query}).content.decode()

    assert names(html)[0] == "Đăng ký khai sinh"
    assert groups(html)[0][0] == "Hộ tịch"


def test_the_household_book_finds_the_residence_procedures():
    html = Client().get(CHOOSE, {"q": "sổ hộ khẩu"}).content.decode()

    assert groups(html)[0][0] == "Cư trú"
    assert "Đăng ký thường trú" in groups(html)[0][1]


def test_procedures_with_only_some_of_the_words_come_after_a_note():
    html = Client().get(CHOOSE, {"q": "khai sinh"}).content.decode()
    every_word, note, some_words = html.partition(SOME_WORDS)

    assert note
    assert names(every_word) == ["Đăng ký khai sinh"]
    assert "Đăng ký khai tử" in LINK.findall(some_words)


def test_without_a_query_every_online_procedure_is_offered_by_field():
    html = Client().get(CHOOSE).content.decode()

    online = Procedure.objects.filter(valid_to__isnull=True).exclude(online_level=OnlineLevel.NONE)
    assert sorted(names(html)) == sorted(online.values_list("name", flat=True))
    fields = [field for field, _names in groups(html)]
    assert len(fields) == len(set(fields)) > 1
    assert SOME_WORDS not in html


def test_the_most_used_procedure_of_the_commune_comes_first_in_its_field(home_commune, desk_officer):
    civil = list(
        procedures_in_force().filter(field="Hộ tịch").exclude(online_level=OnlineLevel.NONE).order_by("name")
    )
    usage = procedure_usage(unit_path=home_commune.path)
    leader = max(civil, key=lambda p: usage.get(p.pk, 0))
    chosen = next(p for p in civil if p != leader)
    for _ in range(usage.get(leader.pk, 0) - usage.get(chosen.pk, 0) + 1):
        submit(chosen, home_commune, by=desk_officer)

    html = Client().get(CHOOSE).content.decode()

    assert dict(groups(html))["Hộ tịch"][0] == chosen.name


def test_the_choose_page_costs_a_few_queries_whatever_the_catalogue(django_assert_max_num_queries):
    # The commune, the catalogue in one read, the commune's units (and those it took over), one count of use.
    with django_assert_max_num_queries(8):
        Client().get(CHOOSE, {"q": "khai sinh cho con"})


def test_the_desk_finds_by_the_citizens_words_too(desk_officer):
    html = client_for(desk_officer).get(INTAKE, {"q": "công chứng chữ ký"}).content.decode()

    assert names(html)[0] == "Chứng thực chữ ký trong các giấy tờ, văn bản"
    assert groups(html)[0][0] == "Chứng thực"


def test_the_api_finds_every_word_in_any_order_and_nothing_with_an_unknown_word():
    api = "/api/v1/dossiers/procedures"

    assert [row["name"] for row in Client().get(api, {"q": "hôn kết"}).json()] == ["Đăng ký kết hôn"]
    assert Client().get(api, {"q": "ket hon xyz"}).json() == []
