"""RFC 5965 feedback reports (ARF): multipart/report; report-type=feedback-report. A complaint.

The complaining recipient is Original-Rcpt-To (RFC 5965 §3.2), else the To of the returned
original (RFC 6650 recommends redacting it, so it may be missing or masked). Providers that send
complaints without the report part are recognised by their own marks: Hotmail's JMRP puts
X-HmXmrOriginalRecipient in the returned original; Apple Mail's unsubscribe button sends a mail
with X-Apple-Unsubscribe: true from the recipient itself.
"""
from __future__ import annotations

from email.message import Message
from email.parser import HeaderParser

from streams.bounces.address import normalise
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.model import Bounce, Reason


def _report_fields(msg: Message) -> Message | None:
    for part in msg.walk():
        if part.get_content_type() == "message/feedback-report":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                return payload[0]
            text = part.get_payload(decode=True) or str(payload).encode()
            return HeaderParser().parsestr(text.decode("utf-8", "replace").replace("\r\n", "\n"))
    return None


def parse(msg: Message) -> list[Bounce] | None:
    fields = _report_fields(msg)
    original = returned.read(msg)
    jmrp = original.headers.get_all("X-HmXmrOriginalRecipient", []) if original.headers is not None else []
    apple = str(msg.get("X-Apple-Unsubscribe", "")).strip().lower() == "true"
    if fields is None and not jmrp and not apple:
        return None
    candidates = [str(v) for v in fields.get_all("Original-Rcpt-To", [])] if fields is not None else []
    candidates += [str(v) for v in jmrp]
    candidates += textual.addresses(original.to)
    if apple:
        candidates += textual.addresses(str(msg.get("From", "")))
    recipients = [normalise(c) for c in candidates if "@" in c]
    if not recipients:
        return None
    feedback_type = "abuse"
    if fields is not None:
        feedback_type = " ".join(str(fields.get("Feedback-Type", "abuse")).split()).lower()
    elif apple:
        feedback_type = "opt-out"
    return [Bounce(
        recipient=recipients[0],
        diagnostic=f"feedback report: {feedback_type}",
        feedback_type=feedback_type,
        message_id=original.message_id,
        contact_hints=original.hints,
        reason_hint=Reason.FEEDBACK,
        hint_rule=f"arf:{feedback_type}",
    )]
