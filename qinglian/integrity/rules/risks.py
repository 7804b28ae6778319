"""Rules on the 廉政 risks ledger (to be built)."""
