"""Yahoo (and AOL, Verizon Media) replies: https://senders.yahooinc.com/smtp-error-codes/."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "yahoo"
HOSTS = ("yahoo.com", "yahoodns.net", "yahoo.co.jp", "aol.com", "yahoo.net")
MARKERS = ("senders.yahooinc.com", "postmaster.yahooinc.com", "help.yahoo.com")

RULES = Table(rows(
    NAME,
    # 554 delivery error: dd This user doesn't have a yahoo.com account
    (R.USERUNKNOWN, "no-account", ("this user doesn't have a ", " account")),
    # 554 delivery error: dd Sorry your message to x cannot be delivered. This mailbox is disabled (554.30)
    (R.SUSPEND, "mailbox-disabled", "mailbox is disabled"),
    # 552 1 Requested mail action aborted, mailbox not found
    (R.USERUNKNOWN, "mailbox-not-found", "mailbox not found"),
    # 421 4.7.0 [TSS04] Messages from x temporarily deferred due to unexpected volume or user complaints
    (R.BADREPUTATION, "tss04", "temporarily deferred due to unexpected volume or user complaints"),
    # 421 4.7.0 [TS01] Messages from x temporarily deferred due to user complaints
    (R.BLOCKED, "ts01", "temporarily deferred due to user complaints"),
    # 553 5.7.2 [TSS09] All messages from x will be permanently deferred
    (R.BLOCKED, "tss09", "will be permanently deferred"),
    # 554 5.7.9 Message not accepted for policy reasons.
    (R.POLICYVIOLATION, "policy-reasons", "message not accepted for policy reasons"),
    # 550 5.7.9 This mail has been blocked because the sender is unauthenticated.
    (R.AUTHFAILURE, "unauthenticated", "sender is unauthenticated"),
    # 421 4.7.0 [TSS11] Excessive unknown recipients - possible Open Relay
    (R.BLOCKED, "tss11", "excessive unknown recipients"),
    # 451 Message temporarily deferred due to unresolvable RFC.5321 from domain
    (R.REJECTED, "unresolvable-from", "unresolvable rfc.5321 from domain"),
))
