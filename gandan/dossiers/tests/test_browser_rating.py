"""The rating form on a 360×740 phone: two screens at most, big boxes to tap, plain answers, and the answers stored
with the keys and scores the indicators read."""

import json

import pytest

pytestmark = pytest.mark.browser

SCREEN = {"width": 360, "height": 740}

# A returned dossier nobody has rated yet (the last one, so other tests' first one stays unrated).
UNRATED = """
from gandan.dossiers.models import Dossier, Status
from gandan.dossiers.public import lookup_token
d = Dossier.objects.filter(status=Status.RETURNED, rating__isnull=True).order_by('-pk').first()
print(d.code + ' ' + lookup_token(d))
"""

STORED = """
import json
from gandan.dossiers.models import Rating
r = Rating.objects.get(dossier__code={code!r})
print(json.dumps({{'answers': r.answers, 'overall': r.overall}}))
"""


def test_the_rating_form_fits_two_phone_screens_with_big_boxes_and_stores_the_same_scores(
    live_site, phone, site_shell, artifacts
):
    assert phone.viewport_size == SCREEN
    code, token = site_shell(UNRATED).splitlines()[-1].split()
    phone.goto(f"{live_site}/ho-so/danh-gia/{token}/")
    form = phone.locator("form.rating")

    height = form.bounding_box()["height"]
    assert height <= 2 * SCREEN["height"], f"the form is {height:.0f} px tall"
    assert phone.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    boxes = form.locator("label.scale-option")
    assert boxes.count() == 6 * 5 + 2 * 3
    for box in boxes.all():
        size = box.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, box.inner_text()
    # The counting questions answer in the words of what is counted.
    offices = form.locator("fieldset", has_text="Ông/bà phải đến mấy nơi")
    assert offices.locator("label").all_inner_texts() == ["Chỉ một nơi", "Hai nơi", "Ba nơi trở lên"]
    phone.screenshot(path=artifacts / "dossier-rating-phone.png", full_page=True)

    # Tapping a box's words answers (the whole box is the label); one answer per question.
    for fieldset in form.locator("fieldset").all():
        fieldset.locator("label.scale-option span").nth(1).click()
    offices.get_by_text("Hai nơi").click()
    assert offices.locator("input:checked").get_attribute("value") == "2"
    form.locator("textarea").fill("Cán bộ hướng dẫn tận tình")
    with phone.expect_navigation():  # the thanks page, not the form still shown
        form.locator("button[type=submit]").click()

    assert "danh-gia" in phone.url and phone.locator("form.rating").count() == 0
    stored = json.loads(site_shell(STORED.format(code=code)).splitlines()[-1])
    # Same keys and scales as before the wording changed: 4 = "Satisfied" on the score questions, 2 on the counts.
    assert stored == {
        "answers": {
            "overall": 4,
            "attitude": 4,
            "on_time": 4,
            "duration": 4,
            "publicity": 4,
            "ease": 4,
            "contacts": 2,
            "agencies": 2,
        },
        "overall": 4,
    }
