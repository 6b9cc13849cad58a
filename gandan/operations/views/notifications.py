"""Messages a dead worker left half-sent ("needs checking", docs/worker.md): the list for staff, and the deliberate
re-send after a check with the recipient (the installation's administrator only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gandan.accounts.rules import Perm
from gandan.errors import DomainError
from gandan.notify.selectors import notification_needing_check_get, notifications_needing_check
from gandan.notify.services import notification_resend
from gandan.web import require_perm


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notifications_to_check(request):
    require_perm(request.user, Perm.OPERATIONS_VIEW)
    if request.method == "POST":
        require_perm(request.user, Perm.OPERATIONS_MANAGE)
        notification = notification_needing_check_get(request.POST.get("notification", ""))
        if notification is None:
            raise Http404
        try:
            notification_resend(notification=notification, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The message was queued to be sent again."))
        return redirect("operations:notifications")
    return render(
        request,
        "operations/notifications.html",
        {
            "notifications": notifications_needing_check(),
            "can_resend": request.user.can(Perm.OPERATIONS_MANAGE),
        },
    )


urlpatterns = [path("notifications/", notifications_to_check, name="notifications")]
