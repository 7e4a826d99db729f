"""The last resort for bounces no other format claims: find the failed address and the text near it.

Used only for a message that looks like a bounce (a failure subject, a mailer-daemon sender, or an
SMTP reply/enhanced status in its text). The recipient is an address of the report that is not
the bounce's own sender or addressee (a line with an error code wins), else the To of the
returned original; the diagnostic is that address's paragraph.
"""
from __future__ import annotations

from streams.bounces.address import extract, normalise
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Headers, Message
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce

_BOUNCE_MARKS = ("undeliver", "delivery fail", "failure notice", "returned mail", "delivery status",
                 "not delivered", "non remis", "unzustellbar", "could not be delivered", "delivery problem",
                 "mail delivery", "rejected", "error")
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator")
MAX_PARAGRAPH = 8


def _looks_like_a_bounce(headers: Headers, text: str) -> bool:
    subject = headers.get("subject", "").lower()
    sender = headers.get("from", "").lower()
    if any(mark in subject for mark in _BOUNCE_MARKS) or any(d in sender for d in _DAEMONS):
        return True
    head = text[:4000]
    return bool(enhanced_status(head) or reply_code(head))


def _paragraph(rows: list[str], start: int) -> list[str]:
    out = []
    for row in rows[start:start + MAX_PARAGRAPH]:
        if not row.strip() and out:
            break
        out.append(row)
    return out


def parse(msg: Message) -> list[Bounce] | None:
    text = msg.body_text
    if not _looks_like_a_bounce(msg.headers, text):
        return None
    original = returned.read(msg)
    own = {normalise(a) for name in ("from", "to", "return-path", "reply-to", "sender")
           for a in extract(msg.headers.get(name))}
    rows = textual.lines(text)
    found: dict[str, int] = {}
    for index, row in enumerate(rows):
        for address in extract(row):
            address = normalise(address)
            if address not in own and address not in found:
                found[address] = index
    with_code = [a for a, i in found.items()
                 if enhanced_status(" ".join(_paragraph(rows, i))) or reply_code(" ".join(_paragraph(rows, i)))]
    original_to = [normalise(a) for a in extract(original.to)]
    chosen = with_code or original_to[:1] or list(found)[:1]
    if not chosen:
        return None
    out = []
    for address in chosen[:50]:
        start = found.get(address)
        block = _paragraph(rows, start) if start is not None else [r for r in rows if r.strip()][:MAX_PARAGRAPH]
        text = textual.diagnostic(block)
        bounce = textual.bounce(address, text, original_id=original.message_id)
        out.append(bounce)
    return out
