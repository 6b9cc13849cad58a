"""How a message leaves the system. One interface, three adapters; `channel_for` picks one from the settings, so
a laptop demo prints everything to the console and a deployment switches real channels on by environment.

Every send carries the notification's idempotency key, so a message sent again after a worker died mid-send is
recognised downstream as the same message: an `Idempotency-Key` header to the HTTP gateway, a `Message-ID`
derived from the key for e-mail (mail servers and clients drop a second copy with the same Message-ID).
"""

import hashlib
import json
import logging
import sys
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, send_mail

logger = logging.getLogger("gandan.notify")

GATEWAY_TIMEOUT_SECONDS = 10


class Channel(Protocol):
    name: str

    def send(self, *, recipient: str, subject: str, body: str, key: str = "") -> None:
        """Deliver one message or raise; returning means the message was accepted. `key` is the notification's
        idempotency key: the same key is the same message."""


class ConsoleChannel:
    name = "console"

    def __init__(self, *, intended: str = "console") -> None:
        # The channel the message was meant for, shown so a demo reader sees "this would have been an SMS".
        self.intended = intended

    def send(self, *, recipient: str, subject: str, body: str, key: str = "") -> None:
        block = "\n".join(
            [
                " ".join(part for part in ("-----", f"notification ({self.intended})", key, "-----") if part),
                f"To: {recipient}",
                f"Subject: {subject}",
                "",
                body,
                "-" * 40,
            ]
        )
        logger.info("%s", block)
        # Also straight to stdout: the default logging level is WARNING, and the demo must show the message.
        print(block, file=sys.stdout, flush=True)


def message_id(key: str) -> str:
    """The same Message-ID for every send of one notification."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "gandan.localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}.notify@{domain}>"


class EmailChannel:
    name = "email"

    def send(self, *, recipient: str, subject: str, body: str, key: str = "") -> None:
        if not key:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
            return
        EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], headers={"Message-ID": message_id(key)}
        ).send(fail_silently=False)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib turns a redirected POST into a GET without the body; a gateway that redirects has not accepted
    # the message, so the 3xx is raised as an HTTPError instead of followed.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HttpGatewayChannel:
    """POSTs {"to": ..., "text": ...} as JSON to an SMS/Zalo gateway, with the notification's key as the
    `Idempotency-Key` header (a gateway that honours it sends a repeated request once); any answer outside 2xx is
    a failure."""

    name = "sms"

    def __init__(self, *, url: str, token: str = "", timeout: float = GATEWAY_TIMEOUT_SECONDS) -> None:
        if not url.lower().startswith(("http://", "https://")):
            raise ValueError("the SMS gateway URL must be http:// or https://")
        self.url = url
        self.token = token
        self.timeout = timeout

    def send(self, *, recipient: str, subject: str, body: str, key: str = "") -> None:
        payload = json.dumps({"to": recipient, "text": body}, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if key:
            headers["Idempotency-Key"] = key
        # The scheme is checked in __init__, so no file:// or custom scheme can reach urllib.
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        # Non-2xx answers (4xx, 5xx, unfollowed 3xx) raise urllib.error.HTTPError from open().
        with opener.open(request, timeout=self.timeout) as response:
            if not 200 <= response.status < 300:
                raise OSError(f"SMS gateway answered HTTP {response.status}")


def channel_for(kind: str) -> Channel:
    """The adapter for a notification's channel ("console", "email" or "sms"), as the settings allow."""
    if kind == "console":
        return ConsoleChannel()
    if kind == "email":
        return EmailChannel() if settings.GANDAN_NOTIFY_EMAIL else ConsoleChannel(intended="email")
    if kind == "sms":
        url = settings.GANDAN_SMS_GATEWAY_URL
        if url:
            return HttpGatewayChannel(url=url, token=settings.GANDAN_SMS_GATEWAY_TOKEN)
        return ConsoleChannel(intended="sms")
    raise ValueError(f"unknown notification channel {kind!r}")
