"""Google Groups' refusals of a post: a localized notice from mailer-daemon@googlemail.com.

Google Groups tells the poster that the group may not exist or does not accept their posts, in the
poster's language, and names the group in X-Failed-Recipients (Sisimai lhost/via-googlegroups.go):
    We're writing to let you know that the group you tried to contact (group-name) may not exist,
    or you may not have permission to post messages to the group. ...
    Google Groups
    ----- Original message -----
The notice is a refusal by the group, not a verdict on any mailbox: its reason is stated by the
format itself (rejected).
"""
from __future__ import annotations


from streams.bounces.address import extract
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.model import Bounce, Reason

_ENDS = ("----- Original message -----",)


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    failed = extract(mail.headers.get("x-failed-recipients", ""))
    if not failed or "x-google-smtp-source" not in mail.headers or "Google Groups" not in mail.text:
        return None
    rows = textual.lines(mail.text)
    report, end = textual.between(rows, (), _ENDS)
    original_id = textual.message_id(mail.original or "\n".join(rows[end + 1:]))
    text = textual.diagnostic(report)
    return [textual.bounce(r, text, original_id=original_id, reason_hint=Reason.REJECTED,
                           hint_rule="googlegroups:post-refused") for r in failed]
