"""OpenSMTPD bounces: "This is the MAILER-DAEMON, please DO NOT REPLY to this email."

Layout (OpenSMTPD's bounce.c; Sisimai lhost/via-opensmtpd.go):
    Hi!
    This is the MAILER-DAEMON, please DO NOT REPLY to this email.
    An error has occurred while attempting to deliver a message for
    the following list of recipients:                    (or "A message is delayed for more than ...")

    user@example.net: 550 5.1.1 <user@example.net>: Recipient address rejected: User unknown

    Below is a copy of the original message:
Newer versions add a message/delivery-status part whose Status is a generic 5.0.0 or 4.4.7; the
text lines carry the remote server's own reply, so this module runs before dsn.py.
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_MARK = "This is the MAILER-DAEMON, please DO NOT REPLY to this e"  # "email" and older "e-mail"
_STARTS = ("list of recipients:",)
_ENDS = ("Below is a copy of the original message:", "Below is a copy of the original message headers:")
_DELAYED = "A message is delayed for more than"


def parse(msg: Message) -> list[Bounce] | None:
    report = textual.report(msg, (_MARK,), _STARTS, _ENDS, within=2000)
    if report is None:
        return None
    body, original_id = report.body, report.original_id
    action = "delayed" if _DELAYED in report.mail.text[:2000] else "failed"
    out = []
    for row in body:
        address, colon, text = row.partition(": ")
        if colon and textual.first_address(address) == address.strip():
            out.append(_bounce(address.strip(), text.strip(), action, original_id))
        elif out and row.startswith(" ") and row.strip() and not row.lstrip().startswith(("Please note", "The message", "You DO NOT")):
            # A long reply wrapped onto the next line.
            last = out[-1]
            out[-1] = _bounce(last.recipient, f"{last.diagnostic} {row.strip()}", action, original_id)
    return out or None


def _bounce(recipient: str, text: str, action: str, original_id: str) -> Bounce:
    """A row; OpenSMTPD's own failure strings ("No MX found for domain") state their reason
    (streams/classify/reporters.py)."""
    return textual.bounce(recipient, text, action=action, original_id=original_id, reporter="opensmtpd")
