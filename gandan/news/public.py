"""Citizen pages of the news (no login). Each concern declares its own addresses in its public_* module."""

from gandan.news import public_articles, public_comments

app_name = "news_public"

urlpatterns: list = [*public_articles.urlpatterns, *public_comments.urlpatterns]
