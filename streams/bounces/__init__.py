"""Raw bounce payloads -> Bounce rows: formats/ (e-mail), vendors/ (provider webhooks), smtp (MTA logs)."""
