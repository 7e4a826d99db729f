"""RFC 3464 delivery status notifications: multipart/report; report-type=delivery-status.

Per recipient (RFC 3464 §2.3): Final-Recipient (else Original-Recipient), Action, Status,
Remote-MTA, Diagnostic-Code; per message (§2.2): Reporting-MTA. The returned original
(message/rfc822 or text/rfc822-headers, RFC 6522) gives the Message-ID and contact hints.
Vendor habits handled here because they are general: a generic Status (x.0.0) beside a specific
code in the Diagnostic-Code; X-Actual-Recipient and X-Postfix-Sender; a Diagnostic-Code missing
altogether, when the human-readable part is the only text.
"""
from __future__ import annotations

import re
from email.message import Message

from streams.bounces.address import normalise
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce, Reason

MAX_RECIPIENTS = 500
_SPACES = re.compile(r"\s+")
_TYPED = re.compile(r"^\s*[\w.-]{1,20}\s*;\s*")  # "smtp; ", "dns; ", "X-Postfix; "


def _field(block: Message, name: str) -> str:
    value = block.get(name)
    return _SPACES.sub(" ", str(value)).strip() if value is not None else ""


def _untyped(value: str) -> str:
    return _TYPED.sub("", value, count=1).strip()


def _status(status_field: str, diagnostic: str) -> str:
    """The Status field, unless it is generic (x.0.0) and the server's text is more specific."""
    status = enhanced_status(status_field) or ""
    specific = enhanced_status(diagnostic)
    if specific and (not status or status.endswith(".0.0")) and specific[0] == (status or specific)[0]:
        return specific
    return status


def _blocks(report: Message) -> list[Message]:
    payload = report.get_payload()
    if isinstance(payload, list):
        return [part for part in payload if isinstance(part, Message)]
    # Some MTAs label the part text: parse its field groups ourselves.
    from email.parser import HeaderParser

    text = str(payload).replace("\r\n", "\n")
    return [HeaderParser().parsestr(chunk.strip() + "\n") for chunk in text.split("\n\n") if chunk.strip()]


def _report(msg: Message) -> Message | None:
    for part in msg.walk():
        if part.get_content_type() in ("message/delivery-status", "message/global-delivery-status"):
            return part
    return None


def parse(msg: Message) -> list[Bounce] | None:
    report = _report(msg)
    if report is None:
        return None
    blocks = _blocks(report)
    if not blocks:
        return None
    mail = textual.read(msg)
    first = blocks[0]
    per_message = not (first.get("Final-Recipient") or first.get("Original-Recipient"))
    recipients = blocks[1:] if per_message else blocks
    original = returned.read(msg)
    human = textual.diagnostic(textual.lines(mail.text)[:60])
    out = []
    for block in recipients[:MAX_RECIPIENTS]:
        address = _untyped(_field(block, "Final-Recipient")) or _untyped(_field(block, "Original-Recipient"))
        actual = _field(block, "X-Actual-Recipient")
        if (not address or "@" not in address) and actual:
            address = _untyped(actual)
        if not address or "@" not in address:
            continue
        diagnostic = _untyped(_field(block, "Diagnostic-Code"))
        action = _field(block, "Action").lower().split(" ")[0]
        status = _status(_field(block, "Status"), diagnostic)
        remote = _untyped(_field(block, "Remote-MTA")) or textual.remote_host(diagnostic)
        text = diagnostic or human
        hint = Reason.DELIVERED if action in ("delivered", "relayed", "expanded") else None
        out.append(Bounce(
            recipient=normalise(address),
            status=status,
            reply_code=reply_code(diagnostic),
            diagnostic=text,
            action=action,
            remote_host=remote.strip("[]"),
            message_id=original.message_id,
            smtp_command=textual.smtp_command(text),
            contact_hints=original.hints,
            reason_hint=hint,
            hint_rule="dsn:action-" + action if hint else "",
        ))
    return out or None
