from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "gandan.news"
    label = "news"
    verbose_name = "News"
