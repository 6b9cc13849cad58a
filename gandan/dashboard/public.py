"""The public transparency page of a commune's service: month by month, the share of dossiers handled on time, the
citizens' satisfaction and the petitions resolved on time — rates and counts only, never a record or a person."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gandan.dashboard.charts import trend_svg
from gandan.dashboard.selectors import transparency_for_unit
from gandan.dashboard.services import figures_refresh_request
from gandan.portal.selectors import portal_unit


@require_safe
def transparency_page(request):
    unit = portal_unit()
    if unit is None:
        raise Http404
    data = transparency_for_unit(unit)
    if data.stale:  # no one opened the staff dashboard lately: the worker recounts (one request at a time)
        figures_refresh_request()
    charts = [
        (
            trend,
            trend_svg(
                trend,
                months=data.months,
                label=_("%(indicator)s, the last twelve months") % {"indicator": trend.indicator.label},
            ),
        )
        for trend in data.trends
    ]
    return render(request, "dashboard/transparency.html", {"data": data, "charts": charts})


app_name = "dashboard_public"
urlpatterns = [path("minh-bach/", transparency_page, name="transparency")]
