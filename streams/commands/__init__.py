"""Subcommands of `bounce-hygiene`: thin shells over the pure core and the Kafka edge."""
