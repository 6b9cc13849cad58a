"""The province's topics: the list with what each learned from officials' corrections, adding one, editing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from gandan.errors import DomainError
from gandan.opinion.forms import TopicEditForm
from gandan.opinion.models import Topic
from gandan.opinion.selectors import topics as sel
from gandan.opinion.services import topics as services
from gandan.web import form_add_domain_error, require_perm

EDIT = "topics.edit"


@require_safe
@login_required
def topic_list(request):
    require_perm(request.user, EDIT)
    topics = sel.topics_listed()
    return render(request, "opinion/topics.html", {"topics": topics, "can_edit_topics": True})


def _save(request, topic: Topic | None):
    if request.method == "POST":
        form = TopicEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if topic is None:
                    topic = services.topic_create(
                        name=data["name"],
                        name_en=data["name_en"],
                        keywords=data["keywords"],
                        order=data["order"],
                        by=request.user,
                    )
                    messages.success(request, _("The topic was added."))
                else:
                    services.topic_update(
                        topic=topic,
                        name=data["name"],
                        name_en=data["name_en"],
                        keywords=data["keywords"],
                        order=data["order"],
                        active=data["active"],
                        by=request.user,
                    )
                    messages.success(request, _("The topic was saved."))
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return redirect("opinion:topics")
        status = 400
    else:
        initial = {"order": sel.topic_next_order()}
        if topic is not None:
            initial = {f: getattr(topic, f) for f in ("name", "name_en", "keywords", "order", "active")}
        form = TopicEditForm(initial=initial)
        status = 200
    if topic is None:
        del form.fields["active"]
    learned = sel.topic_learned(topic) if topic else []
    context = {"form": form, "topic": topic, "learned": learned, "can_edit_topics": True}
    return render(request, "opinion/topic_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def topic_new(request):
    require_perm(request.user, EDIT)
    return _save(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def topic_edit(request, pk: int):
    require_perm(request.user, EDIT)
    return _save(request, sel.topic_get(pk))


urlpatterns = [
    path("topics/", topic_list, name="topics"),
    path("topics/new/", topic_new, name="topic_new"),
    path("topics/<int:pk>/", topic_edit, name="topic_edit"),
]
