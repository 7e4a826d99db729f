"""MailFoundry gateway bounces: "Unable to deliver message to: <address>".

Layout (Sisimai lhost/via-mailfoundry.go):
    Unable to deliver message to: <user@example.net>
    Delivery failed for the following reason:
    Server mx.example.net[192.0.2.1] failed with: 550 <user@example.net> No such user here
    This has been a permanent failure.  No further delivery attempts will be made.
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_RECIPIENT = "Unable to deliver message to: "
_REASON = "Delivery failed for the following reason:"
_ENDS = ("This has been a permanent failure.", "Content-Type: message/")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _RECIPIENT not in mail.text[:3000] or _REASON not in mail.text[:3000]:
        return None
    rows = textual.lines(mail.text)
    recipient = next((textual.first_address(r) for r in rows if r.startswith(_RECIPIENT)), "")
    reason = textual.between(rows, (_REASON,), _ENDS)
    if not recipient or reason is None:
        return None
    text = textual.diagnostic(reason[0])
    host = textual.remote_host(text)
    # "Server mx[192.0.2.1] failed with: 550 ..." / "mx[192.0.2.1] responded with failure: 552 ...": the reply.
    for marker in (" failed with: ", " responded with failure: "):
        if marker in text:
            text = text.split(marker, 1)[1]
            break
    return [textual.bounce(recipient, text, host=host, original_id=textual.message_id(mail.original))]
