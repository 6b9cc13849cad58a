"""The citizen's home on a 360-px phone: what a citizen came to do is on the first screen, each service a target a
thumb can hit, and nothing wider than the screen."""

import pytest

pytestmark = pytest.mark.browser


def test_the_services_are_on_the_phones_first_screen_and_easy_to_tap(live_site, phone, artifacts):
    phone.goto(live_site + "/")
    services = phone.locator("nav.services")
    tiles = services.locator("a.tile")

    assert tiles.count() >= 8
    assert services.bounding_box()["y"] < 740 / 2  # the list starts in the upper half of the first screen
    for tile in tiles.all():
        box = tile.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 120, tile.inner_text()
    first_block = phone.locator("section.block").first
    assert first_block.bounding_box()["y"] > services.bounding_box()["y"]  # the commune's news come after
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=artifacts / "citizen-home-phone.png")

    with phone.expect_navigation():
        tiles.filter(has_text="Gửi đơn").first.click()
    assert phone.locator("h1").count() == 1 and "/kien-nghi/" in phone.url
