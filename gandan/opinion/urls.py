from gandan.opinion.views import alerts, board, issues, topics

app_name = "opinion"
urlpatterns = board.urlpatterns + issues.urlpatterns + topics.urlpatterns + alerts.urlpatterns
