"""Apache James bounces, Verizon Wireless's (vtext.com) among them: "Error message below:" with the
RCPT TO under "Message details:".

Layout (Sisimai lhost/via-verizon.go, lhost/via-apachejames.go; James signs with the Subject
"[BOUNCE]" or a "...JavaMail..." Message-ID, Verizon with its sender, but the two sections are the mark):
    Error: Invalid user address
    Error message below:
    550 - Requested action not taken: no such user here
    Message details:
      MAIL FROM: sender@example.org
      RCPT TO: user@vtext.com
Verizon's picture-message gateway (vzwpix.com) writes another one, the reason in Verizon's words:
    Message could not be delivered to mobile.
    Error: No valid recipients for this MM
    To: 5555550100@vzwpix.com
"""
from __future__ import annotations

import re

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_BELOW = "Error message below:"
_DETAILS = "Message details:"
_DASHED = re.compile(r"^([245]\d\d) - ")  # "550 - Requested action not taken"


_MOBILE = "Message could not be delivered to mobile"


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    if _MOBILE in mail.text[:3000]:
        return _mobile(mail)
    if _BELOW not in mail.text or _DETAILS not in mail.text:
        return None
    rows = textual.lines(mail.text)
    error = textual.between(rows, (_BELOW,), (_DETAILS,))
    details = textual.between(rows, (_DETAILS,), ("------",))
    recipients = [textual.first_address(r) for r in (details[0] if details else [])[:50]
                  if r.strip().startswith("RCPT TO:")]
    if error is None or not any(recipients):
        return None
    text = _DASHED.sub(r"\1 ", textual.diagnostic(error[0]))
    # Verizon's gateway refuses at RCPT TO; a James server quotes an error without its command
    # (Sisimai reads an unknown-user text there as a filter's refusal, and so does the classifier).
    command = "RCPT" if "vtext.com" in mail.headers.get("from", "").lower() else ""
    return [textual.bounce(r, text, command=command) for r in recipients if r]


def _mobile(mail: textual.Mail) -> list[Bounce] | None:
    found = textual.between(textual.lines(mail.text), (_MOBILE,), ())
    rows = found[0][:40] if found else []
    error = next((row.strip()[6:].strip() for row in rows if row.startswith("Error:")), "")
    recipients = [textual.first_address(row) for row in rows if row.startswith("To:")]
    # The gateway's own words: what they state is read by streams/classify/reporters.py.
    return [textual.bounce(r, error, reporter="verizon") for r in recipients if r] or None
