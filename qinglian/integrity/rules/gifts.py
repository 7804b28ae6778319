"""Rules on the 廉政 gifts ledger (to be built)."""
