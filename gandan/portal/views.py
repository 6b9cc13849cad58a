"""Staff pages of the site shell: the home ("Việc của tôi") and the officer's inbox ("Thông báo")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gandan.notify.selectors import inbox_for_user, inbox_item_get_for_user
from gandan.notify.services import inbox_open, inbox_read_all
from gandan.portal.widgets import staff_home_sections, staff_home_widgets
from gandan.web import paginate

INBOX_PER_PAGE = 30


@require_safe
@login_required
def staff_home(request):
    today = timezone.localdate()
    context = {
        "today": today,
        "widgets": staff_home_widgets(request.user),
        "sections": staff_home_sections(request.user),
    }
    return render(request, "portal/staff_home.html", context)


@require_safe
@login_required
def inbox(request):
    context = paginate(request, inbox_for_user(request.user), per_page=INBOX_PER_PAGE)
    return render(request, "portal/inbox.html", context)


@require_POST
@login_required
def inbox_item_open(request, pk: int):
    """Opening an item marks it read and follows its link (a POST: reading changes state)."""
    item = inbox_open(item=inbox_item_get_for_user(request.user, pk), by=request.user)
    if not url_has_allowed_host_and_scheme(item.link, allowed_hosts=None):
        return redirect("portal:inbox")
    return redirect(item.link)


@require_POST
@login_required
def inbox_read_everything(request):
    count = inbox_read_all(by=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("portal:inbox")
