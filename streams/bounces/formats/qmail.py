"""qmail-send bounces (and Yahoo's, from a qmail-derived MTA): "Hi. This is the qmail-send program".

qmail's bounce format (cr.yp.to/proto/qsbmf.txt, "qmail-send bounce message format"; Sisimai
lhost/via-qmail.go, via-yahoo.go):
    Hi. This is the qmail-send program at mx.example.org.
    I'm afraid I wasn't able to deliver your message to the following addresses.
    This is a permanent error; I've given up. Sorry it didn't work out.

    <user@example.net>:
    192.0.2.1 does not like recipient.
    Remote host said: 550 5.1.1 <user@example.net>... User Unknown
    Giving up on 192.0.2.1.

    --- Below this line is a copy of the message.
Each recipient paragraph starts with "<address>:" at the left margin; qmail's own status is
written "(#5.1.2)". Yahoo writes "Sorry, we were unable to deliver your message to the following
address." and the same paragraphs; so do other qmail derivatives (Sisimai lhost/via-x2.go,
via-x4.go): "Unable to deliver message to the following address(es).", "Su mensaje no pudo ser
entregado", "This is the mail delivery agent at ...", ..., ending at "--- Original message follows.".
"""
from __future__ import annotations

import re

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_STARTS = (
    "This is the qmail-send program",
    "Sorry, we were unable to deliver your message to the following address",
    "Unable to deliver message to the following address",
    "unable to deliver your message to the following addresses",
    "Su mensaje no pudo ser entregado",
    "This is the machine generated message from mail service",
    "This is the mail delivery agent at",
    "Unfortunately, your mail was not delivered to the following address:",
    "Your mail message to the following address",
    "Your message to the following addresses",
    "He/Her is not ",
    # qmail derivatives' intros (Mailman 2 / flufl.bounce's qmail detector)
    "Hi. The MTA program at",
    "Hi. This is the ",  # QSBMF's greeting under another program's name
    "We're sorry. There's a problem with the e-mail address",
    "Check your send e-mail address.",
)
_ENDS = ("--- Below this line is a copy of the message", "--- Enclosed is a copy of the message",
         "--- Enclosed are the original headers", "--- Original message follows")
# qmail's own status, "(#5.1.2)" or "(#4.4.1)", and the retry trailer it may run into.
_QMAIL_STATUS = re.compile(r"\(#([245]\.\d{1,3}\.\d{1,3})\)")
_NOISE = ("Giving up on ", "I'm not going to try again", "(Other MXes tried", "From: <")
# qmail-remote's sentences (qmail-remote.c) and the SMTP command each one reports.
_COMMANDS = (
    ("does not like recipient", "RCPT"),
    ("sender was rejected", "MAIL"),
    ("my name was rejected", "HELO"),
    ("failed on DATA command", "DATA"),
    ("failed after I sent the message", "DATA"),
    ("RCPT TO response", "RCPT"),
)
# Yahoo writes the reply code with a colon: "550: : User unknown", "501: 5.1.8 Sender address rejected".
_COLON_CODE = re.compile(r"^([245]\d\d):(?: :)? ")


def parse(msg: Message) -> list[Bounce] | None:
    report = textual.report(msg, _STARTS, _STARTS, _ENDS)
    if report is None:
        return None
    body, original_id = report.body, report.original_id
    blocks: list[tuple[str, list[str]]] = []
    for row in body:
        stripped = row.strip()
        if stripped.startswith("<") and stripped.endswith((">:", ">")) and "@" in stripped and " " not in stripped:
            blocks.append((textual.first_address(stripped), []))
        elif blocks and stripped:
            blocks[-1][1].append(stripped)
    out = []
    for recipient, lines in blocks:
        if recipient:
            out.append(_bounce(recipient, lines, original_id))
    return out or None


def _bounce(recipient: str, lines: list[str], original_id: str) -> Bounce:
    host = textual.remote_host("\n".join(lines))
    reply: list[str] = []
    context = ""
    for line in lines:
        if line.startswith("From: <") and " RCPT: <" in line:
            # "From: <sender> RCPT: <rcpt> 192.0.2.1 does not like recipient." (qmail with a patch)
            line = line[line.rindex(">") + 1:].strip()
        if line.startswith(_NOISE):
            continue
        if line.startswith("Remote host said:"):
            reply.append(line[len("Remote host said:"):])
        elif " said: " in line and not reply:
            context, _, said = line.partition(" said: ")  # "...remote host 192.0.2.1 said: 550 ..."
            reply.append(said)
        elif reply:
            reply.append(line)
        else:
            context = f"{context} {line}".strip()
    if not reply:
        reply, context = [context], ""
    text = _QMAIL_STATUS.sub("", textual.diagnostic(reply)).strip().rstrip(".").strip() or textual.diagnostic(reply)
    qmail_status = _QMAIL_STATUS.search(" ".join(lines))
    status = textual.enhanced_status(text) or (qmail_status.group(1) if qmail_status else "")
    text = _COLON_CODE.sub(r"\1 ", text)
    if not text.startswith(tuple("0123456789")) and qmail_status:
        text = f"{text} (#{qmail_status.group(1)})"
    joined = " ".join(lines)
    command = next((c for phrase, c in _COMMANDS if phrase in joined), "") or textual.smtp_command(joined)
    return textual.bounce(recipient, text, host=host, command=command,
                          original_id=original_id, status=status, reporter="qmail")
