"""RFC 3834 automatic responses (vacation, out of office): not a failure, reason `vacation`.

A message is an auto-reply when it says so (Auto-Submitted: auto-replied, RFC 3834 §5; the
de-facto X-Autoreply / X-Autorespond / Precedence: auto_reply headers) or when its subject opens
the way common clients word one (Outlook "Automatic reply:", "Out of Office", Apple "Auto reply",
German "Abwesenheitsnotiz", French "Réponse automatique", ...). Bounces are auto-submitted too,
so a report, a message from a mailer daemon, or a subject about a delivery failure is never one.
The contact is the sender of the reply.
"""
from __future__ import annotations

from streams.bounces.address import extract, normalise
from streams.bounces.message import Message
from streams.model import Bounce, Reason

_HEADERS = (("auto-submitted", "auto-replied"), ("x-autoreply", ""), ("x-autorespond", ""),
            ("precedence", "auto_reply"), ("x-auto-reply", ""))
_SUBJECTS = ("auto:", "auto reply", "auto-reply", "autoreply", "automatic reply", "automatische antwort",
             "out of office", "out of the office", "away from", "away until", "vacation", "on vacation",
             "abwesenheitsnotiz", "abwesend", "réponse automatique", "respuesta automática",
             "risposta automatica", "automatisch antwoord", "fuera de la oficina", "absence")
_NOT_REPLIES = ("mailer-daemon", "postmaster@", "mail delivery", "undeliver", "delivery status",
                "delivery failure", "returned mail", "failure notice", "non-delivery", "delivery notification")


def parse(msg: Message) -> list[Bounce] | None:
    headers = msg.headers
    if msg.content_type == "multipart/report":
        return None
    subject = headers.get("subject").lower()
    by_header = next((name for name, value in _HEADERS
                      if name in headers and (not value or headers.get(name).lower().startswith(value))), "")
    by_subject = next((s for s in _SUBJECTS if subject.startswith(s)), "") if subject.startswith(_SUBJECTS) else ""
    if not by_header and not by_subject:
        return None
    sender = headers.get("from")
    if any(mark in sender.lower() or mark in subject for mark in _NOT_REPLIES):
        return None
    addresses = extract(sender) or extract(headers.get("return-path"))
    if not addresses:
        return None
    body = " ".join(msg.body_text[:2000].split())[:300]
    return [Bounce(
        recipient=normalise(addresses[0]),
        diagnostic=body or headers.get("subject"),
        reason_hint=Reason.VACATION,
        hint_rule=f"autoreply:{by_header or 'subject'}",
    )]
