"""Staff pages of the dialogues module, mounted at /staff/dialogues/: the dialogues, their questions and their
commitments. Each concern declares its own addresses in its views module and is listed here."""

from gandan.dialogues.views import commitments, dialogues, questions

app_name = "dialogues"

urlpatterns = [*dialogues.urlpatterns, *questions.urlpatterns, *commitments.urlpatterns]
