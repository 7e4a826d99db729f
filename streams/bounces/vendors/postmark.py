"""Postmark webhooks: Bounce (every bounce Type), SpamComplaint and Delivery records. Pure.

Shapes from Postmark's "Bounce webhook", "Spam complaint webhook" and "Delivery webhook"
documentation and its bounce-type table (Type / TypeCode): a record has `RecordType`, `Type`,
`TypeCode`, `Email` (`Recipient` for deliveries), `Description` (Postmark's words), `Details` (the
server's reply), `MessageID` (Postmark's id of the original) and `Metadata` (the sender's own
fields, kept as contact hints). The bounce API's records (no RecordType) read the same way.

What Postmark's Type states (the parser reports the Type as Bounce.reporter_code; the mapping is
streams/classify/reporters.py CODES["postmark"]): SpamComplaint -> feedback; AutoResponder ->
vacation; AddressChange -> hasmoved; BadEmailAddress -> userunknown; DnsError (Postmark: a
temporary DNS error) -> networkerror; SpamNotification -> spamdetected; VirusNotification ->
virusdetected; ChallengeVerification -> filtered; Blocked -> blocked; DMARCPolicy ->
authfailure; Unconfirmed (the sender signature is unconfirmed) -> rejected;
TemplateRenderingFailed (the message could not be built) -> contenterror; Delivery -> delivered.
HardBounce, SoftBounce, Transient, Unknown, ManuallyDeactivated and SMTPApiError go to the
classifier with the server's text. Subscribe, Unsubscribe, OpenRelayTest and InboundError say
nothing about delivery to a recipient and are a ParseError.
"""
from __future__ import annotations

from typing import Any

from streams.bounces.vendors.fields import mapping, recipient_of, reply_in, status_in, text
from streams.model import Bounce, ParseError, Reason

# Types that are not failures: a complaint (feedback_type "abuse") and an auto-reply.
_COMPLAINT, _AUTO_REPLY = "SpamComplaint", "AutoResponder"
_NOT_DELIVERY = frozenset({"Subscribe", "Unsubscribe", "OpenRelayTest", "InboundError"})
# Postmark's TypeCode for each Type, for records that carry the code alone.
_TYPE_OF_CODE: dict[int, str] = {
    1: "HardBounce", 2: "Transient", 16: "Unsubscribe", 32: "Subscribe", 64: "AutoResponder",
    128: "AddressChange", 256: "DnsError", 512: "SpamNotification", 1024: "OpenRelayTest",
    2048: "Unknown", 4096: "SoftBounce", 8192: "VirusNotification", 16384: "ChallengeVerification",
    100000: "BadEmailAddress", 100001: "SpamComplaint", 100002: "ManuallyDeactivated",
    100003: "Unconfirmed", 100006: "Blocked", 100007: "SMTPApiError", 100008: "InboundError",
    100009: "DMARCPolicy", 100010: "TemplateRenderingFailed",
}


def parse(payload: Any, recipient: str = "") -> list[Bounce]:
    """The one Bounce a Postmark Bounce, SpamComplaint or Delivery record reports."""
    record = mapping(payload, "postmark")
    kind = text(record, "RecordType") or "Bounce"
    metadata = mapping(record.get("Metadata") or {}, "postmark: Metadata")
    hints = tuple((f"Metadata.{name}", text(metadata, name)) for name in sorted(metadata)
                  if not isinstance(metadata[name], (dict, list)))
    message_id = text(record, "MessageID")
    if kind == "Delivery":
        details = text(record, "Details")
        return [Bounce(
            recipient=recipient_of(text(record, "Recipient"), recipient, "postmark"),
            status=status_in("", details), reply_code=reply_in("", details), diagnostic=details,
            action="delivered", message_id=message_id, contact_hints=hints,
            reason_hint=Reason.DELIVERED, hint_rule="postmark:delivery",
        )]
    if kind not in ("Bounce", "SpamComplaint"):
        raise ParseError(f"postmark: RecordType {kind!r} is not Bounce, SpamComplaint or Delivery")
    bounce_type = text(record, "Type") or _type_of_code(record)
    if not bounce_type:
        raise ParseError("postmark: a bounce record with no Type or TypeCode")
    if bounce_type in _NOT_DELIVERY:
        raise ParseError(f"postmark: bounce Type {bounce_type!r} is not a delivery failure")
    # Details holds the remote server's reply; Description is Postmark's generic sentence.
    diagnostic = text(record, "Details") or text(record, "Description")
    return [Bounce(
        recipient=recipient_of(text(record, "Email"), recipient, "postmark"),
        status=status_in("", diagnostic),
        reply_code=reply_in("", diagnostic),
        diagnostic=diagnostic,
        action="" if bounce_type in (_COMPLAINT, _AUTO_REPLY) else "failed",
        message_id=message_id,
        feedback_type="abuse" if bounce_type == _COMPLAINT else "",
        contact_hints=hints,
        reporter="postmark",
        reporter_code=bounce_type,
    )]


def _type_of_code(record: dict[str, Any]) -> str:
    code = record.get("TypeCode")
    return _TYPE_OF_CODE.get(code, "") if isinstance(code, int) and not isinstance(code, bool) else ""
