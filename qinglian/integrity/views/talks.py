"""Pages of the 廉政 talks ledger (to be built)."""

ROUTES: list = []
