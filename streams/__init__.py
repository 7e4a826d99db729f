"""bounce-hygiene: classify bounces, join engagement per contact, emit unsubscribe commands."""
