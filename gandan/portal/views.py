"""Staff pages of the site shell."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gandan.portal.widgets import staff_home_widgets


@require_safe
@login_required
def staff_home(request):
    today = timezone.localdate()
    return render(
        request, "portal/staff_home.html", {"today": today, "widgets": staff_home_widgets(request.user)}
    )
