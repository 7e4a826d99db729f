"""E-mail bounces (RFC 5322 text) -> Bounce rows: one module per format, tried in the order of FORMATS.

Each module has `parse(msg: message.Message) -> list[Bounce] | None`; None (or an empty list) means
"not mine, try the next". Order matters: standard reports first (an ARF report is also a
multipart/report), MTA-specific readers next, auto-replies after them (bounces are auto-submitted
too), the free-text heuristic last.
"""
from __future__ import annotations

from dataclasses import replace

from streams.bounces import message
from streams.bounces.address import normalise
from streams.bounces.formats import arf, autoreply, dsn, heuristic
from streams.model import Bounce, ParseError

__all__ = ["FORMATS", "parse_email"]

FORMATS = (
    arf,  # RFC 5965 feedback reports (and common non-standard complaint formats)
    dsn,  # RFC 3464 multipart/report; report-type=delivery-status
    # MTA-specific modules (bounces that are not standard DSNs) go here, most specific first.
    autoreply,  # RFC 3834 auto-replies, vacation notices
    heuristic,  # last resort: free-text bounces
)


def parse_email(payload: str | bytes, recipient: str = "") -> list[Bounce]:
    """Every reported recipient of one e-mail bounce, read by the first format that claims it.

    `recipient` (the address the producer knows, or "") fills rows whose recipient the message
    does not give. Raises ParseError when the payload is not an e-mail or yields no recipient.
    """
    if not isinstance(payload, (str, bytes)):
        raise ParseError(f"an e-mail payload must be text, not {type(payload).__name__}")
    msg = message.read(payload)
    if not msg.headers.items:
        raise ParseError("not an e-mail message: no header fields")
    fallback = normalise(recipient)
    for module in FORMATS:
        rows = module.parse(msg)
        if not rows:
            continue
        rows = [row if row.recipient else replace(row, recipient=fallback) for row in rows]
        rows = [row for row in rows if row.recipient]
        if rows:
            return rows
    raise ParseError("no bounced recipient found in the message")
