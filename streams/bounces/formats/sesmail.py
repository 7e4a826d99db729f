"""Amazon SES notifications delivered by e-mail (an SNS e-mail subscription): the JSON is the body. Pure.

SNS sends each notification as a text/plain message whose body opens with the SES JSON
(`notificationType` or `eventType`) and ends with SNS's unsubscribe footer. The JSON is read by
the webhook reader, streams.bounces.vendors.ses. Relays that cut over-long lines (Sendmail's
"!" + line break + space, at about 990 characters) are undone before the JSON is decoded.
"""
from __future__ import annotations

import orjson

from streams.bounces.message import Message
from streams.bounces.vendors import ses
from streams.model import Bounce, ParseError

_MARKS = ('"notificationType"', '"eventType"')


def _json_text(body: str) -> str:
    """The JSON object that opens `body` (its lines up to the first empty one), re-joined."""
    end = body.find("\n\n")
    block = body if end < 0 else body[:end]
    return block.replace("!\n ", "").replace("\n", "")


def parse(msg: Message) -> list[Bounce] | None:
    body = msg.body_text.lstrip()
    if not body.startswith("{") or not any(mark in body[:200] for mark in _MARKS):
        return None
    try:
        return ses.parse(orjson.loads(_json_text(body))) or None
    except (orjson.JSONDecodeError, ParseError):
        return None
