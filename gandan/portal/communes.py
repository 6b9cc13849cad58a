"""A commune chosen by its own address, so that one installation serves the communes of a province.

- `/xa/<slug>/…`: <slug> is the commune's name without its kind word and diacritics ("song-lo" for "Xã Sông Lô") or
  its official code ("08848"). The prefix is taken off the path before the URL resolver sees it and becomes the
  script prefix, so every `reverse()` and `{% url %}` of the page keeps the commune in its links (static files stay
  at /static/). A name shared by several communes answers a page listing them; an unknown one is a 404.
- A host name per commune (GANDAN_PORTAL_HOSTS, "songlo.phutho.gov.vn=08848,…"): the whole site at that host is the
  commune's.

Either way `portal.selectors.portal_unit()` answers that commune for the request, through a context variable set
and reset around the rest of the request (an exception included), so threads serving other communes never see it.
Without either, "/" is the commune of GANDAN_PORTAL_UNIT as before. Staff pages, the API and the admin are not
per commune: under a commune's prefix they redirect to their own address."""

import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, set_script_prefix

from gandan.portal.rules import parse_hosts
from gandan.portal.selectors import commune_by_code, communes_by_slug, portal_unit_chosen

_PREFIX = re.compile(r"^/xa/(?P<slug>[a-z0-9][a-z0-9-]{0,99})(?P<rest>/.*)?$")
# Not a commune's pages: redirected to their address without the prefix.
_SITE_WIDE = ("/staff/", "/api/", "/admin/", "/xa/")


class CommuneAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.hosts = parse_hosts(settings.GANDAN_PORTAL_HOSTS)

    def __call__(self, request):
        base = get_script_prefix()
        match = _PREFIX.match(request.path_info)
        if match is not None:
            return self._by_prefix(request, base, match["slug"], match["rest"])
        unit = self._by_host(request)
        if unit is None:
            return self.get_response(request)
        with portal_unit_chosen(unit):
            return self.get_response(request)

    def _by_prefix(self, request, base: str, slug: str, rest: str | None):
        if not rest:  # /xa/song-lo → /xa/song-lo/
            return HttpResponseRedirect(_with_query(request, request.path + "/"))
        communes = communes_by_slug(slug)
        if not communes:
            raise Http404
        if len(communes) > 1:
            return render(request, "portal/communes_same_name.html", {"communes": communes, "base": base})
        if rest.startswith(_SITE_WIDE):
            return HttpResponseRedirect(_with_query(request, base + rest[1:]))
        request.path_info = rest
        set_script_prefix(f"{base}xa/{slug}/")
        try:
            with portal_unit_chosen(communes[0]):
                return self.get_response(request)
        finally:
            set_script_prefix(base)

    def _by_host(self, request):
        if not self.hosts:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # refused further on, by CommonMiddleware, with the site's 400 page
        code = self.hosts.get(host.rsplit(":", 1)[0].lower())
        return commune_by_code(code) if code else None


def _with_query(request, path: str) -> str:
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{query}" if query else path
