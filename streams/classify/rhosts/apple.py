"""Apple iCloud Mail replies: https://support.apple.com/en-us/102322 (postmaster information)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "apple"
HOSTS = ("icloud.com", "me.com", "mac.com", "apple.com")
MARKERS = ("support.apple.com/en-us/102322", "icloud.com")

RULES = Table(rows(
    NAME,
    # 550 5.1.1 <x@icloud.com>: inactive email address (a deleted or expired account: the 5.1.1 is right)
    (R.USERUNKNOWN, "inactive", "inactive email address"),
    # 550 5.1.1 unknown or illegal alias: x@icloud.com
    (R.USERUNKNOWN, "illegal-alias", "unknown or illegal alias"),
    # 550 5.1.6 recipient no longer on server: x@icloud.com
    (R.HASMOVED, "no-longer-on-server", "recipient no longer on server"),
    # 554 5.7.1 Your message was rejected due to example.jp's DMARC policy.
    (R.AUTHFAILURE, "dmarc", "dmarc policy"),
    # 554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks.
    (R.AUTHFAILURE, "spf-and-dkim", "failing both spf and dkim"),
    # 421 4.7.1 Messages to x@icloud.com deferred due to excessive volume.
    (R.SPEEDING, "excessive-volume", "due to excessive volume"),
    # 554 x-smtpin001.me.com ESMTP not accepting connections
    (R.BLOCKED, "not-accepting-connections", "not accepting connections"),
    # 450 4.1.8 <x>: Sender address rejected: Domain not found
    (R.REJECTED, "sender-address", "sender address rejected"),
    # 554 5.7.1 <x@icloud.com>: Relay access denied
    (R.NORELAYING, "relay", "relay access denied"),
    # 550 5.1.1 <x@icloud.com>: user does not exist
    (R.USERUNKNOWN, "user-does-not-exist", "user does not exist"),
    # 552 5.2.2 <x@icloud.com>: user is over quota
    (R.MAILBOXFULL, "over-quota", "over quota"),
    # 554 5.7.1 [CS01] Message rejected due to local policy.
    (R.POLICYVIOLATION, "local-policy", "due to local policy"),
    # 550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=x
    (R.BLOCKED, "dnsbl", "dnsbl-lookup"),
    # 554 5.7.1 [CS01] / "domain does not accept mail"
    (R.NOTACCEPT, "does-not-accept", "host/domain does not accept mail"),
))
first = RULES.first
