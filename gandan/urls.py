from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from gandan.api import api
from gandan.modules import registered
from gandan.operations.views.metrics import metrics

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("gandan.portal.urls")),
    path("accounts/", include("gandan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    # Prometheus text format; 404 unless GANDAN_METRICS_TOKEN or GANDAN_METRICS_ALLOW_IPS is set.
    path("metrics", metrics, name="metrics"),
]
for package, module in registered():
    if module.has_urls:
        urlpatterns.append(path(f"staff/{module.key}/", include(f"{package}.urls")))
    if module.has_public:
        urlpatterns.append(path("", include(f"{package}.public")))

if "gandan.fieldreports" in settings.GANDAN_MODULES:
    # Open311 GeoReport v2: the open standard's fixed address, outside /api/ (its own formats and error bodies).
    urlpatterns.append(path("open311/v2/", include("gandan.fieldreports.open311.urls")))

if settings.GANDAN_BENCH:
    from gandan.portal.bench_views import ceiling

    urlpatterns.append(path("bench/ceiling", ceiling))

handler400 = "gandan.portal.errors.bad_request"
handler404 = "gandan.portal.errors.not_found"
handler500 = "gandan.portal.errors.server_error"
# No route serves MEDIA_URL, not even with DEBUG on: uploads leave only through views that check scope and grants
# (gandan.kit.downloads). Never mount Django's static-file helper on the media folder here.
