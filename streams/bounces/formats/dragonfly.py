"""DragonFly Mail Agent (dma) bounces: "This is the DragonFly Mail Agent ... There was an error delivering".

Layout (dma's net.c/mail.c, and Sisimai's lhost/via-dragonfly.go):
    This is the DragonFly Mail Agent v0.13 at mx.example.org.
    There was an error delivering your mail to <user@example.net>.
    mx.example.net [192.0.2.1] did not like our RCPT TO:
    550 5.1.1 <user@example.net>: Recipient address rejected: User unknown
    Original message follows.   (or "Message headers follow.")
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_MARK = "This is the DragonFly Mail Agent"
_ERROR = "There was an error delivering your mail to"
_ENDS = ("Original message follows.", "Message headers follow.")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _MARK not in mail.text[:2000]:
        return None
    rows = textual.lines(mail.text)
    report = textual.between(rows, (_ERROR,), _ENDS)
    if report is None:
        return None
    body, end = report
    recipient = textual.first_address(next(row for row in rows if _ERROR in row))
    if not recipient:
        return None
    host = command = ""
    reply: list[str] = []
    for row in body:
        if " did not like our " in row:
            # "mx.example.net [192.0.2.1] did not like our RCPT TO:" introduces the server's reply.
            host = textual.remote_host(row)
            command = textual.smtp_command(row)
            reply = []
        elif row.strip():
            reply.append(row)
    original = mail.original or "\n".join(rows[end + 1:])
    return [textual.bounce(recipient, textual.diagnostic(reply), host=host, command=command,
                           original_id=textual.message_id(original))]
