"""Staff pages of the news module, mounted at /staff/news/. Each concern declares its addresses in its views module."""

from gandan.news.views import articles, comments, words

app_name = "news"

urlpatterns = [*articles.urlpatterns, *comments.urlpatterns, *words.urlpatterns]
