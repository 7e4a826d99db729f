"""Bounce -> Verdict: why a message was not delivered, and the rule that says so. Pure.

Order of evidence (first answer wins):
1. a parser's `reason_hint` (the format states the reason: ARF, auto-reply, a provider's type);
2. a delivery report (status 2.x.x or action delivered/relayed/expanded) is `delivered`;
3. a status that names the sender (X.1.7, X.1.8): `rejected`, whatever the text says of domains;
4. receiving-provider rules (rhosts/), chosen by remote host or the provider's reply markers;
5. phrase tables per reason (phrases.py): wording beats codes, as providers misuse 5.1.1/5.7.1.
   An unknown-user phrase is `userunknown` only when the status says so (X.1.0/X.1.1/X.1.3) or the
   reply answered RCPT TO or MAIL FROM; otherwise (after DATA, or unknown) it is `filtered`, as in
   Sisimai: a refusal after the message was read is a filter's verdict, not the mailbox's;
6. the enhanced status code (status.py, RFC 3463 + IANA registry);
7. the text of a local delivery program (phrases.LATE: X-Unix exit codes);
8. action `delayed` -> `expired` (a delay notice that says nothing more);
9. the reply code alone (status.py REPLY), when there is no status code at all;
10. `onhold` when there was something to read but it said nothing, else `undefined`.
"""
from __future__ import annotations

from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.classify import rhosts
from streams.classify.match import normalise, words
from streams.classify.phrases import LATE, PHRASES
from streams.classify.status import by_reply, by_status
from streams.model import Bounce, Reason, Verdict

__all__ = ["classify"]

# Hints that do not decide: the parser could not tell, so the text is read as usual.
_WEAK_HINTS = (Reason.UNDEFINED, Reason.ONHOLD)
_DELIVERED_ACTIONS = ("delivered", "relayed", "expanded")
# SMTP commands sent before the message itself: a refusal there is about the envelope.
_ENVELOPE_COMMANDS = ("CONN", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT")
_SENDER_STATUS = ("4.1.7", "4.1.8", "5.1.7", "5.1.8")


def classify(bounce: Bounce) -> Verdict:
    """The reason for one Bounce and the id of the rule that decided it."""
    hint = bounce.reason_hint
    if hint is not None and hint not in _WEAK_HINTS:
        return Verdict(hint, f"hint:{bounce.hint_rule or hint.value}")

    text = normalise(bounce.diagnostic)
    status = bounce.status.strip() or enhanced_status(text[:512])
    action = bounce.action.strip().lower()
    if status.startswith("2.") or action in _DELIVERED_ACTIONS:
        return Verdict(Reason.DELIVERED, f"status:{status}" if status.startswith("2.") else f"action:{action}")
    if status in _SENDER_STATUS:
        return Verdict(Reason.REJECTED, f"status:{status}")

    by_code = by_status(status) if status else None
    text_words = words(text) if text else frozenset()
    if text:
        row = rhosts.first(bounce.remote_host.strip().lower(), text, text_words)
        if row is None:
            row = PHRASES.first(text, text_words)
            if row is not None and row.reason is Reason.USERUNKNOWN:
                command = bounce.smtp_command.strip().upper()
                if command == "DATA" or (command not in _ENVELOPE_COMMANDS and by_code is not None
                                         and by_code[0] is Reason.FILTERED):
                    return Verdict(Reason.FILTERED, f"{row.name}:not-at-rcpt")
        if row is not None:
            return Verdict(row.reason, row.name)

    if by_code is not None:
        return Verdict(by_code[0], f"status:{by_code[1]}")
    if text:
        row = LATE.first(text, text_words)
        if row is not None:
            return Verdict(row.reason, row.name)
    if action == "delayed":
        return Verdict(Reason.EXPIRED, "action:delayed")
    reply = bounce.reply_code.strip() or reply_code(text[:512])
    # A status that says nothing (4.3.0, 5.0.0) outranks the reply code: the reason is on hold.
    by_reply_code = by_reply(reply) if reply and not status else None
    if by_reply_code is not None:
        return Verdict(by_reply_code, f"reply:{reply}")
    if hint is not None:
        return Verdict(hint, f"hint:{bounce.hint_rule or hint.value}")
    if text or status or reply:
        return Verdict(Reason.ONHOLD, "fallback:onhold")
    return Verdict(Reason.UNDEFINED, "fallback:undefined")
