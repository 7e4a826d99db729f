"""m-FILTER (Digital Arts) bounces: "-------server message" / "-------SMTP command" sections.

Layout (Sisimai lhost/via-mfilter.go): a Japanese notice naming m-FILTER, then
    user@example.net
    -------server message
    550 5.1.1 <user@example.net>: Recipient address rejected: User unknown
    -------SMTP command
    DATA
    -------original message      (or "-------original mail info")
"""
from __future__ import annotations


from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_SERVER = "-------server message"
_COMMAND = "-------SMTP command"
_ENDS = ("-------original message", "-------original mail info")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _SERVER not in mail.text or _COMMAND not in mail.text:
        return None
    rows = textual.lines(mail.text)
    head, end = textual.between(rows, (), (_SERVER,))
    recipients = [a for row in head for a in extract(row)[:1] if row.strip() == a]
    server = textual.between(rows, (_SERVER,), (_COMMAND,) + _ENDS)
    command = textual.between(rows, (_COMMAND,), _ENDS)
    if not recipients or server is None:
        return None
    text = textual.diagnostic(server[0])
    verb = next((r.strip().split(" ")[0].upper() for r in (command[0] if command else []) if r.strip()), "")
    original_id = textual.message_id(mail.original or "\n".join(rows[(command or server)[1] + 1:]))
    return [textual.bounce(r, text, command=verb, original_id=original_id) for r in recipients]
