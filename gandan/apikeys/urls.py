from gandan.apikeys.views import urlpatterns as pages

app_name = "apikeys"

urlpatterns = [*pages]
