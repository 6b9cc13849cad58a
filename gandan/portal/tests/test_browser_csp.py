"""The Content-Security-Policy in a real browser: the public home, a staff page, the admin and the API docs (Swagger
UI) load and work without a single violation, and htmx still runs."""

import pytest

from gandan.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# Runs before any page script, outside the page's policy: records every violation the browser reports.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(laptop):
    console = []
    laptop.on("console", lambda message: console.append(message.text))
    laptop.add_init_script(WATCH)
    laptop.console_messages = console
    return laptop


def violations(page) -> list[str]:
    reported = page.evaluate("window.__csp || []")
    logged = [m for m in page.console_messages if "Content Security Policy" in m]
    return reported + logged


def test_public_staff_admin_and_api_docs_load_without_a_csp_violation(live_site, watched):
    page = watched
    response = page.goto(live_site + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "Xã Sông Lô" in page.locator("h1").inner_text()
    assert page.evaluate("typeof window.htmx") == "object"
    assert violations(page) == []

    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=username]", "chutich.songlo")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    page.goto(live_site + "/staff/petitions/")
    assert page.locator("h1").count() == 1
    assert violations(page) == []

    # htmx runs under the policy: a request it makes is sent with the CSRF header and its answer swapped in.
    page.evaluate("htmx.ajax('GET', '/staff/units/', {target: '#main', select: '#main > *'})")
    page.wait_for_selector("#main table")
    assert "Thôn Bến Đò" in page.locator("#main table").inner_text()
    assert page.evaluate("document.head.querySelectorAll('style').length") == 0
    assert violations(page) == []

    page.goto(live_site + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    assert violations(page) == []


def test_the_django_admin_works_under_the_policy(live_site, watched, site_shell):
    site_shell(
        "from gandan.accounts.models import User\n"
        "User.objects.filter(username='csp-admin').exists() or "
        "User.objects.create_superuser('csp-admin', 'csp@example.com', 'csp-admin-Pass-1')"
    )
    page = watched
    page.goto(live_site + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "csp-admin-Pass-1")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(live_site + "/admin/auth/group/add/")
    # The permissions chooser is built by the admin's JavaScript: it ran.
    page.wait_for_selector("#id_permissions_from")
    page.fill("#id_name", "Kiểm tra CSP")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/auth/group/")
    assert "Kiểm tra CSP" in page.locator("#result_list").inner_text()
    assert violations(page) == []


def test_an_injected_inline_script_is_refused(live_site, watched):
    """The control: the watch does see a violation when there is one, so the test above could fail."""
    page = watched
    page.goto(live_site + "/")
    page.evaluate(
        "const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s)"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in violations(page))


def test_an_appointment_slip_pdf_still_opens_in_the_browsers_viewer(
    live_site, watched, site_shell, artifacts
):
    """Chrome's PDF viewer is not blocked by `object-src 'none'` on the PDF itself (checked on chromium 156)."""
    pk = site_shell(
        "from gandan.dossiers.models import Dossier\n"
        "print(Dossier.objects.filter(unit__name__contains='Sông Lô').order_by('pk').first().pk)"
    ).split()[-1]
    page = watched
    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=username]", "motcua.songlo")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/staff/")

    response = page.goto(live_site + f"/staff/dossiers/{pk}/form/01.pdf")
    page.wait_for_timeout(1500)  # the viewer loads the document after the navigation

    assert response.status == 200
    assert "object-src 'none'" in response.all_headers()["content-security-policy"]
    assert "private" in response.all_headers()["cache-control"]
    assert violations(page) == []
    page.screenshot(path=artifacts / "appointment-slip-under-csp.png")
