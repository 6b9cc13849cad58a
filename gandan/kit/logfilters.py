"""Log records adjusted before they are written.

A failing health check answers 503 (gandan.api `health`), which Django's request logger writes as an ERROR with the
request on every poll: a monitor asking each minute while the worker is down would fill the log (and any error mail)
with one "Service Unavailable" a minute, and hide the real errors. The health check's 503 is the answer it was asked
for, not a failure of the site: it is written as a WARNING naming the check that fails.
"""

import logging

HEALTH_PATH = "/api/v1/health"


class HealthCheckAnswer(logging.Filter):
    """For the `django.request` logger: the health check's 503 becomes a WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) == 503 and getattr(request, "path", "") == HEALTH_PATH:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = "Health check answered 503 (a check fails): %s", (HEALTH_PATH,)
        return True
