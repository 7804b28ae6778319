"""Rules on the 廉政 rectification ledger (to be built)."""
