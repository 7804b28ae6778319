"""Pages of the 廉政 personal ledger (to be built)."""

ROUTES: list = []
