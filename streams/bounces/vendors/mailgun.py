"""Mailgun webhooks: failed (permanent or temporary), complained and delivered events. Pure.

Shapes from Mailgun's "Webhook Payloads" and "Event Types" documentation: the body is
{"signature": {...}, "event-data": {...}}; the event data (also accepted bare, as the Events API
returns it) has `event`, `recipient`, `severity` (permanent | temporary) and `reason` for failed
events, `delivery-status` with `code` (an SMTP reply code, or Mailgun's own 6xx for a message it
did not send), `enhanced-code`, `message` (the server's reply), `description` (Mailgun's words) and
`mx-host`, `message.headers.message-id`, and the sender's `user-variables`, kept as contact hints.

Reasons where Mailgun's `reason` is definitive (reported as Bounce.reporter_code "failed:<reason>",
read by streams/classify/reporters.py CODES["mailgun"]): suppress-bounce (not sent: the address
bounced before) -> userunknown; suppress-complaint (not sent: the recipient complained) ->
feedback; old (retried until too old) -> expired; complained -> feedback; delivered -> delivered.
bounce, generic, greylisted, espblock and suppress-unsubscribe go to the classifier with the text.
"""
from __future__ import annotations

from typing import Any

from streams.bounces.vendors.fields import mapping, recipient_of, reply_in, status_in, text
from streams.model import Bounce, ParseError, Reason

def parse(payload: Any, recipient: str = "") -> list[Bounce]:
    """The one Bounce a Mailgun failed, complained or delivered event reports."""
    body = mapping(payload, "mailgun")
    data = mapping(body["event-data"], "mailgun: event-data") if "event-data" in body else body
    kind = text(data, "event")
    status = mapping(data.get("delivery-status") or {}, "mailgun: delivery-status")
    message = mapping(data.get("message") or {}, "mailgun: message")
    headers = mapping(message.get("headers") or {}, "mailgun: message.headers")
    variables = mapping(data.get("user-variables") or {}, "mailgun: user-variables")
    diagnostic = text(status, "message") or text(status, "description")
    reason = text(data, "reason")
    if kind == "failed":
        hint, rule = None, ""
        action = "delayed" if text(data, "severity") == "temporary" else "failed"
    elif kind == "complained":
        hint, rule, action = Reason.FEEDBACK, "mailgun:complained", ""
    elif kind == "delivered":
        hint, rule, action = Reason.DELIVERED, "mailgun:delivered", "delivered"
    else:
        raise ParseError(f"mailgun: event {kind!r} is not failed, complained or delivered"
                         if kind else "mailgun: no 'event' field")
    return [Bounce(
        recipient=recipient_of(text(data, "recipient"), recipient, "mailgun"),
        status=status_in(text(status, "enhanced-code"), diagnostic),
        reply_code=reply_in(text(status, "code"), diagnostic),
        diagnostic=diagnostic,
        action=action,
        remote_host=text(status, "mx-host"),
        message_id=text(headers, "message-id").strip("<>"),
        feedback_type="abuse" if kind == "complained" else "",
        contact_hints=tuple((f"user-variables.{name}", text(variables, name)) for name in sorted(variables)
                            if not isinstance(variables[name], (dict, list))),
        reason_hint=hint,
        hint_rule=rule,
        reporter="mailgun",
        # Mailgun's reason of a failed event: CODES["mailgun"] in streams/classify/reporters.py
        reporter_code=f"failed:{reason}" if kind == "failed" and reason else "",
    )]
