"""The engine's running statistics, updated incrementally as signals are processed (never recomputed in bulk)."""

from django.db import models


class TermStat(models.Model):
    """In how many processed signals a term occurred (document frequency, for weighting rare words above common)."""

    term = models.CharField(max_length=80, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.df})"


class TopicDay(models.Model):
    """Signals of a topic in a commune on a day (the topic × place baseline of the burst model)."""

    topic = models.ForeignKey("opinion.Topic", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "unit_path", "day"], name="one_topic_day")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.day:%d/%m/%Y}: {self.count}"


class EngineState(models.Model):
    """One row: how many signals the engine has processed (the N of the term weights). Its row lock serialises
    processing, so two workers never group the same signals."""

    signals_seen = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.signals_seen)
