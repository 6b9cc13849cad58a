"""Headers every response carries so that a page cannot be made to run someone else's script, and personal data is
never kept by a browser or a proxy cache.

- **Content-Security-Policy** on every response (pages, API, errors, admin, /api/docs, even static files): scripts,
  styles, fonts and fetches only from this site, no inline script or style, no plugins, never framed. So an uploaded
  file that slipped through as HTML could not run a script in an officer's session, and an injected `<script>` or
  `onclick=` is refused by the browser. Django 5.2 has no built-in CSP, hence this small middleware. The site has
  no inline script or style (htmx is told not to inject its indicator `<style>`, see base.html); django-ninja's
  Swagger UI and the Django admin work under the same policy (checked in a real browser by
  `portal/tests/test_browser_csp.py`).
- **Permissions-Policy** (GANDAN_PERMISSIONS_POLICY): camera, microphone, geolocation, payment, USB … switched off
  for every page, so even a script that got in could not ask for them. (Referrer-Policy, X-Content-Type-Options,
  Cross-Origin-Opener-Policy and HSTS come from Django's SecurityMiddleware, set in settings.py.)
- **Cache-Control: private, no-store** on every answer produced by a view (staff pages, a citizen's lookup result,
  the API, files): a shared computer's back button or a proxy cache never shows someone else's case. A view may opt
  out for a public, anonymous page by setting `Cache-Control: public, …` itself. Static files (whitenoise) keep
  their long, immutable cache.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}".strip() for directive, sources in policy.items())


class SecurityHeadersMiddleware:
    """Placed right after Django's SecurityMiddleware, above whitenoise, so it sees every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = {**DEFAULT_POLICY, **settings.GANDAN_CSP}
        self.header = policy_header({k: v for k, v in policy.items() if v is not None})
        self.report_only = settings.GANDAN_CSP_REPORT_ONLY
        self.permissions = settings.GANDAN_PERMISSIONS_POLICY
        self.static_prefix = (
            settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"
        )

    def __call__(self, request):
        response = self.get_response(request)
        name = "Content-Security-Policy-Report-Only" if self.report_only else "Content-Security-Policy"
        if name not in response:
            response[name] = self.header
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        if not request.path.startswith(self.static_prefix):
            _no_store(request, response)
        return response


def _no_store(request, response) -> None:
    declared = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    if "public" in declared and not signed_in:
        return  # a page its view declared public and cacheable, seen by an anonymous visitor
    if "public" in declared:
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
