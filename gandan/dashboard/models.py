"""The dashboard's store: every module's figures per commune and month, computed in the background
(services.figures_refresh), so that a province's page over 150 communes reads a few thousand small rows instead of
counting a million dossiers."""

from django.db import models


class MonthlyFigure(models.Model):
    commune_path = models.CharField(max_length=255)
    month = models.DateField()  # the month's first day
    key = models.CharField(max_length=60)  # hooks.Indicator.key
    numerator = models.IntegerField(default=0)
    denominator = models.IntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune_path", "month", "key"], name="dashboard_one_figure"),
        ]
        indexes = [models.Index(fields=["month", "commune_path"], name="dashboard_month")]

    def __str__(self) -> str:
        return f"{self.commune_path} {self.month:%m/%Y} {self.key}: {self.numerator}/{self.denominator}"
