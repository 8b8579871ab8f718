"""Personal-account-dealing compliance service."""
