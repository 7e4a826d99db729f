"""Real-world SMTP replies (short quotes from vendors' public documentation and common MTA wording)
with the reason each must be classified as. One row: (source, reply text, status, remote host, reason)."""
from __future__ import annotations

from streams.model import Reason as R

REPLIES: tuple[tuple[str, str, str, str, R], ...] = (
    # Gmail / Google Workspace: https://support.google.com/a/answer/3726730
    ("gmail-5.1.1", "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
     "550-5.1.1 double-checking the recipient's email address for typos or\n"
     "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser x1si - gsmtp",
     "", "gmail-smtp-in.l.google.com", R.USERUNKNOWN),
    ("gmail-5.2.1-disabled", "550 5.2.1 The email account that you tried to reach is disabled. - gsmtp",
     "", "", R.SUSPEND),
    ("gmail-4.2.2-quota", "452-4.2.2 The email account that you tried to reach is over quota. Please direct\n"
     "452 4.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp", "", "", R.MAILBOXFULL),
    ("gmail-5.2.1-rate", "550-5.2.1 The user you are trying to contact is receiving mail at a rate that\n"
     "550 5.2.1 prevents additional messages from being delivered. - gsmtp", "", "", R.SPEEDING),
    ("gmail-5.7.1-unsolicited", "550-5.7.1 Our system has detected an unusual rate of unsolicited mail\n"
     "550-5.7.1 originating from your IP address. To protect our users from spam, mail\n"
     "550 5.7.1 sent from your IP address has been blocked. - gsmtp", "", "", R.BLOCKED),
    ("gmail-5.7.1-reputation", "550-5.7.1 Our system has detected that this message is likely suspicious\n"
     "550 5.7.1 due to the very low reputation of the sending IP address. - gsmtp", "", "", R.BADREPUTATION),
    ("gmail-5.7.26-dmarc", "550-5.7.26 Unauthenticated email from example.org is not accepted due to\n"
     "550 5.7.26 domain's DMARC policy. - gsmtp", "", "", R.AUTHFAILURE),
    ("gmail-5.7.25-ptr", "550-5.7.25 The IP address sending this message does not have a PTR record\n"
     "550 5.7.25 setup, or the corresponding forward DNS entry does not point to the sending IP. - gsmtp",
     "", "", R.REQUIREPTR),
    ("gmail-5.7.1-rfc5322", "550-5.7.1 This message is not RFC 5322 compliant. - gsmtp", "", "", R.NOTCOMPLIANTRFC),
    ("gmail-5.3.4-size", "552-5.3.4 Your message exceeded Google's message size limits. - gsmtp",
     "", "", R.MESGTOOBIG),
    ("gmail-5.7.0-starttls", "530 5.7.0 Must issue a STARTTLS command first. - gsmtp", "", "", R.FAILEDSTARTTLS),
    # Microsoft 365 / Outlook.com NDRs: learn.microsoft.com "Email non-delivery reports in Exchange Online"
    ("m365-5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
     "", "", R.USERUNKNOWN),
    ("m365-5.7.1-notauthorized", "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized", "", "", R.FILTERED),
    ("m365-5.7.606", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "", "", R.BLOCKED),
    ("outlook-s3150", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
     "Internet service provider since part of their network is on our block list (S3150).",
     "", "mx.outlook.com", R.BLOCKED),
    ("m365-5.7.515", "550 5.7.515 Access denied, sending domain example.org does not meet the required "
     "authentication level.", "", "", R.AUTHFAILURE),
    ("m365-4.7.650", "451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP "
     "reputation.", "", "", R.BADREPUTATION),
    ("exchange-5.2.2", "552 5.2.2 mailbox full", "", "", R.MAILBOXFULL),
    ("exchange-5.4.312", "550 5.4.312 Message expired, DNS query failed", "", "", R.NETWORKERROR),
    # Yahoo: https://senders.yahooinc.com/smtp-error-codes/
    ("yahoo-no-account", "554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0]",
     "", "mta5.am0.yahoodns.net", R.USERUNKNOWN),
    ("yahoo-disabled", "554 30 Sorry, your message to x@aol.com cannot be delivered. This mailbox is disabled "
     "(554.30).", "", "", R.SUSPEND),
    ("yahoo-policy", "554 5.7.9 Message not accepted for policy reasons. See "
     "https://senders.yahooinc.com/error-codes", "", "", R.POLICYVIOLATION),
    ("yahoo-unauthenticated", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. "
     "Yahoo requires all senders to authenticate with either SPF or DKIM.", "", "", R.AUTHFAILURE),
    ("yahoo-tss04", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume "
     "or user complaints; see https://senders.yahooinc.com/error-codes", "", "", R.REJECTED),
    ("yahoo-bl21", "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in "
     "Spamhaus's list; see https://senders.yahooinc.com/error-codes", "", "", R.BLOCKED),
    # Apple iCloud: https://support.apple.com/en-us/102322
    ("icloud-over-quota", "552 5.2.2 <x@icloud.com>: user is over quota", "", "mx01.mail.icloud.com", R.MAILBOXFULL),
    ("icloud-no-user", "550 5.1.1 <x@icloud.com>: user does not exist", "", "mx01.mail.icloud.com", R.USERUNKNOWN),
    ("icloud-cs01", "554 5.7.1 [CS01] Message rejected due to local policy. Please visit "
     "https://support.apple.com/en-us/102322", "", "mx01.mail.icloud.com", R.POLICYVIOLATION),
    ("icloud-volume", "421 4.7.1 Messages to x@icloud.com deferred due to excessive volume. Try again later",
     "", "mx01.mail.icloud.com", R.SPEEDING),
    # Orange (France): OFR / LPN error labels
    ("orange-102", "550 mwinf0a12 ME Votre adresse IP est bloquee (spam). Client host blocked for spamming "
     "issues. OFR006_102 [102]", "", "", R.BLOCKED),
    ("orange-417", "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]",
     "", "", R.MAILBOXFULL),
    ("orange-416", "550 5.1.1 Destinataire inconnu. Invalid recipient. OFR_416 [416]",
     "", "", R.USERUNKNOWN),
    ("orange-104", "421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many "
     "connections, slow down. OFR005_104 [104]", "", "", R.TOOMANYCONN),
    # Cox: https://www.cox.com/residential/support/email-error-codes.html
    ("cox-cxbl", "554 5.7.1 192.0.2.1 rejected - AUP#CXBL", "", "", R.BLOCKED),
    ("cox-cxdns", "554 5.7.1 192.0.2.1 rejected - AUP#CXDNS", "", "", R.REQUIREPTR),
    # Comcast: https://postmaster.comcast.net (error codes)
    ("comcast-bl000001", "554 resimta-ch2-18v.sys.comcast.net comcast 192.0.2.1 found on one or more DNSBLs, "
     "see http://postmaster.comcast.net/smtp-error-codes.php#BL000001", "", "", R.BLOCKED),
    # Facebook: https://www.facebook.com/postmaster/response_codes
    ("facebook-rcp-p2", "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp "
     "Refused due to recipient preferences", "", "", R.FILTERED),
    ("facebook-rcp-p1", "550 5.1.1 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp "
     "Attempted to deliver to a disabled or unknown account", "", "", R.USERUNKNOWN),
    ("facebook-pol-p7", "550 5.7.1 POL-P7 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol "
     "Refused due to domain authentication requirements", "", "", R.AUTHFAILURE),
    # Tencent QQ
    ("qq-frequency", "550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1",
     "", "mx3.qq.com", R.TOOMANYCONN),
    # Mimecast: https://community.mimecast.com (SMTP error codes)
    ("mimecast-envelope", "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369",
     "", "", R.REJECTED),
    ("mimecast-rbl", "550 Rejected by header based Blocked Senders - RBL "
     "https://community.mimecast.com/docs/DOC-1369#550", "", "", R.BLOCKED),
    # Proofpoint: https://support.proofpoint.com/dnsbl-lookup.cgi
    ("proofpoint-blocked", "554 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
     "", "", R.BLOCKED),
    # Barracuda: https://www.barracudacentral.org/rbl
    ("barracuda-brbl", "554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; "
     "http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1", "", "", R.BLOCKED),
    # Spamhaus listings, as Postfix and Exchange word them
    ("spamhaus-zen", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
     "https://www.spamhaus.org/query/ip/192.0.2.1", "", "", R.BLOCKED),
    ("spamhaus-on-5.1.1", "550 5.1.1 Client host rejected: listed at zen.spamhaus.org", "", "", R.BLOCKED),
    ("spam-on-5.1.1", "550 5.1.1 Message rejected as spam by Content Filtering.", "", "", R.SPAMDETECTED),
    # Symantec Email Security.cloud (MessageLabs)
    ("messagelabs-auth", "550-Please turn on SMTP Authentication in your mail client.", "", "", R.SECURITYERROR),
    # Common MTA wording
    ("postfix-user-unknown", "550 5.1.1 <a@example.org>: Recipient address rejected: User unknown in local "
     "recipient table", "", "", R.USERUNKNOWN),
    ("postfix-unknown-domain", "550 5.1.2 <a@example.org>: Recipient address rejected: Domain not found",
     "", "", R.HOSTUNKNOWN),
    # Postfix's default unknown_address_reject_code is 450: the domain may yet appear; the cause stated
    # is still an unknown domain (the class, not the reason, says it is transient)
    ("postfix-unknown-domain-450", "450 4.1.2 <a@example.org>: Recipient address rejected: Domain not found",
     "", "", R.HOSTUNKNOWN),
    # Sendmail transcript: its local delivery agent mail.local(8) has no such account
    ("sendmail-mail-local", "mail.local: unknown user: ann 554 <ann@example.org>... Service unavailable",
     "5.5.0", "", R.USERUNKNOWN),
    ("postfix-relay", "554 5.7.1 <a@example.org>: Relay access denied", "", "", R.NORELAYING),
    ("postfix-sender", "553 5.1.8 <b@bad.example>: Sender address rejected: Domain not found",
     "", "", R.REJECTED),
    ("postfix-ptr", "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]",
     "", "", R.REQUIREPTR),
    ("postfix-size", "552 5.3.4 Message size exceeds fixed limit", "", "", R.MESGTOOBIG),
    ("dovecot-quota", "552 5.2.2 <a@example.org> Quota exceeded (mailbox for user is full)", "", "", R.MAILBOXFULL),
    ("exim-unrouteable", "550 Unrouteable address", "", "", R.HOSTUNKNOWN),
    ("exim-retry", "retry timeout exceeded", "", "", R.EXPIRED),
    ("sendmail-host-unknown", "550 5.1.2 <a@nowhere.example>... Host unknown (Name server: nowhere.example: "
     "host not found)", "", "", R.HOSTUNKNOWN),
    ("null-mx", "556 5.1.10 <a@example.org>: Recipient address rejected: Domain example.org does not accept "
     "mail (nullMX)", "", "", R.NOTACCEPT),
    ("moved", "550 5.1.6 Recipient addresses in this domain have moved: mailbox has moved", "", "", R.HASMOVED),
    ("suspended", "550 5.2.1 <a@example.org>: Mailbox currently suspended - please contact the postmaster",
     "", "", R.SUSPEND),
    ("virus", "554 5.7.1 Virus detected: Eicar-Test-Signature", "", "", R.VIRUSDETECTED),
    ("dkim", "550 5.7.20 No passing DKIM signature found", "", "", R.AUTHFAILURE),
    ("content", "554 5.6.0 Message header size, or recipient list, exceeds policy limit", "", "", R.CONTENTERROR),
    ("too-many-connections", "421 4.7.0 Too many connections from your host, try again later",
     "", "", R.TOOMANYCONN),
    ("exceedlimit", "552 5.2.3 Message length exceeds administrative limit", "", "", R.EXCEEDLIMIT),
    ("systemfull", "452 4.3.1 Insufficient system storage", "", "", R.SYSTEMFULL),
    ("systemerror", "451 4.3.0 Local error in processing", "", "", R.SYSTEMERROR),
    ("networkerror", "554 5.4.6 mail forwarding loop for a@example.org", "", "", R.NETWORKERROR),
    ("syntax", "501 5.5.4 Syntax error in parameters or arguments", "", "", R.SYNTAXERROR),
    ("mailer", "X-Unix; 127", "", "", R.MAILERERROR),
    ("expired-status", "", "4.4.7", "", R.EXPIRED),
    ("securityerror", "530 5.7.0 Authentication required", "", "", R.SECURITYERROR),
    ("filtered-after-data", "550 5.2.0 <a@example.org>: Message rejected due to user rules", "", "", R.FILTERED),
    ("policy", "550 5.7.1 Message rejected due to local policy violation", "", "", R.POLICYVIOLATION),
    ("vacation", "I am out of the office until Monday", "", "", R.VACATION),
    # qmail-remote and the qmail-ldap patch (their source texts, with the #status they print)
    ("qmail-nomx", "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)", "5.4.4", "", R.NOTACCEPT),
    ("qmail-noconn", "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", "4.4.1", "",
     R.NETWORKERROR),
    ("qmail-ldap", "Unable to contact LDAP server. (#4.4.3) I'm not going to try again; this message has been "
     "in the queue too long.", "4.4.3", "", R.SYSTEMERROR),
    ("yahoo-retries", "Unable to deliver message after multiple retries, giving up.", "5.0.0", "", R.SYSTEMERROR),
    ("gmail-relay-tls", "500 Remote server does not support TLS (state 6).", "", "", R.FAILEDSTARTTLS),
    ("exim-header", "554 5.7.0 Header error", "", "", R.POLICYVIOLATION),
    ("postfix-greeting", "host mx.example.net[192.0.2.7] refused to talk to me: 421 Service not available, "
     "closing transmission channel", "4.0.0", "", R.BLOCKED),
    ("sendmail-open-relay", "501 <a@example.org>... no access from mail server [192.0.2.9] which is an open relay.",
     "", "", R.BLOCKED),
    ("postfix-recipient-access", "554 5.7.1 <a@example.org>: Recipient address rejected: Access denied",
     "5.7.1", "", R.FILTERED),  # no command known: read after DATA, as Sisimai does
    ("exchange-dbeb", "550 5.4.1 All recipient addresses rejected : Access denied", "5.4.1", "", R.REJECTED),
    ("ses-unknown-address-error", "5.1.0 - Unknown address error 550-'5.7.1 <a@example.org>... Access denied'",
     "5.7.1", "", R.SECURITYERROR),
    ("domino", "User jane.doe (a@example.org) not listed in Domino Directory", "5.0.0", "", R.USERUNKNOWN),
    ("o365-ndr", "The email address wasn't found at the destination domain. It might be misspelled or it might "
     "not exist any longer.", "5.0.0", "", R.USERUNKNOWN),
    ("gmail-ndr", "Your message wasn't delivered to a@example.org because the address couldn't be found. Check "
     "for typos or unnecessary spaces and try again.", "5.0.0", "", R.USERUNKNOWN),
    ("exchange-remote-unknown", "550 5.1.351 Remote server returned unknown recipient or mailbox unavailable",
     "5.1.351", "", R.USERUNKNOWN),
    ("unknown-user-no-status", "550 Unknown user a@example.org", "", "", R.FILTERED),  # Sisimai why-filtered
    ("kddi-unknown", "550 <a@ezweb.ne.jp>: User unknown", "5.0.0", "lsean.ezweb.ne.jp (192.0.2.3)",
     R.USERUNKNOWN),
    ("kddi-filter", "550 : User unknown", "5.0.0", "lsean.ezweb.ne.jp.", R.FILTERED),
    ("sendmail-exit", "75", "4.0.0", "", R.MAILERERROR),
    ("outlook-unavailable", "550 Requested action not taken: mailbox unavailable (-123:456:-123)", "", "hotmail.com",
     R.USERUNKNOWN),
)
