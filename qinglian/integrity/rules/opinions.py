"""Rules on the 廉政 opinions ledger (to be built)."""
