from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gandan.accounts.rules import Perm
from gandan.audit.forms import EventFilterForm
from gandan.audit.labels import action_labels, readable_events
from gandan.audit.selectors import (
    event_actions_for_user,
    event_list_for_user,
    event_people_for_user,
    sensitive_reads_for_user,
)
from gandan.web import paginate, require_perm


@require_safe
@login_required
def event_list(request):
    require_perm(request.user, Perm.AUDIT_VIEW)
    form = EventFilterForm(
        request.GET or None,
        actions=event_actions_for_user(request.user),
        labels=action_labels(),
        people=event_people_for_user(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows = event_list_for_user(request.user, **{k: v for k, v in filters.items() if v})
    reads = sensitive_reads_for_user(request.user, since=filters.get("since"), until=filters.get("until"))[
        :20
    ]
    page = paginate(request, rows)
    # Names, links and status names come from the module owning each record, for this user (gandan.audit.labels).
    events = readable_events(request.user, list(page["page_obj"]))
    return render(request, "audit/list.html", {"form": form, "reads": reads, "events": events, **page})
