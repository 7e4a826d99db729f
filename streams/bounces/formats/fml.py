"""fml (a Japanese mailing-list manager) error notices: X-MLServer, a "<list>-admin@" sender and an
"...FML...@" Message-ID.

Layout (Sisimai lhost/via-fml.go): the list server refuses a post, or stops a loop, and says so in
a few lines, one of them naming the address it concerns (the list's) at its end, then the post:
    You are not a member of this mailing list <list@ml.example.jp>.
    ...
    Original mail as follows:
The refusal is fml's own; its words (or else the Subject) state the reason: a post from a
non-member (`rejected`), a loop or a duplicate (`systemerror`), a security alert (`securityerror`).
No status nor reply code: the report is final, so 5.0.0.
"""
from __future__ import annotations

import re

from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce

_ENDS = ("Original mail as follows:",)
# A line that ends with the address it concerns: "... mailing list <list@ml.example.jp>."
_NAMED = re.compile(r"<([^\s<>@]{1,256}@[^\s<>@]{1,256})>\.$")
# fml's wording, then the Subject's (lower case), named for what they state: the names are read by
# streams/classify/reporters.py CODES["fml"].
_TEXTS = (
    ("not-member", ("not member article from", "you are not a member of this mailing list",
                    "reject mail from", "reject spammers:", "header may cause mail loop")),
    ("loop", ("duplicated message-id", "has detected a loop condition", "loop back warning:")),
    ("security-alert", ("security alert",)),
)
_SUBJECTS = (
    ("not-member", ("not member article from", "are not member", "spam mail from a spammer is rejected")),
    ("loop", ("fml system error message", "loop alert:", "loop back warning:", "unix from loop")),
    ("security-alert", ("security alert",)),
)
MAX_ROWS = 50


def _stated(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    lowered = text.lower()
    return next((name for name, phrases in table if any(p in lowered for p in phrases)), "")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    headers = mail.headers
    if ("x-mlserver" not in headers or "-admin@" not in headers.get("from", "")
            or ".FML" not in headers.get("message-id", "")):
        return None
    rows = textual.lines(mail.text)
    body, end = textual.between(rows, (), _ENDS)
    blocks: list[tuple[str, list[str]]] = []
    for row in body:
        named = _NAMED.search(row.rstrip())
        if named and len(blocks) < MAX_ROWS:
            blocks.append((named.group(1), [row]))
        elif blocks:
            blocks[-1][1].append(row)
    original_id = textual.message_id(mail.original or "\n".join(rows[end + 1:]))
    subject = headers.get("subject", "")
    out = []
    for address, block in blocks:
        text = textual.diagnostic(block)
        stated = _stated(text, _TEXTS) or _stated(subject, _SUBJECTS)
        out.append(textual.bounce(address, text, original_id=original_id, reporter="fml", reporter_code=stated))
    return out or None
