"""Alerts: the list, one alert with its history, and the officials' actions on it."""

urlpatterns: list = []
