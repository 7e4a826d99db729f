"""Phrase tables per reason: the wording MTAs and mailbox providers use in their replies.

Rows are matched against the lower-cased, space-folded diagnostic (see match.py); the first row
in this order wins, so a reply that says both "5.1.1" and "listed on Spamhaus" is a block, not an
unknown user. Sources: "Sisimai why-<reason>" is the wording collected by the Sisimai project from
real bounces (observed MTA wording); vendor rows name the vendor's public documentation.
"""
from __future__ import annotations

import re

from streams.classify.match import Row, Table
from streams.model import Reason

R = Reason


def _rows(reason: Reason, *rows: tuple[str, str | tuple[str, ...] | re.Pattern[str]]) -> list[Row]:
    return [Row(reason, f"phrase:{reason.value}:{name}", pattern) for name, pattern in rows]


# The sender's own volume limits, read first: their "quota exceeded" is a sending quota, not the
# recipient's mailbox (Sisimai why-toomanyconn puts Amazon SES throttling there too).
SENDER_LIMITS = _rows(
    R.TOOMANYCONN,
    ("ses-daily-quota", "daily message quota exceeded"),  # Amazon SES "Throttling failure: Daily message quota exceeded"
    ("ses-sending-rate", "maximum sending rate exceeded"),  # Amazon SES "Throttling failure: Maximum sending rate exceeded"
    ("daily-sending-quota", "daily sending quota exceeded"),  # Gmail 550 5.4.5 (Google SMTP errors)
    ("submission-quota", "submission quota exceeded"),  # Exchange Online 5.2.2 (a sender's submission quota)
    ("daily-recipient-limit", "reached your daily limit for message recipients"),  # Exchange Online 5.1.90
    ("connection-rate-limit", "connection rate limit exceeded"),  # Sisimai why-toomanyconn
    ("max-emails-per-hour", "max emails per hour"),  # Sisimai why-toomanyconn
    ("sending-quota", "sending quota"),  # "you have exceeded your sending quota": the sender's, never a mailbox's
) + _rows(
    R.SPEEDING,
    # Postfix policy server "Client host rejected: Please try again slower": read before BLOCKED's
    # "client host rejected" (Sisimai why-speeding)
    ("try-again-slower", "please try again slower"),
)

NOTACCEPT = _rows(
    R.NOTACCEPT,
    ("nullmx", "does not accept mail (nullmx)"),  # RFC 7505 wording, observed in Sendmail/Postfix
    ("null-mx", "null mx"),  # RFC 7505
    ("host-does-not-accept-mail", "host does not accept mail"),  # Sendmail, iCloud "host/domain does..."
    ("domain-does-not-accept-mail", "domain does not accept mail"),  # RFC 7504 556 wording
    ("no-mx-record", "no mx record found for domain="),  # Yahoo (Sisimai why-notaccept)
    # qmail-remote perm_nomx (#5.4.4): notqmail 1.08 answers this for a null MX (Sisimai lhost/qmail)
    ("qmail-no-mx", "couldn't find a mail exchanger or ip address"),
    ("no-route-for-request", "no route for current request"),  # Sisimai why-notaccept
    ("mail-receiving-disabled", "mail receiving disabled"),  # Sisimai why-notaccept
    ("permanent-protocol-error", "smtp protocol returned a permanent error"),  # Sisimai why-notaccept
)

MAILBOXFULL = _rows(
    R.MAILBOXFULL,
    ("over-quota", "over quota"),  # Postfix/Dovecot/Exchange: "user is over quota", "mailbox over quota"
    ("over-the-quota", "over the quota"),  # observed MTA wording
    ("over-the-allowed-quota", "over the allowed quota"),  # Sisimai why-mailboxfull
    ("over-disk-quota", "over disk quota"),  # qmail/vpopmail
    ("exceeding-quota", "exceeding their quota"),  # Sisimai why-mailboxfull
    ("exceeds-quota", ("exceed", "quota")),  # "has exceeded quota", "exceeding its mailbox quota" (Sisimai)
    ("quota-exceeded", "quota exceed"),  # Dovecot LMTP, Exim appendfile "quota exceeded", Exim "error: quota exceed"
    ("quota-violation", "quota violation"),  # Sisimai why-mailboxfull
    ("disc-quota", "disc quota exceeded"),  # Sendmail local mailer
    ("disk-quota", "disk quota"),  # maildrop/vpopmail "userdisk quota", "reached disk quota"
    ("mailbox-full", "mailbox full"),  # RFC 3463 X.2.2 text, Postfix
    ("mailbox-is-full", "mailbox is full"),  # Gmail, Exim, Exchange
    ("full-mailbox", "full mailbox"),  # observed MTA wording
    ("mailfolder-full", "mailfolder is full"),  # Sisimai why-mailboxfull
    ("mailbox-size-limit", "mailbox size limit exceeded"),  # Exchange
    ("mailbox-exceeded", ("mailbox", "exceeded", "limit")),  # "mailbox has exceeded its disk space limit"
    ("storage-allocation", "exceeded storage allocation"),  # RFC 5321 552 text
    ("insufficient-storage", "not enough storage space"),  # Exchange (Sisimai why-mailboxfull)
    ("enough-space", "does not have enough space"),  # Sisimai why-mailboxfull
    ("would-exceed-storage", "would exceed maximum allowed storage"),  # Sisimai why-mailboxfull
    ("too-many-messages", "too many messages on the server"),  # Sisimai why-mailboxfull
    ("space-used-up", "space has been used up"),  # Tencent QQ (Sisimai why-mailboxfull)
    ("too-much-mail-data", "too much mail data"),  # NTT docomo (Sisimai why-mailboxfull)
    ("boite-pleine", "boite du destinataire pleine"),  # Orange/Wanadoo (French: recipient's box full)
    ("mailbox-exceeds-size", "mailbox exceeds allowed size"),  # Ipswitch IMail
    ("receiving-limits", "exceeding receiving limits"),  # Yahoo (Sisimai why-mailboxfull)
    ("mail-file-size", "mail file size exceeds the maximum size allowed for mail delivery"),  # Sendmail
    ("insufficient-quota", "insufficient quota"),  # observed MTA wording
    ("mailbox-quota", "mailbox quota usage exceeded"),  # Sisimai why-mailboxfull
    # Sisimai why-mailboxfull's aligned pairs: "over its quota", "quota has been exceeded", "mailbox of x
    # is full", "maildir quota", "mailbox quota reached"
    ("over-x-quota", ("over ", "quota")),
    ("quota-x-exceeded", ("quota ", "exceeded")),
    ("mailbox-x-is-full", ("mailbox ", " is full")),
    ("mailbox-x-quota", ("mailbox ", "quota")),
    ("maildir-x-quota", ("maildir ", "quota")),
    ("not-enough-disk-space", "not enough disk space"),  # Sisimai why-mailboxfull ("enough ... space")
    ("not-sufficient-disk-space", "not sufficient disk space"),  # Sisimai why-mailboxfull
)

MESGTOOBIG = _rows(
    R.MESGTOOBIG,
    ("message-too-big", "message too big"),  # RFC 3463 X.3.4 text
    ("message-size-exceeds", "message size exceeds"),  # Postfix "fixed limit", Exim, Exchange
    ("max-message-size", "max message size exceeded"),  # Sisimai why-mesgtoobig
    ("maximum-message-size", "exceeds the maximum message size"),  # observed (Exchange, Gmail)
    ("inbound-message-size", "exceeded maximum inbound message size"),  # Sisimai why-mesgtoobig
    ("message-file-too-big", "message file too big"),  # Sisimai why-mesgtoobig
    ("message-too-large-for", "message too large for this"),  # Sisimai why-mesgtoobig
    ("size-limit-exceeded", "size limit exceeded"),  # observed MTA wording
    ("message-size-limit", "message size limit"),  # observed MTA wording
    ("line-limit", "line limit exceeded"),  # Sisimai why-mesgtoobig
    ("taille-limite", "taille limite du message atteinte"),  # Orange (French: message size limit reached)
    ("exceeded-incoming-size", "exceeded the maximum incoming message size"),  # Sisimai why-mesgtoobig
)

EXCEEDLIMIT = _rows(
    R.EXCEEDLIMIT,
    ("message-length-exceeds", "message length exceeds administrative limit"),  # RFC 3463 X.2.3 text
    ("header-size-exceeds", "message header size exceeds limit"),  # Sisimai why-exceedlimit
    # names no limit: Sisimai why-exceedlimit reads it as the recipient's; a status X.3.4 (the system's
    # per-message limit) decides for mesgtoobig instead (classify: the size family defers to its status)
    ("message-too-large", "message too large"),
)

SUSPEND = _rows(
    R.SUSPEND,
    ("currently-suspended", "is currently suspended"),  # Sisimai why-suspend
    ("has-been-suspended", "has been suspended"),  # observed MTA wording
    ("mailbox-suspended", "mailbox currently suspended"),  # Sisimai why-suspend
    ("user-suspended", "user suspended"),  # NetEase 163.com help page
    ("temporary-locked", "temporary locked"),  # Sisimai why-suspend
    ("account-disabled", "account that you tried to reach is disabled"),  # Gmail 5.2.1 (Google SMTP errors)
    ("account-has-been-disabled", "account has been disabled"),  # observed MTA wording
    ("mailbox-is-disabled", "mailbox is disabled"),  # Sisimai why-suspend
    ("deactivated-mailbox", "is a deactivated mailbox"),  # Tencent QQ help page
    ("mailbox-frozen", "mailbox is frozen"),  # Sisimai why-suspend
    ("inactive-user", "invalid/inactive user"),  # Sisimai why-suspend
    ("temporarily-inactive", "recipient rejected: temporarily inactive"),  # Sisimai why-suspend
    ("suspend-the-service", "recipient suspend the service"),  # Sisimai why-suspend
    ("account-locked", "account is locked"),  # vpopmail vdelivermail
    ("boite-archivee", "boite du destinataire archivee"),  # Orange (French: mailbox archived)
    ("mailbox-inactive", "mailbox is inactive"),  # Yahoo/AOL "this mailbox is inactive"
    ("account-inactive", "account is inactive"),  # observed MTA wording
    ("account-expired", "account has expired"),  # observed MTA wording
    ("account-is-disabled", "account is disabled"),  # observed MTA wording
    ("unavailable-or-access-denied", "mailbox unavailable or access denied"),  # Sisimai why-suspend
    ("inactive-account", "inactive account"),  # Sisimai why-suspend
    ("user-is-terminated", "is unavailable: user is terminated"),  # Sisimai why-suspend
    ("mailbox-disabled", "mailbox disabled"),  # RFC 3463 X.2.1 text "mailbox disabled, not accepting messages"
    ("user-or-domain-disabled", "user or domain is disabled"),  # Sisimai why-suspend
    ("account-disabled-short", "account disabled"),  # GoDaddy (Sisimai rhost/godaddy), Exchange "account disabled"
    ("archived-recipient", "archived recipient"),  # Sisimai why-suspend: the mailbox is kept, not deleted
    ("account-temporarily-limited", "account is temporarily limited"),  # au EZweb (Sisimai lhost/ezweb)
)

HASMOVED = _rows(
    R.HASMOVED,
    ("replaced-by", " has been replaced by "),  # Sisimai why-hasmoved
    ("mailbox-has-moved", "mailbox has moved"),  # RFC 3463 X.1.6 text
    ("address-has-moved", "address has moved"),  # observed MTA wording
)

NORELAYING = _rows(
    R.NORELAYING,
    ("relay-access-denied", "relay access denied"),  # Postfix
    ("relaying-denied", "relaying denied"),  # Sendmail
    ("relay-denied", "relay denied"),  # observed MTA wording
    ("relay-not-permitted", "relay not permitted"),  # Exim
    ("relaying-not-allowed", "relaying not allowed"),  # observed MTA wording
    ("unable-to-relay", "unable to relay"),  # Exchange 5.7.1 "unable to relay"
    ("not-allowed-to-relay", "not allowed to relay"),  # observed MTA wording
    ("not-permitted-to-relay", "is not permitted to relay"),  # Exim/MDaemon
    ("no-relaying", "we do not relay"),  # observed MTA wording
    ("not-a-gateway", "not a gateway"),  # Sisimai why-norelaying
    ("not-open-relay", "not an open relay"),  # Sisimai why-norelaying
    ("not-configured-to-relay", "not configured to relay mail"),  # Sisimai why-norelaying
    ("relaying-mail-to", "relaying mail to "),  # Sisimai why-norelaying
    ("as-a-relay", "as a relay"),  # Sisimai why-norelaying
    ("dont-handle-mail", "we don't handle mail for"),  # Sisimai why-norelaying
    ("allowed-rcpthosts", "isn't in my list of allowed rcpthosts"),  # qmail-smtpd
    ("non-local-address", "requires authentication when attempting to send to a non-local"),  # MailEnable
    ("not-local-host", "not local host"),  # Sisimai why-norelaying
    # Sisimai lists it under both; its NoRelaying is read first (reason/lib.go classorder)
    ("insecure-relay", "insecure mail relay"),
    ("no-relaying-short", "no relaying"),  # Sisimai why-norelaying
    ("specified-domain-not-allowed", "specified domain is not allowed"),  # Sisimai why-norelaying
    ("smtp-relay-error", "due to the following smtp relay error"),  # KDDI (Sisimai lhost/kddi)
)

AUTHFAILURE = _rows(
    R.AUTHFAILURE,
    ("dmarc-policy", "dmarc policy"),  # Gmail, Yahoo, Outlook DMARC rejections
    ("dmarc-reject", "dmarc reject"),  # observed MTA wording
    ("dmarc-failure", ("dmarc", "fail")),  # "DMARC verification failed", "failed DMARC"
    ("spf-fail", "spf check: fail"),  # Sisimai why-authfailure
    ("spf-framework-fail", "sender policy framework"),  # "(SPF) fail", "violation"
    ("spf-domain-authentication", "spf (sender policy framework) domain authentication fail"),  # Sisimai
    ("spf-settings", "please inspect your spf settings"),  # Sisimai why-authfailure
    ("bad-spf", "bad spf records"),  # Sisimai why-authfailure
    ("spf-pobox", "spf.pobox.com"),  # pobox's SPF explanation link in SPF rejections
    ("spf-record", ("not allowed to send", "spf record")),  # "not allowed to send from <x> per its SPF record"
    ("spf-validation", "spf validation"),
    ("spf-check-failed", "spf check failed"),  # Tencent QQ (Sisimai rhost TencentQQ)
    ("spf-or-dkim-validation", "must pass either spf or dkim validation"),  # Exchange Online 4.7.26
    ("spf-not-allowed-orange", (" is not allowed to send mail.", "_401")),  # Orange "SPF: x is not allowed ... OFR_401"  # RFC 7372 X.7.23/X.7.24 text
    ("dkim-signature", "dkim signature"),  # RFC 7372 X.7.20-22 text
    ("authentication-level", "meet the required authentication level"),  # Gmail, Microsoft 5.7.515
    ("authentication-requirements", "doesn't meet the authentication requirements"),  # Microsoft 5.7.509/515
    ("unauthenticated-email", "unauthenticated email"),  # Gmail "Unauthenticated email from x is not accepted"
    ("not-authenticated-sender", "sender is unauthenticated"),  # Gmail 5.7.26 wording
)

REQUIREPTR = _rows(
    R.REQUIREPTR,
    ("ptr-record", "ptr record"),  # "no PTR record", "missing PTR records", Gmail "does not have a PTR record"
    ("ptr-resource-record", "ptr resource record"),  # Sisimai why-requireptr
    ("reverse-dns", "reverse dns"),  # "reverse DNS required/failed", "fix reverse DNS"
    ("rdns", "rdns"),  # "invalid rDNS record", "no rDNS"
    ("reverse-lookup", "reverse lookup"),  # "sender ip reverse lookup rejected"
    ("ip-name-lookup", "ip name lookup failed"),  # Sisimai why-requireptr
    ("cannot-find-your-hostname", "cannot find your hostname"),  # Yahoo/Postfix reject_unknown_client
    ("cannot-resolve-your-address", "cannot resolve your address"),  # Sisimai why-requireptr
    ("unresolvable-relay", "unresolvable relay host name"),  # Sisimai why-requireptr
    ("forward-dns", "forward dns entry does not point to the sending ip"),  # Gmail 550 5.7.25
    ("mismatches-client-ip", ("domain ", " mismatches client ip")),  # Sisimai why-requireptr
    ("generic-dns", "generic dns ptr"),  # mail.ru
    ("unverifyable-ips", "unverifyable sending ips"),  # Sisimai why-requireptr
    ("dns-lookup-failure-try-later", ("dns lookup failure: ", " try again later")),  # Sisimai why-requireptr
)

BADREPUTATION = _rows(
    R.BADREPUTATION,
    ("poor-reputation", "poor email reputation"),  # Sisimai why-badreputation
    ("poor-reputation-mta", "sending mta's poor reputation"),  # Sisimai why-badreputation
    ("ip-reputation", "ip reputation"),  # Gmail/Yahoo "rate limited due to IP reputation"
    ("domain-reputation", "domain reputation"),  # Yahoo "IP/domain reputation problems"
    ("low-reputation", "very low reputation"),  # Gmail 421 4.7.0 / 550 5.7.1
    ("bad-reputation", "bad reputation"),  # T-Online "none/bad reputation"
    ("user-complaints", "unexpected volume or user complaints"),  # Yahoo TSS04 (Yahoo sender hub)
)

VIRUSDETECTED = _rows(
    R.VIRUSDETECTED,
    ("virus-detected", "virus detected"),  # observed MTA wording (amavis, ClamAV milter)
    ("virus-found", "virus found"),  # observed MTA wording
    ("infected", "infected with a virus"),  # Sisimai why-virusdetected
    ("contains-a-virus", "contains a virus"),  # observed MTA wording
    ("executable-attachment", "potentially executable attachment"),  # Exim
    ("malware", "malware"),  # Gmail 552 5.7.0 "potential security issue ... malware"
    ("prohibited-virus", "prohibited virus"),  # Sisimai why-virusdetected
    ("amavis-infected", " - infected"),  # amavisd-new "Reject, id=NNN - INFECTED: name" (Sisimai lhost/amavis)
    ("malicious-url", "phishing/malicious_url detected"),  # Sisimai why-virusdetected
)

SPAMDETECTED = _rows(
    R.SPAMDETECTED,
    ("spamassassin", "spamassassin"),  # SpamAssassin rejections
    ("bulk-mail", "bulk mail"),  # "classification as bulk mail"
    ("bulk-email", "bulk email"),  # Cyberoam, observed MTA wording
    ("mass-mailer", "mass mailer"),  # Sisimai why-spamdetected
    ("content-rejected", "message content rejected"),  # Sisimai why-spamdetected
    ("mail-content-denied", "mail content denied"),  # Tencent QQ help page
    ("unacceptable-content", "unacceptable content"),  # Sisimai why-spamdetected
    ("content-filter", "content filter rejection"),  # Sisimai why-spamdetected
    ("banned-content", ("rejecting ", " content")),  # Sisimai why-spamdetected
    ("blacklisted-url", "blacklisted url"),  # Sisimai why-spamdetected
    ("uribl", "uribl"),  # URI blocklists
    ("surbl", "surbl"),  # URI blocklists
    ("spamprofiler", "spamprofiler"),  # MailMarshal / Trustwave SEG
    ("rpd", "recurrent pattern detection"),  # Cyren RPD
    ("looks-like-spam", "looked like spam"),  # SendGrid
    ("junk", "junk mail"),  # observed MTA wording
    ("antispam-checks", "antispam checks"),  # Sisimai why-spamdetected
    ("greylisted", "greylisted"),  # Sisimai counts greylisting notices as spam filtering
    ("high-probability", "high probability of"),  # "high probability of spam"
    ("mail-flood", "mail flood"),  # RFC 8689 X.7.28 text
    ("netease-spam-help", "help_spam_16"),  # NetEase 163.com rejection link (Sisimai why-spamdetected)
    ("drbl-imedia", "drbl.imedia.ru"),  # Sisimai why-spamdetected
    ("bulk-advertising", "reject bulk.advertising"),  # Sisimai why-spamdetected
    ("sender-domain-listed", "sender domain listed at"),  # a URI/domain blocklist (Sisimai why-spamdetected)
    ("spamming-not-allowed", "spamming not allowed"),  # Sisimai why-spamdetected
    ("blocked-by-filter", "temporarily blocked by our filter"),  # Sisimai why-spamdetected
    ("rule-imposed-blacklisted", ("rule imposed as ", " is blacklisted on")),  # MailMarshal (Sisimai)
    ("mail-score-over", ("mail score (", " over ")),  # Sisimai why-spamdetected
    ("orange-mail-rejected-506", ("mail rejete. mail rejected. ", "506")),  # Orange (Sisimai why-spamdetected)
    # Sisimai why-spamdetected lists it (read before its policy wording "rejected for policy reasons")
    ("rejected-for-policy-reasons", "message rejected for policy reasons"),
)

BLOCKED = _rows(
    R.BLOCKED,
    ("spamhaus", "spamhaus"),  # Spamhaus listing replies ("blocked using zen.spamhaus.org")
    ("spamcop", "spamcop"),  # SpamCop listing replies
    ("on-dnsbls", "one or more dnsbls"),  # Comcast BL000001 "found on one or more DNSBLs"
    ("barracuda-brbl", "barracudacentral"),  # Barracuda reputation block list
    ("abuseat", "abuseat.org"),  # CBL listing replies
    ("sorbs", "sorbs"),  # SORBS listing replies
    ("blocked-using", "blocked using"),  # Postfix reject_rbl_client
    ("listed-at", "is listed at"),  # "your sender's ip is listed at ..."
    ("banned-sending-ip", "banned sending ip"),  # Office 365
    ("not-accepting-from-your-ip", "not currently accepting mail from your ip"),  # Microsoft
    ("sender-ip", "sender ip address rejected"),  # Sisimai why-blocked
    ("bad-sender-ip", "bad sender ip address"),  # Sisimai why-blocked
    ("dynamic-ip", "dynamic ip"),  # "hosts with dynamic ip", mail.ru "we do not accept mail from dynamic ips"
    ("dynamic-zombied", "dynamic/zombied"),  # Sisimai why-blocked
    ("client-host-rejected", "client host rejected"),  # Postfix check_client_access / reject_unknown_client
    ("client-host-blocked", ("client host ", " blocked")),  # Postfix
    ("helo-rejected", "helo command rejected"),  # Postfix smtpd_helo_restrictions
    ("abusive", "listed as abusive"),  # Sisimai why-blocked
    ("connection-refused-by", "connection refused by"),  # Sisimai why-blocked
    ("connection-dropped", "connection dropped"),  # Sisimai why-blocked
    ("open-proxy", "open proxy"),  # Sendmail srvrsmtp.c "Rejecting open proxy"
    ("go-away", "go away"),  # Sisimai why-blocked
    ("not-allowed-to-connect", "not allowed to connect"),  # Sisimai why-blocked
    ("host-network-not-allowed", "host network not allowed"),  # Sisimai why-blocked
    ("esmtp-not-accepting", "esmtp not accepting connections"),  # iCloud
    ("confirm-mail-server", "confirm this mail server"),  # Sisimai why-blocked
    ("server-requires-confirmation", "server requires confirmation"),  # Sisimai why-blocked
    ("mail-server-blocked", ("mail server at ", " is blocked")),  # Sisimai why-blocked
    ("blocked-see-url", re.compile(r"(?:blocked|refused) - see https?://")),  # Sisimai why-blocked
    ("was-blocked-by", "was blocked by"),  # Sisimai why-blocked
    ("unwanted-messages", "unwanted messages have been sent from"),  # Sisimai why-blocked
    ("earthlink", "blocked by earthlink"),  # EarthLink
    ("att-blocks", "att.net/blocks"),  # AT&T block notices
    ("use-isp-smtp", "please use the smtp server of your isp"),  # Sisimai why-blocked
    ("sfr-abus", "abus detecte"),  # SFR (French: abuse detected)
    ("may-not-be-mail-exchanger", "may not be mail exchanger"),  # Sisimai why-blocked
    ("not-passed-validation", "sending mta or the sender has not passed validation"),  # Sisimai why-blocked
    ("service-refused", "service refused, please try later"),  # Orange (French bilingual reply)
    ("smtp-after-initial-connection", "after initial connection"),  # Exim: refused before HELO
    ("access-denied-ip", "access denied - invalid ip"),  # observed MTA wording
    ("refused-to-talk", "refused to talk to me"),  # Postfix smtp(8): the server refused us at its greeting
    ("sender-host-open-relay", "which is an open relay"),  # Sendmail check_relay: "no access from mail server"
    ("no-access-from-mail-server", "no access from mail server"),  # Sendmail check_relay (Sisimai why-blocked)
    ("said-550-blocked", " said: 550 blocked"),  # Postfix transcript of a bare "550 blocked" (Sisimai why-blocked)
    ("access-from-ip-blocked", ("access from ip address ", " blocked")),  # Sisimai why-blocked
    ("connection-reset", "connection reset by peer"),  # the server hung up on us (Sisimai why-blocked)
    ("connection-dropped-by-remote", "connection was dropped by remote host"),  # Sisimai why-blocked
    ("no-valid-recipients-from", "no valid recipients from"),  # "ERROR: no valid recipients from <ip>" (Sisimai)
    ("bad-ip-profile", "extreme bad ip profile"),  # Sisimai why-blocked
    ("invalid-ip-for-domain", "invalid ip for sending mail of domain"),  # Sisimai why-blocked
    ("not-allowed-to-send-mail-from", "is not allowed to send mail from"),  # Sisimai why-blocked
    ("mail-from-ip-refused", ("mail from ", " refused:")),  # "Mail from 192.0.2.1 refused: ..." (Sisimai why-blocked)
    ("deferred-user-complaints", "temporarily deferred due to user complaints"),  # Yahoo TS01
    ("looks-like-spammer", "looks suspiciously like spammer"),  # rblsmtpd/qmail (Sisimai why-blocked)
    ("access-to-submit-rejected", "to submit messages to this e-mail system has been rejected"),  # Sisimai
    ("access-ip-rejected", ("your access ip", " has been rejected")),  # Sisimai why-blocked
    # The sending host is refused for what it sent before, not this message (Sisimai why-blocked)
    ("you-are-sending-spam", "you are sending spam"),
    ("currently-sending-spam", "currently sending spam see:"),
    ("possible-spam-virus", "rejected for possible spam/virus content"),
)

SPEEDING = _rows(
    R.SPEEDING,
    ("rate-limited", "rate limited"),  # Gmail 4.7.28, Yahoo TS01
    ("rate-limit", "rate limit"),  # observed MTA wording
    ("too-fast", "too fast"),  # observed MTA wording
    ("unusual-rate", "unusual rate of"),  # Gmail 4.7.0/5.7.1 "unusual rate of unsolicited mail"
    ("receiving-mail-at-a-rate", "receiving mail at a rate that prevents"),  # Gmail 4.2.1
    ("throttled", "throttled"),  # observed MTA wording
    ("throttling", "throttling"),  # observed MTA wording
)

TOOMANYCONN = _rows(
    R.TOOMANYCONN,
    ("too-many-connections", "too many connections"),  # Microsoft, Sendmail, Postfix
    ("too-many-concurrent", "too many concurrent"),  # Microsoft "concurrent SMTP connections"
    ("too-many-smtp-sessions", "too many smtp sessions"),  # Sendmail daemon.c
    ("connection-limit", "connection limit"),  # SendGrid "maximum connection limit", per-domain limit
    ("trop-de-connexions", "trop de connexions"),  # Orange (French: too many connections)
    ("too-many-errors", "too many errors from your ip"),  # Free.fr
    ("too-many-recipients", "too many recipients"),  # RFC 5321 452 use (X.5.3); NTT docomo
    ("numerous-attempts", "we have already made numerous attempts to deliver this message"),  # Sisimai
)

POLICYVIOLATION = _rows(
    R.POLICYVIOLATION,
    ("policy-reasons", "for policy reasons"),  # "message not accepted for policy reasons" (Yahoo, Sisimai)
    ("denied-by-policy", "denied by policy"),  # Sisimai why-policyviolation
    ("organization-policy", "organization policy"),  # Exchange transport rules
    ("organizational-settings", "organizational settings"),  # Exchange
    ("security-policies", "rejected due to security policies"),  # Sisimai why-policyviolation
    ("illegal-attachment", "illegal attachment"),  # Sisimai why-policyviolation
    ("members-only", "members-only list"),  # mailing list software
    ("closed-mailing-list", "closed mailing list"),  # mailing list software
    ("not-subscribed", "not subscribed to this group"),  # Google Groups
    ("posts-captcha", "allowable number of posts without solving a captcha"),  # Google Groups
    ("protocol-violation", "protocol violation"),  # Sisimai why-policyviolation
    ("potential-security-issue", "content presents a potential"),  # Gmail 552 5.7.0 attachment policy
    ("low-priority", "message given low priority"),  # Sisimai why-policyviolation
    ("images-attachments", "we do not accept messages containing images or other attachments"),  # Sisimai
    ("not-accepting-mail-with", "recipient is not accepting mail with"),  # AOL
    ("header-error", "header error"),  # Exim/Gmail "554 5.7.0 Header error" (Sisimai why-policyviolation)
)

NOTCOMPLIANTRFC = _rows(
    R.NOTCOMPLIANTRFC,
    ("rfc5322", "not rfc 5322 compliant"),  # Gmail 550 5.7.1 "message is not RFC 5322 compliant"
    ("rfc-noncompliant", "rfcmessagenoncompliant"),  # Gmail help link ?p=RfcMessageNonCompliant
    ("duplicate-header", "duplicate header"),  # observed MTA wording
    ("multiple-header", (" multiple ", " header")),  # Gmail "multiple Subject headers"
    ("multiple-addresses-in-from", "messages with multiple addresses"),  # Gmail "... in From: header are not accepted"
)

CONTENTERROR = _rows(
    R.CONTENTERROR,
    ("header-size-exceeds", "header size exceeds maximum"),  # Sisimai why-contenterror
    ("8bit-header", "improper use of 8-bit data in message header"),  # Sendmail
    ("header-or-recipients", "message header size, or recipient list, exceeds policy limit"),  # Sisimai
    ("mime-complexity", "mime complexity exceeds"),  # Sisimai why-contenterror
    ("too-many-received", "too many received: headers"),  # Sisimai why-contenterror
    ("invalid-mime", "invalid mime headers"),  # Sisimai why-contenterror
    ("binary-content", "improperly-formatted binary content"),  # Sisimai why-contenterror
    ("base64", "unnecessary base64 encoding"),  # Sisimai why-contenterror
    ("headers-not-accepted", "header are not accepted"),  # Sisimai why-policyviolation
    ("amavis-bad-header", " - bad header"),  # amavisd-new "Reject, id=NNN - BAD HEADER: ..." (Sisimai lhost/amavis)
)

# A provider's own words for a failed directory look-up: the mailbox does not exist, whatever the
# SMTP command (the demotion to `filtered` in classify() does not apply to these rows).
DIRECTORY = _rows(
    R.USERUNKNOWN,
    ("domino-directory", "not listed in domino directory"),  # Lotus Domino
    ("name-and-address-book", "not listed in public name & address book"),  # Lotus Notes
    ("this-user-doesnt-have", ("this user doesn't have a ", " account")),  # Yahoo
    ("this-user-doesnt-have-bare", ("this user doesnt have a ", " account")),  # Yahoo, apostrophe dropped
    # Microsoft 365 NDR "The email address wasn't found at the destination domain" (550 5.1.10)
    ("not-found-at-destination-domain", "found at the destination domain"),
    # Gmail/Google Workspace NDR "Your message wasn't delivered to x because the address couldn't be found"
    ("address-could-not-be-found-ndr", ("because the address couldn", " be found")),
    # Exchange relaying a remote RCPT refusal: "550 5.1.351 Remote server returned unknown recipient"
    ("remote-server-unknown-recipient", "remote server returned unknown recipient"),
    # Sendmail's local delivery agent found no such local account (mail.local(8)): "mail.local:
    # unknown user: ann" in the transcript, whatever reply Sendmail gave after it
    ("mail-local-unknown-user", "mail.local: unknown user"),
    # Exchange's directory resolver found no such recipient (Exchange Online NDR 5.1.10 / 5.1.1:
    # RESOLVER.ADR.RecipientNotFound, RESOLVER.ADR.ExRecipNotFound): its own look-up, not a filter's
    ("resolver-adr-recipientnotfound", "resolver.adr.recipientnotfound"),
    ("resolver-adr-recipient-notfound", "resolver.adr.recipient notfound"),
    ("recipientnotfound", "recipientnotfound"),
    ("exrecipnotfound", "resolver.adr.exrecipnotfound"),
    # Exchange 5.5-2003 (IMS) NDR "The recipient name is not recognized" with "(000C05A6) Unknown
    # Recipient" (Sisimai lhost/exchange2003)
    ("exchange-name-not-recognized", "the recipient name is not recognized"),
)
DIRECTORY_RULES = frozenset(row.name for row in DIRECTORY)

USERUNKNOWN = _rows(
    R.USERUNKNOWN,
    ("user-unknown", "user unknown"),  # Postfix "User unknown in local recipient table", Sendmail
    ("unknown-user", "unknown user"),  # observed MTA wording
    ("unknown-recipient", "unknown recipient"),  # observed MTA wording
    ("recipient-unknown", "recipient unknown"),  # observed MTA wording
    ("unknown-mailbox", "unknown mailbox"),  # observed MTA wording
    # observed MTA wording; not Amazon SES's "5.1.0 - Unknown address error", its name for any X.1.x status
    ("unknown-address", re.compile(r"unknown address(?! error)")),
    ("address-unknown", "address unknown"),  # observed MTA wording
    ("unknown-email-address", ("unknown e", "mail address")),  # "unknown e-mail address"
    ("unknown-local-part", ("unknown local", "part")),  # Exim "Unknown local part"
    ("no-such-user", "no such user"),  # observed MTA wording
    ("addressee-unknown", "addressee unknown"),  # sysexits.h EX_NOUSER (67), as delivery agents word it
    ("no-such-recipient", "no such recipient"),  # observed MTA wording
    ("no-such-mailbox", "no such mailbox"),  # observed MTA wording
    ("no-such-address", "no such address"),  # observed MTA wording
    ("no-such-person", "no such person"),  # observed MTA wording
    ("no-mailbox", "no mailbox"),  # "no mailbox here by that name" (qmail), "no mailbox found"
    ("no-mail-box", "no mail box available"),  # Sisimai why-userunknown
    ("no-account-by-that-name", "no account by that name"),  # Sisimai why-userunknown
    ("user-not-found", "user not found"),  # observed MTA wording
    ("user-doesnt-exist", "user doesn't exist"),  # observed MTA wording
    ("user-does-not-exist", "user does not exist"),  # observed MTA wording
    ("user-not-exist", "user not exist"),  # observed MTA wording
    ("user-not-known", "user not known"),  # observed MTA wording
    ("user-x-was-not-found", ("user ", " was not found")),  # Sisimai why-userunknown
    ("user-x-does-not-exist", ("user ", " does not exist")),  # Sisimai why-userunknown
    ("recipient-not-found", "recipient not found"),  # observed MTA wording
    ("recipient-does-not-exist", "recipient does not exist"),  # observed MTA wording
    ("recipient-not-exist", "recipient not exist"),  # observed MTA wording
    ("recipient-x-not-found", ("recipient ", " was not found in")),  # Sisimai why-userunknown
    ("recipient-is-not-local", "recipient is not local"),  # Sisimai why-userunknown
    ("recipient-not-ok", "recipient not ok"),  # Sisimai why-userunknown
    ("mailbox-not-found", "mailbox not found"),  # observed MTA wording
    ("mailbox-does-not-exist", "mailbox does not exist"),  # observed MTA wording
    ("mailbox-x-does-not-exist", ("mailbox ", "does not exist")),  # observed MTA wording
    ("mailbox-not-present", "mailbox not present"),  # Sisimai why-userunknown
    ("mailbox-is-unavailable", "mailbox is unavailable"),  # observed MTA wording
    ("mailbox-invalid", "mailbox invalid"),  # observed MTA wording
    ("invalid-mailbox", "invalid mailbox"),  # observed MTA wording
    ("invalid-recipient", "invalid recipient"),  # observed MTA wording
    ("invalid-user", "invalid user"),  # observed MTA wording
    ("address-does-not-exist", "address does not exist"),  # observed MTA wording
    ("address-not-found", "address not found"),  # observed MTA wording
    ("address-could-not-be-found", "address could not be found"),  # observed MTA wording
    ("address-not-in-directory", "address not present in directory"),  # Sisimai why-userunknown
    ("account-does-not-exist", "account does not exist"),  # observed MTA wording
    ("account-x-does-not-exist", ("account ", " does not exist at the organization")),  # Exchange
    ("account-you-tried-to-reach", "account that you tried to reach does not exist"),  # Gmail 5.1.1
    ("no-longer-accepts-mail", "address no longer accepts mail"),  # Sisimai why-userunknown
    ("not-a-valid-mailbox", "not a valid mailbox"),  # observed MTA wording
    ("not-a-valid-recipient", "not a valid recipient"),  # observed MTA wording
    ("not-a-valid-user", "not a valid user"),  # observed MTA wording
    ("not-a-known-user", "is not a known user"),  # observed MTA wording
    ("not-a-local-address", "not a local address"),  # observed MTA wording
    ("not-an-active-address", "not an active address"),  # Sisimai why-userunknown
    ("no-one-at-this-address", "there is no one at this address"),  # Sisimai why-userunknown
    ("bad-recipient", "bad recipient"),  # observed MTA wording
    ("badrcptto", "badrcptto"),  # qmail badrcptto patch
    ("badrecipientto", "badrecipientto"),  # qmail
    ("validrcptto", "validrcptto"),  # qmail validrcptto patch
    ("non-existent", ("non", "existent user")),  # "nonexistent user", "non-existent user"
    ("cant-accept-user", "can't accept user"),  # Sisimai why-userunknown
    ("destination-addresses-unknown", "destination addresses were unknown"),  # Sisimai why-userunknown
    ("destination-rejected-recipients", "destination server rejected recipients"),  # Sisimai
    ("not-in-name-directory", ("no ", " in name directory")),  # Lotus Domino
    ("user-missing-home", "user missing home directory"),  # Sisimai why-userunknown
    ("vdeliver-unknown", "invalid or unknown virtual user"),  # vpopmail
    ("utilisateur-inconnu", "utilisateur inconnu"),  # French: unknown user
    ("nessun-utente", "nessun utente simile"),  # Italian: no such user
    ("no-existe", "no existe"),  # Spanish: does not exist
    ("adresse-nicht-gefunden", "adresse nicht gefunden"),  # German: address not found
    ("recipient-access-denied", "recipient address rejected: access denied"),  # Postfix check_recipient_access (Sisimai why-userunknown)
    ("recipient-rejected", "recipient address rejected: user"),  # Postfix "Recipient address rejected: User ..."
    ("email-account-not-exist", "email account that you tried to reach does not exist"),  # Gmail
    ("not-our-customer", "not our customer"),  # observed MTA wording
    ("dont-know", "i don't know"),  # observed MTA wording ("sorry, I don't know that user")
    ("invalid-final-delivery-userid", "invalid final delivery userid"),  # Ipswitch IMail
    ("address-not-found-bracket", "> not found"),  # "<a@example.org> not found" (Sisimai why-userunknown)
    ("account-unavailable", "rejected: account unavailable"),  # "no thank you rejected: account unavailable:"
    ("no-valid-recipients-bye", "no valid recipients, bye"),  # Sisimai why-userunknown
    ("rcpt-does-not-exist", ("rcpt <", "> does not exist")),  # Sisimai why-userunknown
    ("invalid-recipient-hyphen", "invalid-recipient"),  # Postfix access map "Recipient address rejected: invalid-recipient"
    ("envelope-recipient-denied", "your envelope recipient has been denied"),  # qmail badrcptto (Sisimai)
    ("email-name-not-found", "email name is not found"),  # "the user's email name is not found" (Sisimai)
    ("spectator-does-not-exist", "this spectator does not exist"),  # Sisimai why-userunknown
    ("user-not-active", "user not active"),  # Sisimai why-userunknown
    ("mailbox-address-unavailable", ("mailbox ", "@", " unavailable")),  # "mailbox a@example.org unavailable"
    # Postfix's transcript of a bare RCPT refusal, "Recipient address rejected." with no cause after it
    # (Sisimai why-userunknown); read like every generic unknown-user phrase (at RCPT, or with X.1.x)
    ("recipient-address-rejected-bare", "recipient address rejected."),
    ("recipient-not-accepted", "recipient is not accepted"),  # Sisimai why-userunknown
    ("recipient-refuses", "recipient refuses to accept your mail"),  # Sisimai why-userunknown
    ("user-x-unknown", ("user (", ") unknown")),  # McAfee "User (a@example.org) unknown." (Sisimai why-userunknown)
)

FILTERED = _rows(
    R.FILTERED,
    ("user-rules", "message rejected due to user rules"),  # Sisimai why-filtered
    ("message-filtered", "message filtered"),  # Amazon SES inbound "550 5.2.0 Message Filtered"
    ("recipient-preferences", "refused due to recipient preferences"),  # Facebook
    ("only-accepting-mail-from", "only accepting mail from specific email addresses"),  # AOL
    ("not-accepting-any-mail", "is not accepting any mail"),  # Sisimai why-filtered
    ("extended-inactivity", "due to extended inactivity new mail is not currently being accepted"),  # Sisimai
    ("restricted-sms", "has restricted sms e-mail"),  # AT&T
    ("notauthorized", "resolver.rst.notauthorized"),  # Microsoft Exchange NDR code
    ("account-is-protected", "this account is protected by"),  # Sisimai why-filtered
    ("user-reject", "user reject"),  # Sisimai why-filtered
    ("blocked-by-recipient", "you have been blocked by the recipient"),  # Sisimai why-filtered
    ("refuse-to-receive", "refuse to receive mail"),  # Willcom
    ("bounced-address", "bounced address"),  # SendGrid: the address is on the bounce suppression list (Sisimai)
    ("not-found-recipient-account", "not found recipient account"),  # Sisimai why-filtered
)

REJECTED = _rows(
    R.REJECTED,
    ("sender-rejected", "sender rejected"),  # observed MTA wording
    ("sender-address-rejected", "sender address rejected"),  # Postfix smtpd_sender_restrictions
    ("sender-email-rejected", "sender email address rejected"),  # Sisimai why-rejected
    ("invalid-sender", "invalid sender"),  # observed MTA wording
    ("sender-verify-failed", "sender verify failed"),  # Exim callout
    ("sender-domain", "domain of sender address"),  # Postfix "Domain of sender address x does not exist"
    ("sender-domain-empty", "sender domain is empty"),  # Sisimai why-rejected
    ("unroutable-sender", "unroutable sender address"),  # Sisimai why-rejected
    ("null-sender", "null sender is not allowed"),  # Sisimai why-rejected
    ("empty-envelope-sender", "empty envelope senders not allowed"),  # Sisimai why-rejected
    ("bogus-mail-from", "bogus mail from"),  # IMail
    ("purported-responsible-address", "can't determine purported responsible address"),  # Sendmail/Courier Sender ID
    ("group-permission", "permission to post messages to the group"),  # Google Groups bounce
    ("mail-from-not-owned", "mail from not owned by user"),  # Sisimai why-rejected
    ("administrative-prohibition", "administrative prohibition"),  # Exim ACL default
    ("access-denied-mail-from", "access denied (in reply to mail from command)"),  # Postfix
    ("all-recipients-access-denied", "recipient addresses rejected : access denied"),  # Exchange Online (Sisimai why-rejected)
    ("sender-blacklisted", "sender address has been blacklisted"),  # Sisimai why-rejected
    ("sender-black-list", "sender is in my black list"),  # Sisimai why-rejected
    ("sender-is-spammer", "sender is spammer"),  # Sisimai why-rejected
    ("sender-not-pre-approved", "sender not pre-approved"),  # Sisimai why-rejected
    ("batv", "batv"),  # BATV validation failures (SonicWall, Barracuda)
    ("backscatter", "backscatter protection"),  # MDaemon
    ("no-third-party-dsns", "no third-party dsns"),  # SpamWall
    ("unsigned-dsn", "unsigned dsn"),  # Sisimai why-rejected
    ("returned-mail-not-accepted", "returned mail not accepted here"),  # Sisimai why-rejected
    ("fully-qualified", "fully qualified email address required"),  # McAfee
    ("valid-sender-domain", "without a valid sender domain"),  # Sisimai why-rejected
    ("not-verified", "email address is not verified"),  # Amazon SES
    ("senders-list", "isn't on the recipient's list of senders to accept mail from"),  # Microsoft
    ("senderfilterconfig", "senderfilterconfig"),  # Exchange sender filter
    ("bouncedeny", "denied [bouncedeny]"),  # McAfee
    ("emetteur-invalide", "emetteur invalide"),  # French: invalid sender
    ("empty-email-address", "syntax error: empty email address"),  # Sisimai why-rejected
    ("from-domain-invalid", "from: domain is invalid"),  # Sisimai why-rejected
    ("not-allowed-to-post", "you are not allowed to post to this mailing list"),  # Sisimai why-rejected
    ("registered-gateway-user", "is not a registered gateway user"),  # Sisimai why-rejected
    ("blacklisted-address", "address that has been blacklisted"),  # Sisimai why-rejected
    ("does-not-accept-mail-from", "this server does not accept mail from"),  # Sisimai why-rejected
    ("envelope-blocked", "envelope blocked"),  # Mimecast "Envelope blocked - User Entry"
    ("secumail", "secumail valid-address-filter"),  # Sisimai why-rejected
    ("access-denied-sender-blacklisted", "access denied (sender blacklisted)"),  # Sisimai why-rejected
    ("delivery-not-authorized", "delivery not authorized, message refused"),  # RFC 3463 X.7.1 text (Sisimai)
    ("invalid-domain-see-url", "invalid domain, see <url:"),  # Sisimai why-rejected
    ("recursive-cname", "rfc 1035 violation: recursive cname records"),  # Sisimai why-rejected
    ("mailmarshal-rule", "rule imposed mailbox access for"),  # MailMarshal (Sisimai why-rejected)
)

HOSTUNKNOWN = _rows(
    R.HOSTUNKNOWN,
    ("host-unknown", "host unknown"),  # Sendmail "Host unknown (Name server: x: host not found)"
    ("unknown-host", "unknown host"),  # observed MTA wording
    ("domain-does-not-exist", "domain does not exist"),  # observed MTA wording
    ("domain-not-found", "domain not found"),  # observed MTA wording
    ("no-such-domain", "no such domain"),  # observed MTA wording
    ("unknown-domain", "unknown domain"),  # Postfix "Recipient address rejected: unknown domain"
    ("domain-must-exist", "domain must exist"),  # observed MTA wording
    ("host-or-domain-not-found", "host or domain name not found"),  # Postfix
    ("name-or-service-not-known", "name or service not known"),  # Postfix / getaddrinfo
    ("unrouteable-address", "unrouteable address"),  # Exim
    ("unroutable-address", "unroutable address"),  # observed MTA wording
    ("domain-unknown", "mail domain mentioned in email address is unknown"),  # Sisimai why-hostunknown
    ("domain-not-reachable", "domain is not reachable"),  # Sisimai why-hostunknown
    ("account-or-domain", "the account or domain may not exist"),  # Sisimai why-hostunknown
    ("couldnt-find-host", "couldn't find any host named"),  # qmail-remote
    ("no-host-named", "no host named"),  # observed MTA wording
    ("dns-domain-does-not-exist", ("dns domain ", " does not exist")),  # Exchange Online 5.4.310
    ("domain-name-not-found", "domain name not found"),  # Gmail "DNS Error: Domain name not found" (Sisimai lhost/gmail)
    ("dns-answer-no-data", "dns server returned answer with no data"),  # Gmail (Sisimai lhost/gmail)
    ("remote-domain-doesnt-exist", "remote domain doesnt exist"),  # KDDI (Sisimai lhost/kddi)
    ("dma-host-not-found", ("dns lookup failure: host ", " not found")),  # DragonFly dma net.c
    ("domain-x-does-not-exist", ("domain ", " does not exist")),  # "Domain example.org does not exist" (OpenSMTPD, Exchange)
)

FAILEDSTARTTLS = _rows(
    R.FAILEDSTARTTLS,
    ("starttls", "starttls"),  # "STARTTLS is required", "failed STARTTLS"
    ("tls-required", "tls required"),  # SendGrid "TLS required but not supported"
    ("requiretls", "requiretls"),  # RFC 8689
    ("encryption-required", "must issue a starttls command first"),  # Postfix / Exchange
    ("does-not-support-tls", "does not support tls"),  # Gmail relay "Remote server does not support TLS"
)

SECURITYERROR = _rows(
    R.SECURITYERROR,
    ("authentication-required", "authentication required"),  # RFC 4954 530 text
    ("authentication-failure", "authentication failure"),  # observed MTA wording
    ("authentication-failed", "authentication failed"),  # Postfix SASL
    ("credentials-invalid", "authentication credentials invalid"),  # RFC 4954 535 text
    ("unauthenticated-senders", "unauthenticated senders not allowed"),  # Sisimai why-securityerror
    ("dead-domain", ("domain ", " is a dead domain")),  # Sisimai why-securityerror
    ("executable-files", "executable files are not allowed"),  # Sisimai why-securityerror
    ("ses-not-subscribed", "account not subscribed to ses"),  # Amazon SES
    ("ses-not-authorized", "not authorized to perform ses:"),  # Amazon SES IAM
    ("authenticate-rcpthosts", "you don't authenticate or the domain isn't in my list"),  # qmail
    ("verification-failure", "verification failure"),  # Sisimai why-securityerror
    ("smtp-authentication", "turn on smtp authentication"),  # Symantec Email Security.cloud
    ("authentication-turned-on", "authentication turned on in your email client"),  # Sisimai why-securityerror
    ("not-authorized-authentication-required", "not authorized to send mail, authentication is required"),  # Sisimai
)

SYNTAXERROR = _rows(
    R.SYNTAXERROR,
    ("command-unrecognized", "command unrecognized"),  # RFC 5321 500 text
    ("bad-sequence", "bad sequence of commands"),  # RFC 5321 503 text
    ("improper-sequence", "improper sequence of commands"),  # observed MTA wording
    ("malformed-address", "malformed address"),  # Exim "malformed address: x may not follow y"
)

# A loop in the recipient system's own aliases: a system error there (Sisimai why-systemerror), read
# before NETWORKERROR, whose "forwarding loop" / "mail loop" rows would otherwise take these texts.
LOCAL_LOOPS = _rows(
    R.SYSTEMERROR,
    ("loop-broken", "aliasing/forwarding loop broken"),  # Sendmail/Courier alias expansion
    ("would-create-mail-loop", "it would create a mail loop"),  # Sisimai why-systemerror
)

# A sender's MTA that gave up on a network failure it kept meeting: read before NETWORKERROR's "dns error"
GAVE_UP = _rows(
    R.EXPIRED,
    # Gmail's permanent-failure notice "DNS Error: Could not contact DNS servers" (Sisimai lhost/gmail)
    ("gmail-could-not-contact-dns", "could not contact dns servers"),
)

NETWORKERROR = _rows(
    R.NETWORKERROR,
    ("no-route-to-host", "no route to host"),  # socket error
    ("host-unreachable", "host is unreachable"),  # socket error
    ("host-unreachable-short", "host unreachable"),  # ICMP wording (Sisimai: hostunknown; a route is not a domain)
    ("network-unreachable", "network is unreachable"),  # socket error
    ("host-name-lookup", "host name lookup failure"),  # Sendmail
    ("host-not-found-try-again", "host not found, try again"),  # Sendmail
    ("name-server-reply", "name server reply"),  # Sendmail "malformed or unexpected name server reply"
    ("mail-loop", "mail loop"),  # "hop count exceeded - possible mail loop", "it would create a mail loop"
    ("forwarding-loop", "forwarding loop"),  # Postfix "mail forwarding loop for x"
    ("routing-loop", "routing loop"),  # observed MTA wording
    ("message-looping", "message looping"),  # Sisimai why-networkerror
    ("too-many-hops", "too many hops"),  # observed MTA wording
    ("unable-to-resolve-route", "unable to resolve route"),  # Sisimai why-networkerror
    ("unrouteable-mail-domain", "unrouteable mail domain"),  # Exim
    ("could-not-connect", "could not connect and send"),  # Sisimai why-networkerror
    ("temporary-dns-failure", "temporary failure in name resolution"),  # getaddrinfo
    ("dns-error", "dns error"),  # observed MTA wording
    ("dns-query-failed", "dns query failed"),  # Exchange Online 5.4.312
    ("network-error-mx", "network error on destination mx"),  # OpenSMTPD
    ("qmail-no-connection", "wasn't able to establish an smtp connection"),  # qmail-remote tempnocon (#4.4.1)
    # Exchange 5.4.4: a DNS failure, not a domain known not to exist (Sisimai why-networkerror, which its
    # HostUnknown defers to)
    ("dns-records-not-found", "dns records for the destination computer could not be found"),
    ("best-preference-mx", "listed as a best-preference mx or a for that host"),  # qmail-remote perm_ambigmx
)

SYSTEMFULL = _rows(
    R.SYSTEMFULL,
    ("mail-system-full", "mail system full"),  # RFC 3463 X.3.1 text
    ("insufficient-system-storage", "insufficient system storage"),  # RFC 5321 452 text
    ("no-space-left", "no space left on device"),  # observed MTA wording
    ("insufficient-disk-space", "insufficient disk space"),  # Sendmail 452 4.4.5
)

SYSTEMERROR = _rows(
    R.SYSTEMERROR,
    ("local-error", "local error in processing"),  # RFC 5321 451 text
    ("local-configuration-error", "local configuration error"),  # Sisimai why-systemerror
    ("misconfigured", "misconfigured"),  # "remote server is misconfigured"
    ("config-error", "system config error"),  # Sisimai why-systemerror
    ("loops-back", "loops back to myself"),  # Sendmail "MX list for x points back to y"
    ("loop-in-mx", "loop was found in the mail exchanger"),  # Sisimai why-systemerror
    ("temporary-local-problem", "temporary local problem"),  # observed MTA wording
    ("internal-server-error", "internal server error"),  # observed MTA wording
    ("interrupted-system-call", "interrupted system call"),  # Sisimai why-systemerror
    ("queue-file-write-error", "queue file write error"),  # Postfix
    ("cant-create-output", "can't create user output file"),  # Sendmail
    ("timeout-waiting-input", "timeout waiting for input"),  # Sisimai why-systemerror
    ("service-unavailable", "service currently unavailable"),  # observed MTA wording
    ("error-while-processed", "encountered an error while being processed"),  # Sisimai why-systemerror
    ("could-not-load-drd", "could not load drd for domain"),  # Sisimai why-systemerror
    # qmail-ldap patch: the directory could not be read (#4.4.3 directory server failure)
    ("ldap-unreachable", "unable to contact ldap server"),
    ("ldap-lookup", "temporary failure in ldap lookup"),
    ("ldap-timeout", "timeout while performing search on ldap server"),
    ("ldap-login", "unable to login into ldap server"),
    ("no-mdb", "recipient deferred because there is no mdb"),  # Exchange (Sisimai why-systemerror)
    ("unable-to-connect-daemon", ("unable to connect ", "daemon")),  # Sisimai why-systemerror
    # Yahoo: the remote end kept failing, not a queue lifetime (Sisimai lhost/yahoo: systemerror)
    ("multiple-retries", "unable to deliver message after multiple retries"),
)

EXPIRED = _rows(
    R.EXPIRED,
    ("delivery-time-expired", "delivery time expired"),  # RFC 3463 X.4.7 text
    ("retry-timeout-exceeded", "retry timeout exceeded"),  # Exim
    ("retry-time-not-reached", "retry time not reached for any host after a long failure period"),  # Exim
    ("too-long-in-queue", "in the queue too long"),  # observed MTA wording
    ("expired-in-queue", "message expired after sitting in queue"),  # Sisimai why-expired
    ("queue-period", "was not reachable within the allowed queue period"),  # Sisimai why-expired
    ("has-been-delayed", "has been delayed"),  # delay notices
    ("giving-up", "giving up on"),  # qmail / observed MTA wording
    ("failing-for-a-long-time", "have been failing for a long time"),  # Sisimai why-expired
    ("message-timed-out", "message timed out"),  # Sisimai why-expired
    ("server-did-not-respond", "server did not respond"),  # Exchange
    ("could-not-be-delivered-for", "could not be delivered for more than"),  # Sisimai why-expired
    ("delivery-attempts-continue", "delivery attempts will continue to be"),  # Sisimai why-expired
    ("gateway-for", "could not find a gateway for"),  # Sisimai why-expired
    ("did-not-accept-requests", "did not accept our requests to connect"),  # Gmail bounce text
    ("delivery-failed-attempts", ("delivery failed ", " attempts")),  # Ipswitch IMail "Delivery failed 20 attempts"
    ("not-collected", "it has not been collected after"),  # Sisimai why-expired
    ("failed-to-deliver-to-domain", "failed to deliver to domain "),  # Sisimai why-expired
    ("message-expired", "message expired"),  # Exchange "4.4.7 QUEUE.Expired; message expired" (Sisimai)
    ("message-delayed", "message delayed"),  # Exchange Online 4.4.7 (Sisimai rhost ExchangeOnline)
    ("cannot-send-message-for", "cannot send message for"),  # Sendmail deliver.c "Cannot send message for 5 days"
    ("could-not-be-delivered-for-days", ("could not be delivered for", " days")),  # Sendmail; Sisimai why-expired
    ("delivery-expired", "delivery expired"),  # Amazon SES (Sisimai why-expired)
    ("dma-giving-up", "could not deliver for the last "),  # DragonFly dma.c "... seconds. Giving up."
)

MAILERERROR = _rows(
    R.MAILERERROR,
    ("procmail", "procmail"),  # local delivery agent
    ("maildrop", "bin/maildrop"),  # local delivery agent
    ("mailer-error", "mailer error"),  # observed MTA wording
    ("command-failed", "command failed: "),  # Exim pipe transport
    ("command-died", ("command died with status",)),  # Postfix pipe
    ("command-output", "command output:"),  # Postfix local(8)
    ("pipe-to", "pipe to |"),  # Exim pipe transport
)

VACATION = _rows(
    R.VACATION,
    ("away-on-vacation", "i am away on vacation"),  # auto-reply wording
    ("away-until", "i am away until"),  # auto-reply wording
    ("out-of-the-office", "i am out of the office"),  # auto-reply wording
    ("traveling-for-work", "i will be traveling for work on"),  # Sisimai why-vacation
)

# Generic words, tried only when no specific phrase matched: they say less about the reason.
GENERIC = (
    _rows(
        R.SPAMDETECTED,
        ("spam", re.compile(r"\bspam\b(?!haus|cop)")),  # the word spam, not Spamhaus/SpamCop lists
        ("unsolicited", "unsolicited"),  # Gmail "unsolicited mail", "appears to be unsolicited"
        # amavisd-new's reject prefix "554 5.7.0 Reject, id=NNN - <CATEGORY>" (Sisimai why-spamdetected): read
        # after the category words (INFECTED, BAD HEADER) that name another cause
        ("reject-id", "5.7.0 reject, id="),
    )
    + _rows(
        R.BLOCKED,
        ("blacklisted", "blacklisted"),  # observed MTA wording ("IP is blacklisted")
        ("blocklisted", "blocklisted"),  # observed MTA wording
        ("black-list", "black list"),  # observed MTA wording ("is in a black list")
        ("block-list", "block list"),  # Microsoft "part of their network is on our block list" (S3150)
        ("blocklist", "blocklist"),  # "listed on blocklist"
        ("blacklist", "blacklist"),  # "rejected based on blacklist"
        ("dnsbl", "dnsbl"),  # DNS blocklists
        ("rbl", re.compile(r"\brbl\b")),  # "listed in an RBL"
        ("ip-blocked", re.compile(r"\bip\b[^.;]{0,80}\bblocked\b")),  # "ip x is blocked by ...", "ip address x blocked"
        ("your-ip", "your ip"),  # "mail from your IP is refused", "server forbidden by your ip"
        ("too-many-spams-from-ip", "from your ip"),  # free.fr "too many spams from your ip", "errors from your ip"
        # RFC 5321 421 text: the server closed on us before taking the message (Sisimai why-blocked)
        ("service-not-available-closing", "service not available, closing transmission channel"),
    )
    + _rows(
        R.USERUNKNOWN,
        ("mailbox-unavailable", "mailbox unavailable"),  # RFC 5321 550 text
        ("invalid-address", "invalid address"),  # observed MTA wording
        ("no-longer-valid", "no longer valid"),  # observed MTA wording
        ("bad-address", "bad address"),  # qmail-style "#5.1.1 bad address"
        ("address-invalid", "address invalid"),  # "550 Address invalid" (Sisimai why-userunknown)
        ("does-not-exist", "does not exist."),  # "<a@example.org> does not exist." (Sisimai why-userunknown)
    )
    + _rows(
        R.HOSTUNKNOWN,
        # Sendmail "Name server: x: host not found", Postfix "Host not found" (a transient DNS failure says
        # "host not found, try again", a NETWORKERROR row read before this one)
        ("host-not-found", "host not found"),
    )
    + _rows(
        R.USERUNKNOWN,
        # qmail-remote.c's wrapper of any refused RCPT TO ("x does not like recipient. Remote host said:
        # ..."): the remote text, read first, names the cause; when it names none, Sisimai lhost/qmail
        # reads the refusal as an unknown user
        ("does-not-like-recipient", "does not like recipient."),
    )
    + _rows(
        R.MESGTOOBIG,
        ("size-limit", "size limit"),  # "exceeds size limit" (Sisimai why-mesgtoobig), after every mailbox wording
    )
    + _rows(
        R.POLICYVIOLATION,
        ("local-policy", "local policy"),  # "local policy violation", "rejected due to local policy"
    )
    + _rows(
        R.SYNTAXERROR,
        ("syntax-error", "syntax error"),  # RFC 5321 500/501 text
    )
    + _rows(
        R.SYSTEMERROR,
        ("configuration-error", "configuration error"),  # "mail system/server configuration error"
        ("internal-error", "internal error"),  # Microsoft "internal error reading data"
        ("temporarily-unavailable", "temporarily unavailable"),  # observed MTA wording
    )
    + _rows(
        R.EXPIRED,
        ("connection-timed-out", "connection timed out"),  # socket error while retrying
        ("connection-refused", "connection refused"),  # socket error while retrying
    )
)

GENERIC_RULES = frozenset(row.name for row in GENERIC)

# Read after the status code: a local delivery program's exit, which a status may explain better.
LATE = Table(_rows(
    R.MAILERERROR,
    ("x-unix", re.compile(r"x-unix; ?\d+")),  # Sendmail Diagnostic-Code type X-Unix
    ("exit-status", re.compile(r"\bexit \d+")),  # Sendmail prog mailer
    # A diagnostic that is only a number other than a failure reply (4xx/5xx): the exit status of a
    # local delivery program, as Sendmail reports it (Diagnostic-Code: X-Unix; 75)
    ("exit-status-only", re.compile(r"\A(?![45][0-5]\d\Z)\d{1,3}\Z")),
))

# The order of evidence between reasons: the first row that matches wins.
PHRASES = Table(
    SENDER_LIMITS
    + NOTACCEPT
    + MAILBOXFULL
    + MESGTOOBIG
    + EXCEEDLIMIT
    + SUSPEND
    + HASMOVED
    + NORELAYING
    + AUTHFAILURE
    + REQUIREPTR
    + BADREPUTATION
    + VIRUSDETECTED
    + SPAMDETECTED
    + BLOCKED
    + SPEEDING
    + TOOMANYCONN
    + POLICYVIOLATION
    + NOTCOMPLIANTRFC
    + CONTENTERROR
    + DIRECTORY
    + USERUNKNOWN
    + FILTERED
    + REJECTED
    + HOSTUNKNOWN
    + FAILEDSTARTTLS
    + SECURITYERROR
    + SYNTAXERROR
    + LOCAL_LOOPS
    + GAVE_UP
    + NETWORKERROR
    + SYSTEMFULL
    + SYSTEMERROR
    + EXPIRED
    + MAILERERROR
    + VACATION
    + GENERIC
)
