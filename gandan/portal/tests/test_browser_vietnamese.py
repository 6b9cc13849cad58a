"""Every page a citizen opens is Vietnamese: no English sentence in what the browser shows (text, placeholders,
titles, options, buttons), on the pages themselves, after a form is sent with mistakes, and on the error pages.

The catalogue test (gandan/tests/test_catalogue.py) proves each marked string has its Vietnamese; this one catches
text that was never marked for translation, read as a citizen's phone shows it, on the demo's data."""

import json

import pytest

from gandan.kit.english import english_sentences

pytestmark = pytest.mark.browser

# Everything a person can read on the page, one piece per line: the visible text, and the words that are not in
# innerText (placeholders, tooltips, labels for screen readers, images' alt, every option of a list, buttons' values).
READ_PAGE = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],img[alt]')) {
    for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
      if (el.getAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
  for (const el of document.querySelectorAll('input[type=submit],input[type=button]')) parts.push(el.value);
  return parts.join('\\n');
}"""

# The records the pages show, from the live site's demo database: signed links as the citizen's slip prints them.
RECORDS = """
import json
from gandan.dossiers.models import Dossier, OnlineLevel, Status
from gandan.dossiers.public import lookup_token as dossier_token
from gandan.dossiers.selectors import procedures_in_force
from gandan.petitions.models import Petition
from gandan.petitions.public import lookup_token as petition_token
returned = Dossier.objects.filter(status=Status.RETURNED, rating__isnull=True).order_by('pk').first()
rated = Dossier.objects.filter(rating__isnull=False).order_by('pk').first()
open_ = Dossier.objects.exclude(status=Status.RETURNED).order_by('pk').first()
procedure = procedures_in_force().exclude(online_level=OnlineLevel.NONE).order_by('pk').first()
print(json.dumps({
    'returned': dossier_token(returned),
    'rated': dossier_token(rated or returned),
    'open': dossier_token(open_),
    'procedure': procedure.pk,
    'petition': petition_token(Petition.objects.order_by('pk').first()),
    'petition_last': petition_token(Petition.objects.order_by('-pk').first()),
}))
"""

# The error page Django shows when nothing else can be done (500): rendered as the server renders it.
SERVER_ERROR = """
from django.template.loader import render_to_string
from django.utils import translation
translation.activate('vi')
print(render_to_string('500.html'))
"""


@pytest.fixture(scope="module")
def records(site_shell):
    return json.loads(site_shell(RECORDS).splitlines()[-1])


def public_pages(records) -> list[str]:
    return [
        "/",
        "/ho-so/nop/",
        "/ho-so/nop/?q=khai+sinh",
        "/ho-so/nop/?q=khong+co+thu+tuc+nao",
        f"/ho-so/nop/{records['procedure']}/",
        "/ho-so/tra-cuu/",
        "/ho-so/tra-cuu/?code=00000-000000-0000&phone_last4=1234",
        f"/ho-so/tra-cuu/{records['open']}/",
        f"/ho-so/tra-cuu/{records['returned']}/",
        f"/ho-so/danh-gia/{records['returned']}/",
        f"/ho-so/danh-gia/{records['open']}/",
        f"/ho-so/danh-gia/{records['rated']}/",
        "/kien-nghi/gui/",
        "/kien-nghi/gui/?kind=denunciation",
        f"/kien-nghi/da-gui/{records['petition_last']}/",
        "/kien-nghi/tra-cuu/",
        "/kien-nghi/tra-cuu/?code=KN-0000&phone_last4=1234",
        f"/kien-nghi/tra-cuu/{records['petition']}/",
        "/lich-lam-viec/",
        "/accounts/login/",
        "/khong-co-trang-nay/",
        "/ho-so/tra-cuu/khong-phai-ma-hop-le/",
        "/lich-lam-viec/?month=99/9999",
    ]


def english_on(page) -> list[str]:
    return english_sentences(page.evaluate(READ_PAGE))


def test_public_pages_show_no_english_sentence(live_site, phone, records):
    found = {}
    for url in public_pages(records):
        phone.goto(live_site + url)
        if sentences := english_on(phone):
            found[url] = sentences
    assert found == {}


def test_forms_sent_with_mistakes_answer_in_vietnamese(live_site, phone, records):
    found = {}
    # Each form sent empty (or wrong): the errors shown beside the fields are Vietnamese too.
    for url, button in [
        (f"/ho-so/nop/{records['procedure']}/", "form[enctype] button[type=submit]"),
        (f"/ho-so/danh-gia/{records['returned']}/", "form button[type=submit]"),
        ("/kien-nghi/gui/", "form button[type=submit]"),
        ("/accounts/login/", "form button[type=submit]"),
    ]:
        phone.goto(live_site + url)
        for field in phone.locator("form input[type=text], form input[type=tel], form textarea").all():
            if field.is_visible():
                field.fill("x")
        with phone.expect_navigation():
            phone.locator(button).first.click()
        assert phone.locator(".errorlist, [role=alert], .error").count() > 0, url
        if sentences := english_on(phone):
            found[url] = sentences
    assert found == {}


def test_error_pages_are_vietnamese(live_site, phone, site_shell):
    # 403: a form sent without its CSRF token (a page left open too long).
    refused = phone.request.post(live_site + "/accounts/login/", form={"username": "a", "password": "b"})
    assert refused.status == 403
    phone.set_content(refused.text())
    assert english_on(phone) == []
    # 500, rendered by the server's own templates.
    phone.set_content(site_shell(SERVER_ERROR))
    assert phone.locator("h1").count() == 1
    assert english_on(phone) == []


def test_the_check_would_see_an_english_sentence(live_site, phone):
    """The control: a page with an English sentence slipped in is caught."""
    phone.goto(live_site + "/kien-nghi/gui/")
    phone.evaluate("document.querySelector('h1').append(' — Which kind of petition should I choose?')")
    phone.evaluate("document.querySelector('input[type=text]').placeholder = 'Please enter your name here'")
    assert english_on(phone) == ["Which kind of petition should I choose", "Please enter your name here"]
