"""Which raw-bounce format a file holds: provider webhook JSON by its documented shape, else e-mail. Pure.

Shapes (see the vendor modules for the documentation each follows): Amazon SES arrives wrapped in
an SNS notification (`Type` + `Message`) or bare (`notificationType`, or `eventType` for event
publishing); SendGrid posts an array of objects with `event`; Mailgun sends `event-data` (or, from
older webhooks and the events API, the event itself with `event` + `severity`/`recipient`); Postmark
sends an object with `RecordType`. Anything that is not JSON is an e-mail: the e-mail parser tells
DSNs from ARF reports and auto-replies itself.
"""
from __future__ import annotations

from typing import Any

import orjson

from streams.model import Format, ParseError


def vendor_format(event: Any) -> Format:
    """The provider format of one decoded webhook body. Raises ParseError for any other shape."""
    if isinstance(event, list):
        if event and all(isinstance(item, dict) and "event" in item for item in event):
            return Format.SENDGRID
        raise ParseError("a JSON array that is not a SendGrid event batch (objects with an 'event' field)")
    if not isinstance(event, dict):
        raise ParseError(f"a JSON {type(event).__name__} is no provider's webhook body")
    if "Message" in event and ("TopicArn" in event or event.get("Type") == "Notification"):
        return Format.SES
    if "notificationType" in event or "eventType" in event:
        return Format.SES
    if "RecordType" in event or ("TypeCode" in event and "Type" in event):
        return Format.POSTMARK
    if "event-data" in event:
        return Format.MAILGUN
    if "event" in event:
        # Mailgun's event names its address `recipient` and carries `severity`; SendGrid's says `email`.
        if "severity" in event or "delivery-status" in event or "recipient" in event:
            return Format.MAILGUN
        return Format.SENDGRID
    raise ParseError(f"JSON of no known provider shape (keys: {', '.join(sorted(event)[:8])})")


def detect(data: bytes | str) -> tuple[Format, Any]:
    """The format of one raw bounce file and its payload as that format's parser takes it.

    E-mail bytes are decoded as UTF-8 with surrogate escapes, so 8-bit text in other charsets
    survives for the e-mail parser to decode by the part's own charset.
    """
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    if raw.lstrip()[:1] in (b"{", b"["):
        event = _json(raw)
        return vendor_format(event), event
    return Format.DSN, _text(data)


def payload_as(fmt: Format, data: bytes | str) -> Any:
    """One raw bounce file read as `fmt` says: a decoded JSON body for providers, else text."""
    if fmt in _TEXT_FORMATS:
        return _text(data)
    return _json(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data)


_TEXT_FORMATS = frozenset({Format.SMTP, Format.DSN, Format.ARF})


def _text(data: bytes | str) -> str:
    return data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")


def _json(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {exc}") from None
