from gandan.opinion.views import alerts, board

app_name = "opinion"
urlpatterns = board.urlpatterns + alerts.urlpatterns
