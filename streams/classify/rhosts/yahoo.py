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
    # 421 4.7.0 [TSS04] Messages from x temporarily deferred due to unexpected volume or user complaints.
    # Yahoo returns it for poor reputation and for missing SPF/DKIM/DMARC alike; Sisimai calls it
    # rejected, and so do we (both are block-class, so the contact is not affected either way).
    (R.REJECTED, "tss04", "temporarily deferred due to unexpected volume or user complaints"),
    # 421 4.7.0 [TS01] Messages from x temporarily deferred due to user complaints
    (R.BLOCKED, "ts01", "temporarily deferred due to user complaints"),
    # 553 5.7.2 [TSS09] All messages from x will be permanently deferred
    (R.REJECTED, "tss09", "will be permanently deferred"),
    # 550 5.7.9 ... Yahoo requires all senders to authenticate with either SPF or DKIM.
    (R.AUTHFAILURE, "authenticate", "requires all senders to authenticate"),
    # 554 delivery error: dd x@yahoo.com is no longer valid.
    (R.SUSPEND, "no-longer-valid", " is no longer valid"),
    # 450 User is receiving mail too quickly
    (R.SPEEDING, "too-quickly", "receiving mail too quickly"),
    # 421 Max message per connection reached, closing transmission channel
    (R.TOOMANYCONN, "max-per-connection", "max message per connection reached"),
    # 553 5.7.1 [BL21] Connections will not be accepted from x, because the ip is in Spamhaus's list
    (R.BLOCKED, "bl21", "spamhaus"),
    # 554 Message not allowed - Headers are not RFC compliant
    (R.NOTCOMPLIANTRFC, "headers-not-rfc", "headers are not rfc compliant"),
    # 554 5.7.9 Message not accepted for policy reasons.
    (R.POLICYVIOLATION, "policy-reasons", "message not accepted for policy reasons"),
    # 550 5.7.9 This mail has been blocked because the sender is unauthenticated.
    (R.AUTHFAILURE, "unauthenticated", "sender is unauthenticated"),
    # 421 4.7.0 [TSS11] Excessive unknown recipients - possible Open Relay
    (R.BLOCKED, "tss11", "excessive unknown recipients"),
    # 451 Message temporarily deferred due to unresolvable RFC.5321 from domain
    (R.REJECTED, "unresolvable-from", "unresolvable rfc.5321"),
))
first = RULES.first
