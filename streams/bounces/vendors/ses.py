"""Amazon SES bounce, complaint, delivery and delivery-delay notifications, bare or wrapped in SNS. Pure.

Shapes from the SES Developer Guide, "Amazon SNS notification contents for Amazon SES" (top-level
`notificationType`; `eventType` when sent by event publishing) and the SNS HTTP(S) notification
envelope (`Type: Notification`, the SES JSON as a string in `Message`).

What the SES types state (the parser reports the type as Bounce.reporter_code, "bounce:<type>/<subtype>"
or "delay:<delayType>", and streams/classify/reporters.py CODES["ses"] maps it; everything else goes
to the classifier through `status` and `diagnosticCode`):
- Complaint -> feedback (`complaintFeedbackType` kept as feedback_type); Delivery -> delivered.
- Permanent/NoEmail: SES says the provider reported that the address does not exist -> userunknown.
- Permanent/Suppressed and Permanent/OnAccountSuppressionList: SES did not even try, because the
  address is on its global list (a recent history of bouncing as invalid) or on the account's own
  list -> userunknown. SES will not deliver to it again, so the contact is treated as dead (hard)
  rather than counted as a soft failure that can never end.
- Transient/MailboxFull -> mailboxfull; Transient/MessageTooLarge -> mesgtoobig. General,
  Undetermined, ContentRejected and AttachmentRejected carry no more than the server's text.
- DeliveryDelay: delayType MailboxFull -> mailboxfull, SpamDetected -> spamdetected,
  IPFailure (the sending IP is blocklisted) -> blocked; the others go to the classifier.
"""
from __future__ import annotations

from typing import Any

import orjson

from streams.bounces.vendors.fields import items, mapping, recipient_of, reply_in, status_in, text
from streams.model import Bounce, ParseError, Reason

def unwrap(payload: Any) -> dict[str, Any]:
    """The SES notification itself, out of its SNS envelope when it has one."""
    body = mapping(payload, "ses")
    if "Message" in body and ("TopicArn" in body or "Type" in body):
        kind = text(body, "Type")
        if kind and kind != "Notification":
            raise ParseError(f"ses: SNS message of type {kind!r} is not a notification")
        message = body["Message"]
        if isinstance(message, str):
            try:
                message = orjson.loads(message)
            except orjson.JSONDecodeError as exc:
                raise ParseError(f"ses: SNS Message is not JSON: {exc}") from None
        body = mapping(message, "ses: SNS Message")
    return body


def parse(payload: Any, recipient: str = "") -> list[Bounce]:
    """One Bounce per recipient named in an SES notification."""
    note = unwrap(payload)
    kind = text(note, "notificationType") or text(note, "eventType")
    mail = mapping(note.get("mail") or {}, "ses: mail")
    common = {"message_id": _message_id(mail), "contact_hints": _hints(mail)}
    if kind == "Bounce":
        return _bounces(mapping(note.get("bounce"), "ses: bounce"), recipient, common)
    if kind == "Complaint":
        return _complaints(mapping(note.get("complaint"), "ses: complaint"), recipient, common)
    if kind == "Delivery":
        return _deliveries(mapping(note.get("delivery"), "ses: delivery"), recipient, common)
    if kind == "DeliveryDelay":
        return _delays(mapping(note.get("deliveryDelay"), "ses: deliveryDelay"), recipient, common)
    raise ParseError(f"ses: notification type {kind!r} is not a bounce, complaint, delivery or delay"
                     if kind else "ses: no notificationType or eventType")


def _bounces(bounce: dict[str, Any], recipient: str, common: dict[str, Any]) -> list[Bounce]:
    kind, subtype = text(bounce, "bounceType"), text(bounce, "bounceSubType")
    rows = []
    for i, entry in enumerate(_listed(bounce, "bouncedRecipients", recipient)):
        entry = mapping(entry, f"ses: bouncedRecipients[{i}]")
        diagnostic = text(entry, "diagnosticCode")
        rows.append(Bounce(
            recipient=recipient_of(text(entry, "emailAddress"), recipient, "ses: bouncedRecipients"),
            status=status_in(text(entry, "status"), diagnostic),
            reply_code=reply_in("", diagnostic),
            diagnostic=diagnostic,
            action=text(entry, "action") or "failed",
            remote_host=text(bounce, "remoteMtaIp"),
            reporter="ses",
            reporter_code=f"bounce:{kind}/{subtype}",
            **common,
        ))
    return rows


def _complaints(complaint: dict[str, Any], recipient: str, common: dict[str, Any]) -> list[Bounce]:
    feedback = text(complaint, "complaintFeedbackType")
    return [
        Bounce(
            recipient=recipient_of(text(mapping(entry, "ses: complainedRecipients[]"), "emailAddress"),
                                   recipient, "ses: complainedRecipients"),
            feedback_type=feedback,
            reason_hint=Reason.FEEDBACK,
            hint_rule="ses:complaint",
            **common,
        )
        for entry in _listed(complaint, "complainedRecipients", recipient)
    ]


def _deliveries(delivery: dict[str, Any], recipient: str, common: dict[str, Any]) -> list[Bounce]:
    response = text(delivery, "smtpResponse")
    return [
        Bounce(
            recipient=recipient_of(entry if isinstance(entry, str) else "", recipient, "ses: delivery.recipients"),
            status=status_in("", response),
            reply_code=reply_in("", response),
            diagnostic=response,
            action="delivered",
            remote_host=text(delivery, "remoteMtaIp"),
            reason_hint=Reason.DELIVERED,
            hint_rule="ses:delivery",
            **common,
        )
        for entry in _listed(delivery, "recipients", recipient)
    ]


def _delays(delay: dict[str, Any], recipient: str, common: dict[str, Any]) -> list[Bounce]:
    kind = text(delay, "delayType")
    rows = []
    for i, entry in enumerate(_listed(delay, "delayedRecipients", recipient)):
        entry = mapping(entry, f"ses: delayedRecipients[{i}]")
        diagnostic = text(entry, "diagnosticCode")
        rows.append(Bounce(
            recipient=recipient_of(text(entry, "emailAddress"), recipient, "ses: delayedRecipients"),
            status=status_in(text(entry, "status"), diagnostic),
            reply_code=reply_in("", diagnostic),
            diagnostic=diagnostic,
            action="delayed",
            reporter="ses",
            reporter_code=f"delay:{kind}",
            **common,
        ))
    return rows


def _listed(obj: dict[str, Any], key: str, recipient: str) -> list[Any]:
    """The entries listed under `key`; an empty list means the producer's recipient alone."""
    found = items(obj.get(key) or [], f"ses: {key}")
    if found:
        return found
    if recipient:
        # delivery.recipients lists bare addresses, the other lists objects with emailAddress
        return [recipient] if key == "recipients" else [{"emailAddress": recipient}]
    raise ParseError(f"ses: no {key} and no recipient supplied")


def _message_id(mail: dict[str, Any]) -> str:
    """The original message's Message-ID header, else SES's own message id."""
    common = mail.get("commonHeaders")
    if isinstance(common, dict) and text(common, "messageId"):
        return text(common, "messageId").strip("<>")  # without brackets, as the other parsers give it
    return text(mail, "messageId")


def _hints(mail: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """X- headers of the original message (SES copies them into mail.headers when asked to)."""
    headers = mail.get("headers")
    if not isinstance(headers, list):
        return ()
    found = []
    for header in headers:
        if isinstance(header, dict):
            name = text(header, "name")
            if name.lower().startswith("x-"):
                found.append((name, text(header, "value")))
    return tuple(found)
