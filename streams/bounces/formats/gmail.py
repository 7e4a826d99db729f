"""Gmail's own (pre-2016, non-RFC 3464) bounces: "Delivery to the following recipient failed permanently".

Layout (Sisimai lhost/via-gmail.go):
    Delivery to the following recipient failed permanently:      (or "... has been delayed:")
         user@example.net
    Technical details of permanent failure:                      (or "temporary failure")
    Google tried to deliver your message, but it was rejected by the server for the recipient
    domain example.net by mx.example.net. [192.0.2.1].
    The error that the other server returned was:
    550 5.1.1 <user@example.net>... User Unknown
    ----- Original message -----
Gmail names the failed addresses in X-Failed-Recipients too. Google Groups' refusals come from the
same sender and are googlegroups.py's.
"""
from __future__ import annotations

import re

from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_RECIPIENTS = ("Delivery to the following recipient failed permanently:",
               "Delivery to the following recipients failed permanently:",
               "Delivery to the following recipient has been delayed:",
               "Delivery to the following recipients have been delayed:")
_DETAILS = "Technical details of "
_ENDS = ("----- Original message -----", "----- Message header follows -----", "Content-Type: message/")
_RETURNED = "The error that the other server returned was:"
_BY_HOST = re.compile(r" by ([A-Za-z0-9][\w.-]{0,253}?)\.? \[[0-9A-Fa-f.:]{3,45}\]")
# Gmail ends the quoted reply with the stage of its SMTP client that failed: "... (state 14)."
# The stages, as observed in Gmail's bounces (collected in Sisimai lhost/via-gmail.go's state table):
# 6 MAIL (after a failed STARTTLS), 8/9/12 AUTH, 13 EHLO, 14 RCPT, 15/17/18 DATA.
_STATE = re.compile(r"\(state (\d{1,2})\)")
_STATE_COMMANDS = {"6": "MAIL", "8": "AUTH", "9": "AUTH", "12": "AUTH", "13": "EHLO", "14": "RCPT",
                   "15": "DATA", "17": "DATA", "18": "DATA"}


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _DETAILS not in mail.text[:4000] or not any(r in mail.text[:4000] for r in _RECIPIENTS):
        return None
    rows = textual.lines(mail.text)
    listed = textual.between(rows, _RECIPIENTS, (_DETAILS,))
    details = textual.between(rows, (_DETAILS,), _ENDS)
    if listed is None or details is None:
        return None
    recipients = [a for row in listed[0] for a in extract(row)[:1] if row.startswith(" ")]
    recipients = recipients or extract(mail.headers.get("x-failed-recipients", ""))
    if not recipients:
        return None
    text = textual.diagnostic(details[0])
    explained, returned, reply = text.partition(_RETURNED)
    host = _BY_HOST.search(explained)
    action = "delayed" if "temporary failure" in rows[details[1] - len(details[0]) - 1] else "failed"
    original_id = textual.message_id(mail.original or "\n".join(rows[details[1] + 1:]))
    # The server's own reply is the diagnostic when Gmail quotes it; else Gmail's explanation.
    diagnostic = reply.strip() if returned else text
    state = _STATE.search(diagnostic)
    command = _STATE_COMMANDS.get(state.group(1), "") if state else ""
    return [textual.bounce(r, diagnostic, action=action, host=host.group(1) if host else "",
                           command=command, original_id=original_id) for r in recipients]
