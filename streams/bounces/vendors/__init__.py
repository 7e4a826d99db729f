"""Provider webhook events -> Bounce rows: one module per provider (ses, sendgrid, mailgun, postmark).

Each module has `parse(payload, recipient) -> list[Bounce]` and raises ParseError, and nothing
else, on a body it cannot read. A provider's own type sets `reason_hint` only where it is
definitive (a complaint, an auto-reply, an address the provider itself knows is invalid); otherwise
the status code and the remote server's text go to the classifier like any other bounce.
"""
