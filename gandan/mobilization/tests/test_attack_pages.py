"""What the module's pages look like with what people really upload and read on a 360-pixel phone: a file name of
250 letters without a space in a model's history, the showcase's cards. Checked on the stylesheet the pages use
(the screenshots that found them are in the report): a rule missing is a page wider than the phone."""

import re
from pathlib import Path

import gandan

CSS = (Path(gandan.__file__).parent / "static" / "css" / "gandan.css").read_text()


def declarations(selector: str) -> str:
    """Every declaration of the rules whose selector list names `selector` exactly."""
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        if selector in (s.strip() for s in selectors.split(",")):
            found.append(body)
    return ";".join(found)


def test_a_long_file_name_in_a_models_history_wraps_instead_of_widening_the_page():
    assert re.search(r"overflow-wrap:\s*anywhere", declarations("ol.timeline li"))


def test_the_showcase_cards_have_no_list_numbers_eating_a_phones_width():
    rules = declarations("ol.plain")
    assert re.search(r"list-style:\s*none", rules) and re.search(r"padding:\s*0", rules)
