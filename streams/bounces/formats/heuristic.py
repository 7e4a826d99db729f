"""The last resort for bounces no other format claims: find the failed address and the text near it.

Used only for a message that looks like a bounce (a failure subject, a mailer-daemon sender, or an
SMTP reply/enhanced status in its text). The recipient is an address of the report that is not
the bounce's own sender or addressee, nor the returned original's sender (one with an error code in a
paragraph naming it wins), else the To of the returned original when the report names it, else the
addresses the report lists one per line, else that To; the diagnostic is that paragraph (Office 365 names the address
first in a summary, then again beside "Remote Server returned '550 5.1.10 ...'"). A sole
recipient whose paragraph has no code takes the report's reply line (MailMarshal writes the
error above the list of recipients).
"""
from __future__ import annotations

import re

from streams.bounces.address import extract, normalise, only_addresses
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Headers, Message
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce

_BOUNCE_MARKS = ("undeliver", "delivery fail", "failure notice", "returned mail", "delivery status",
                 "not delivered", "non remis", "unzustellbar", "could not be delivered", "delivery problem",
                 "mail delivery", "rejected", "error",
                 # older MTAs' subjects: IIS "Nondeliverable mail", "Non-Delivery Report", Yahoo "failure
                 # delivery", Smail "mail failed, returning to sender", "Returned to sender"
                 "nondeliver", "non-deliver", "failure delivery", "mail failed", "returned to sender")
_DAEMONS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator")
_IDS = re.compile(r"\s*(?:message-id|in-reply-to|references|received|x-[\w-]{0,40}id)\s*:", re.I)
MAX_PARAGRAPH = 8
MAX_MENTIONS = 8  # paragraphs of one address looked at


def looks_like_a_bounce(headers: Headers, text: str) -> bool:
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
    if not looks_like_a_bounce(msg.headers, text):
        return None
    original = returned.read(msg)
    own = returned.not_recipients(msg, original, text)
    rows = textual.lines(text)
    found = _mentions(rows[:textual.original_starts(rows)], own) or _mentions(rows, own)
    blocks = {address: _best_paragraph(rows, starts) for address, starts in found.items()}
    for address, block in blocks.items():
        if only_addresses(" ".join(block)):
            # The paragraph only lists recipients ("The following addresses had delivery problems"):
            # the report's next paragraph says why ("Non-delivered information" / the reason).
            blocks[address] = block + _next_paragraph(rows, found[address][0] + len(block))
    with_code = [a for a, block in blocks.items() if _has_code(" ".join(block))]
    original_to = [a for a in map(normalise, extract(original.to)) if a not in own]
    # No reply code: the original's addressee when the report names it; else the addresses the report
    # lists one per line (a list post's To is the list, not the recipient); else the addressee.
    named_to = [a for a in original_to[:1] if a in found]
    chosen = with_code or named_to or _listed(rows, found) or original_to[:1] or list(found)[:1]
    if not chosen:
        return None
    action = "delayed" if textual.is_warning(text) else "failed"
    out = []
    for address in chosen[:50]:
        block = blocks.get(address) or [r for r in rows if r.strip()][:MAX_PARAGRAPH]
        text = textual.diagnostic(block)
        if len(chosen) == 1 and not _has_code(text):
            # One recipient, its error on a line of its own elsewhere ("Could not be delivered
            # because of" / "550 5.1.1 User unknown" / "The following recipients were affected").
            text = " ".join(x for x in (textual.last_reply(rows), text) if x)
        out.append(textual.bounce(address, text, action=action, original_id=original.message_id))
    return out


def _mentions(rows: list[str], own: set[str]) -> dict[str, list[int]]:
    """Each address the rows name (not one of `own`), with the rows naming it: a summary, then details."""
    found: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if "@" not in row or _IDS.match(row):
            # No address (most rows: the quoted original's body); or "Message-ID: <id@host>" names a
            # message, "Received: ... for <a@x>" a hop.
            continue
        for address in extract(row):
            address = normalise(address)
            if address not in own:
                starts = found.setdefault(address, [])
                if len(starts) < MAX_MENTIONS:
                    starts.append(index)
    return found


def _listed(rows: list[str], found: dict[str, list[int]]) -> list[str]:
    """The addresses of `found` that some line opens with, as a list of recipients does."""
    return [a for a, starts in found.items()
            if any(normalise(textual.listed_address(rows[i])) == a for i in starts)]


def _next_paragraph(rows: list[str], end: int) -> list[str]:
    """The paragraph that starts after row `end`, past blank lines; [] when it lists addresses too."""
    start = next((i for i in range(end, min(end + MAX_PARAGRAPH, len(rows))) if rows[i].strip()), None)
    if start is None:
        return []
    block = _paragraph(rows, start)
    return [] if any("@" in row for row in block) else block


def _has_code(text: str) -> bool:
    return bool(enhanced_status(text) or reply_code(text))


def _best_paragraph(rows: list[str], starts: list[int]) -> list[str]:
    """The first of an address's paragraphs that holds a status or reply code, else its first."""
    paragraphs = [_paragraph(rows, start) for start in starts]
    return next((p for p in paragraphs if _has_code(" ".join(p))), paragraphs[0])
