"""Enhanced status codes (RFC 3463, IANA "SMTP Enhanced Status Codes" registry) and reply codes
(RFC 5321 §4.2.2, RFC 7504) -> Reason. Pure data and two look-ups.

The mapping follows Sisimai's `smtp/status` table so that results compare with it; rows where we
chose differently say so.
"""
from __future__ import annotations

from streams.model import Reason

R = Reason

# Exact codes. Source: RFC 3463 §3 unless another RFC is named (IANA registry gives the RFC per row).
STATUS: dict[str, Reason] = {
    "2.1.5": R.DELIVERED,  # destination address valid (delivered)
    "4.1.6": R.HASMOVED,  # destination mailbox has moved, no forwarding address
    "4.1.7": R.REJECTED,  # bad sender's mailbox address syntax
    "4.1.8": R.REJECTED,  # bad sender's system address
    "4.1.9": R.SYSTEMERROR,  # message relayed to non-compliant mailer
    "4.2.1": R.SUSPEND,  # mailbox disabled, not accepting messages (Sisimai: blocked)
    "4.2.2": R.MAILBOXFULL,  # mailbox full
    "4.2.3": R.EXCEEDLIMIT,  # message length exceeds administrative limit
    "4.2.4": R.FILTERED,  # mailing list expansion problem
    "4.3.1": R.SYSTEMFULL,  # mail system full
    "4.3.2": R.NOTACCEPT,  # system not accepting network messages
    "4.3.3": R.SYSTEMERROR,  # system not capable of selected features
    "4.3.5": R.SYSTEMERROR,  # system incorrectly configured
    "4.4.1": R.EXPIRED,  # no answer from host
    "4.4.2": R.NETWORKERROR,  # bad connection
    "4.4.3": R.SYSTEMERROR,  # directory server failure
    "4.4.4": R.NETWORKERROR,  # unable to route
    "4.4.5": R.SYSTEMFULL,  # mail system congestion
    "4.4.6": R.NETWORKERROR,  # routing loop detected
    "4.4.7": R.EXPIRED,  # delivery time expired
    "4.4.8": R.NETWORKERROR,  # retry on IPv4 (IANA registry, draft-ietf-...: observed at Google)
    "4.5.3": R.SYSTEMERROR,  # too many recipients
    "4.5.5": R.SYSTEMERROR,  # wrong protocol version
    "4.6.0": R.CONTENTERROR,  # other or undefined media error
    "4.6.2": R.CONTENTERROR,  # conversion required and prohibited
    "4.6.5": R.CONTENTERROR,  # conversion failed
    "4.7.1": R.BLOCKED,  # delivery not authorized, message refused (temporary: greylisting, reputation)
    "4.7.2": R.BLOCKED,  # mailing list expansion prohibited
    "4.7.5": R.SECURITYERROR,  # cryptographic failure
    "4.7.6": R.SECURITYERROR,  # cryptographic algorithm not supported
    "4.7.7": R.SECURITYERROR,  # message integrity failure
    "4.7.12": R.SECURITYERROR,  # a password transition is needed (RFC 4954)
    "4.7.15": R.SECURITYERROR,  # priority level is too low (RFC 6710)
    "4.7.16": R.MESGTOOBIG,  # message is too big for the specified priority (RFC 6710)
    "4.7.24": R.AUTHFAILURE,  # SPF validation error (RFC 7372)
    "4.7.25": R.REQUIREPTR,  # reverse DNS validation failed (RFC 7372)
    "4.7.26": R.AUTHFAILURE,  # multiple authentication checks failed (RFC 7372)
    "5.1.0": R.USERUNKNOWN,  # other address status
    "5.1.1": R.USERUNKNOWN,  # bad destination mailbox address
    "5.1.2": R.HOSTUNKNOWN,  # bad destination system address
    "5.1.3": R.USERUNKNOWN,  # bad destination mailbox address syntax
    "5.1.4": R.FILTERED,  # destination mailbox address ambiguous
    "5.1.6": R.HASMOVED,  # destination mailbox has moved, no forwarding address
    "5.1.7": R.REJECTED,  # bad sender's mailbox address syntax
    "5.1.8": R.REJECTED,  # bad sender's system address
    "5.1.9": R.SYSTEMERROR,  # message relayed to non-compliant mailer
    "5.1.10": R.NOTACCEPT,  # recipient address has null MX (RFC 7505)
    "5.2.0": R.FILTERED,  # other or undefined mailbox status
    "5.2.1": R.FILTERED,  # mailbox disabled, not accepting messages (Sisimai's choice; see suspend phrases)
    "5.2.2": R.MAILBOXFULL,  # mailbox full
    "5.2.3": R.EXCEEDLIMIT,  # message length exceeds administrative limit
    "5.2.4": R.FILTERED,  # mailing list expansion problem
    "5.3.0": R.SYSTEMERROR,  # other or undefined mail system status
    "5.3.1": R.SYSTEMFULL,  # mail system full
    "5.3.2": R.NOTACCEPT,  # system not accepting network messages
    "5.3.3": R.SYSTEMERROR,  # system not capable of selected features
    "5.3.4": R.MESGTOOBIG,  # message too big for system
    "5.3.5": R.SYSTEMERROR,  # system incorrectly configured
    "5.4.0": R.NETWORKERROR,  # other or undefined network or routing status
    "5.4.3": R.SYSTEMERROR,  # directory server failure
    "5.4.4": R.HOSTUNKNOWN,  # unable to route
    "5.4.6": R.NETWORKERROR,  # routing loop detected
    "5.4.7": R.EXPIRED,  # delivery time expired
    "5.5.2": R.SYNTAXERROR,  # syntax error (RFC 4954 use: cannot BASE64-decode a client response)
    "5.5.3": R.TOOMANYCONN,  # too many recipients
    "5.5.4": R.SYSTEMERROR,  # invalid command arguments
    "5.5.5": R.SYSTEMERROR,  # wrong protocol version
    "5.5.6": R.SYNTAXERROR,  # authentication exchange line is too long (RFC 4954)
    "5.6.0": R.CONTENTERROR,  # other or undefined media error
    "5.6.1": R.CONTENTERROR,  # media not supported
    "5.6.2": R.CONTENTERROR,  # conversion required and prohibited
    "5.6.3": R.CONTENTERROR,  # conversion required but not supported
    "5.6.5": R.CONTENTERROR,  # conversion failed
    "5.6.6": R.CONTENTERROR,  # message content not available (RFC 4468)
    "5.6.7": R.CONTENTERROR,  # non-ASCII addresses not permitted (RFC 6531)
    "5.6.8": R.CONTENTERROR,  # UTF-8 string reply is required (RFC 6531)
    "5.6.9": R.CONTENTERROR,  # UTF-8 header cannot be transferred (RFC 6531)
    "5.7.0": R.SECURITYERROR,  # other or undefined security status
    "5.7.1": R.SECURITYERROR,  # delivery not authorized, message refused: wording decides (phrases)
    "5.7.2": R.SECURITYERROR,  # mailing list expansion prohibited
    "5.7.3": R.SECURITYERROR,  # security conversion required but not possible
    "5.7.4": R.SECURITYERROR,  # security features not supported
    "5.7.5": R.SECURITYERROR,  # cryptographic failure
    "5.7.6": R.SECURITYERROR,  # cryptographic algorithm not supported
    "5.7.7": R.SECURITYERROR,  # message integrity failure
    "5.7.8": R.SECURITYERROR,  # authentication credentials invalid (RFC 4954)
    "5.7.9": R.SECURITYERROR,  # authentication mechanism is too weak (RFC 4954)
    "5.7.10": R.SECURITYERROR,  # encryption needed (RFC 5248)
    "5.7.11": R.SECURITYERROR,  # encryption required for requested authentication mechanism (RFC 4954)
    "5.7.13": R.SUSPEND,  # user account disabled (RFC 5248)
    "5.7.14": R.SECURITYERROR,  # trust relationship required (RFC 5248)
    "5.7.15": R.SECURITYERROR,  # priority level is too low (RFC 6710)
    "5.7.16": R.MESGTOOBIG,  # message is too big for the specified priority (RFC 6710)
    "5.7.17": R.HASMOVED,  # mailbox owner has changed (RFC 7293)
    "5.7.18": R.HASMOVED,  # domain owner has changed (RFC 7293)
    "5.7.19": R.SECURITYERROR,  # RRVS test cannot be completed (RFC 7293)
    "5.7.20": R.AUTHFAILURE,  # no passing DKIM signature found (RFC 7372)
    "5.7.21": R.AUTHFAILURE,  # no acceptable DKIM signature found (RFC 7372)
    "5.7.22": R.AUTHFAILURE,  # no valid author-matched DKIM signature found (RFC 7372)
    "5.7.23": R.AUTHFAILURE,  # SPF validation failed (RFC 7372)
    "5.7.24": R.AUTHFAILURE,  # SPF validation error (RFC 7372)
    "5.7.25": R.REQUIREPTR,  # reverse DNS validation failed (RFC 7372)
    "5.7.26": R.AUTHFAILURE,  # multiple authentication checks failed (RFC 7372)
    "5.7.27": R.NOTACCEPT,  # sender address has null MX (RFC 7505)
    "5.7.28": R.SPAMDETECTED,  # mail flood of similar abusive messages (RFC 8689 registry entry)
    "5.7.29": R.AUTHFAILURE,  # ARC validation failure (RFC 8617)
    "5.7.30": R.FAILEDSTARTTLS,  # REQUIRETLS support required (RFC 8689)
}

# class.subject when the exact code is not listed (RFC 3463 §3 subject meanings).
SUBJECT: dict[str, Reason] = {
    "5.6": R.CONTENTERROR,  # X.6.XXX media and content
    "4.6": R.CONTENTERROR,
    "5.7": R.SECURITYERROR,  # X.7.XXX security or policy status
    "4.7": R.SECURITYERROR,
}

# Reply codes alone, when nothing else says more. RFC 5321 §4.2.2 and §4.2.3 meanings.
REPLY: dict[str, Reason] = {
    "500": R.SYNTAXERROR,  # syntax error, command unrecognized
    "501": R.SYNTAXERROR,  # syntax error in parameters or arguments
    "502": R.SYNTAXERROR,  # command not implemented
    "503": R.SYNTAXERROR,  # bad sequence of commands
    "504": R.SYNTAXERROR,  # command parameter not implemented
    "421": R.SYSTEMERROR,  # service not available, closing transmission channel
    "451": R.SYSTEMERROR,  # requested action aborted: local error in processing
    "452": R.SYSTEMFULL,  # requested action not taken: insufficient system storage
    "521": R.NOTACCEPT,  # host does not accept mail (RFC 7504)
    "525": R.SUSPEND,  # user account disabled (IANA enhanced status registry: 5.7.13 with reply 525)
    "530": R.SECURITYERROR,  # authentication required (RFC 4954)
    "535": R.SECURITYERROR,  # authentication credentials invalid (RFC 4954)
    "551": R.HASMOVED,  # user not local; please try <forward-path>
    "552": R.MAILBOXFULL,  # requested mail action aborted: exceeded storage allocation
    "556": R.NOTACCEPT,  # domain does not accept mail (RFC 7504)
}


def by_status(status: str) -> tuple[Reason, str] | None:
    """(reason, the code or class.subject that decided it) for an enhanced status code, or None."""
    reason = STATUS.get(status)
    if reason is not None:
        return reason, status
    subject = status[:3]
    reason = SUBJECT.get(subject)
    if reason is not None:
        return reason, subject + ".x"
    return None


def by_reply(reply: str) -> Reason | None:
    """The reason a reply code alone gives, or None."""
    return REPLY.get(reply)
