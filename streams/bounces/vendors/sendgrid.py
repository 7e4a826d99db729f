"""SendGrid Event Webhook: bounce, dropped, deferred, spamreport and delivered events. Pure.

Shapes from Twilio SendGrid's "Event Webhook Reference": SendGrid posts a JSON array of event
objects, each with `event`, `email`, `timestamp`, `sg_event_id`, `sg_message_id`, `smtp-id`;
`bounce` adds `type` (bounce | blocked), `status` (enhanced code) and `reason` (the server's
text); `deferred` adds `response` and `attempt`; `dropped` adds `reason` (SendGrid's own words).
One event or a whole batch may be given; engagement events in a batch (open, click, ...) are
skipped, and a payload with no delivery event at all is a ParseError.

Reason hints, where SendGrid's event is definitive: spamreport -> feedback; delivered -> delivered.
A dropped event's reason is reported as Bounce.reporter_code ("dropped:<reason>"), and
streams/classify/reporters.py CODES["sendgrid"] reads it: dropped "Bounced Address" (suppressed after an earlier bounce) and "Invalid" (not an address)
-> userunknown; dropped "Spam Reporting Address" -> feedback; dropped "Spam Content" ->
spamdetected. A `blocked` bounce is refused for the sender's or message's sake; its server text
tells the classifier more than SendGrid's type, so it goes there like a `bounce` does.
"""
from __future__ import annotations

from typing import Any

from streams.bounces.vendors.fields import mapping, recipient_of, reply_in, status_in, text
from streams.model import Bounce, ParseError, Reason

_DELIVERY_EVENTS = frozenset({"bounce", "dropped", "deferred", "spamreport", "delivered"})
def parse(payload: Any, recipient: str = "") -> list[Bounce]:
    """One Bounce per delivery event in a SendGrid webhook body (one event or a batch)."""
    events = payload if isinstance(payload, list) else [mapping(payload, "sendgrid")]
    rows = []
    for i, event in enumerate(events):
        event = mapping(event, f"sendgrid[{i}]")
        kind = text(event, "event")
        if kind in _DELIVERY_EVENTS:
            rows.append(_event(kind, event, recipient))
        elif not kind:
            raise ParseError(f"sendgrid[{i}]: no 'event' field")
    if not rows:
        raise ParseError("sendgrid: no bounce, dropped, deferred, spamreport or delivered event")
    return rows


def _event(kind: str, event: dict[str, Any], recipient: str) -> Bounce:
    diagnostic = text(event, "response") if kind in ("deferred", "delivered") else text(event, "reason")
    hint, rule = None, ""
    if kind == "spamreport":
        hint, rule = Reason.FEEDBACK, "sendgrid:spamreport"
    elif kind == "delivered":
        hint, rule = Reason.DELIVERED, "sendgrid:delivered"
    action = {"bounce": "failed", "dropped": "failed", "deferred": "delayed", "delivered": "delivered"}.get(kind, "")
    return Bounce(
        recipient=recipient_of(text(event, "email"), recipient, "sendgrid"),
        status=status_in(text(event, "status"), diagnostic),
        reply_code=reply_in("", diagnostic),
        diagnostic=diagnostic,
        action=action,
        remote_host="",
        message_id=text(event, "smtp-id").strip("<>") or text(event, "sg_message_id"),
        feedback_type="abuse" if kind == "spamreport" else "",
        reason_hint=hint,
        hint_rule=rule,
        reporter="sendgrid",
        # SendGrid's own words on a dropped event ("Bounced Address"): CODES["sendgrid"] in
        # streams/classify/reporters.py says which state a reason
        reporter_code=f"dropped:{diagnostic.lower()}" if kind == "dropped" else "",
    )
