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
    # 550 5.1.1 <x@icloud.com>: inactive email address
    (R.SUSPEND, "inactive", "inactive email address"),
    # 550 5.1.1 <x@icloud.com>: user does not exist
    (R.USERUNKNOWN, "user-does-not-exist", "user does not exist"),
    # 552 5.2.2 <x@icloud.com>: user is over quota
    (R.MAILBOXFULL, "over-quota", "over quota"),
    # 554 5.7.1 [CS01] Message rejected due to local policy.
    (R.POLICYVIOLATION, "cs01", "rejected due to local policy"),
    # 550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=x
    (R.BLOCKED, "dnsbl", "dnsbl-lookup"),
    # 554 5.7.1 [HM08] Message rejected due to local policy.
    (R.BLOCKED, "hm08", "[hm08]"),
    # 554 5.7.1 [CS01] / "domain does not accept mail"
    (R.NOTACCEPT, "does-not-accept", "host/domain does not accept mail"),
))
