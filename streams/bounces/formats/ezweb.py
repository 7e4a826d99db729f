"""au by KDDI (ezweb.ne.jp) bounces: From Postmaster@ezweb.ne.jp, "Mail System Error - Returned Mail".

Layout (Sisimai lhost/via-ezweb.go): a Japanese notice, then one of
    The user(s) account is disabled.            then "<user@ezweb.ne.jp>"
    Each of the following recipients was rejected by a remote mail server.
        Recipient: <user@example.net>
        >>> RCPT TO:<user@example.net>
        <<< 550 <user@example.net>: User unknown
    Your message was not delivered within N days and M hours.
    Remote host is not responding.
    The following recipients did not receive this message:   then "<user@example.net>"
The first and last sentences are the server's own verdicts (suspend, expired).
"""
from __future__ import annotations


from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

# The server's own verdicts, named for streams/classify/reporters.py CODES["ezweb"].
_STATED = (
    ("The user(s) account is disabled.", "account-disabled"),
    ("was not delivered within", "not-delivered-within"),
)


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    sender = mail.headers.get("from", "").lower()
    if "@ezweb.ne.jp" not in sender or not mail.headers.get("subject", "").startswith("Mail System Error"):
        return None
    rows = textual.lines(mail.text)
    stated = next((name for phrase, name in _STATED if phrase in mail.text), "")
    blocks: list[tuple[str, list[str], str]] = []  # (recipient, replies, command)
    notes: list[str] = []
    for row in rows:
        row = row.strip()
        if row.startswith("Recipient: <") or (row.startswith("<") and row.endswith(">") and "@" in row):
            blocks.append((textual.first_address(row), [], ""))
        elif row.startswith(">>> ") and blocks:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], textual.smtp_command(row))
        elif row.startswith("<<< ") and blocks:
            blocks[-1][1].append(row[4:])
        elif row.isascii() and row and not blocks:
            notes.append(row)
    original_id = textual.message_id(mail.original)
    text_of = textual.diagnostic
    return [textual.bounce(r, text_of(replies) or text_of(notes), command=command, original_id=original_id,
                           reporter="ezweb", reporter_code=stated) for r, replies, command in blocks if r] or None
