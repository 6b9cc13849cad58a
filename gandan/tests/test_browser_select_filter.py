"""A province officer choosing one of the province's communes (all of them begin with "Xã", so the browser's
type-ahead finds none) types a few letters, with or without diacritics, and only the matching communes are left."""

import pytest

from gandan.petitions.tests.test_browser_journeys import login, staff

pytestmark = pytest.mark.browser

VISIBLE = "select[name=unit] option:not([hidden])"


def test_a_long_list_of_communes_is_filtered_by_what_the_officer_types(live_site, browser, artifacts):
    page = staff(browser)
    login(page, live_site, "giamsat.phutho")
    page.goto(live_site + "/staff/petitions/reception/book/")
    page.locator("details.filters-more > summary").click()
    select = page.locator("select[name=unit]")
    everything = select.locator("option").count()
    assert everything >= 12  # the province's communes and "all communes"
    box = page.locator("input.select-filter")
    assert box.get_attribute("placeholder") == "Gõ để lọc danh sách (có dấu hay không dấu đều được)"

    box.fill("hai luu")  # typed without diacritics
    left = page.locator(VISIBLE).all_inner_texts()
    assert left == ["Xã Hải Lựu"], left
    assert select.input_value() == select.locator("option", has_text="Xã Hải Lựu").get_attribute("value")
    page.screenshot(path=artifacts / "select-filter-province.png")

    box.fill("Sông")  # several matches stay to choose from; nothing else
    left = page.locator(VISIBLE).all_inner_texts()
    assert left and all("Sông" in text for text in left), left

    box.fill("")  # an empty box gives the whole list back
    assert page.locator(VISIBLE).count() == everything

    box.fill("hải lựu")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit], form[role=search] button[type=submit]").first.click()
    assert "unit=" in page.url
    assert page.locator("select[name=unit] option:checked").inner_text() == "Xã Hải Lựu"
