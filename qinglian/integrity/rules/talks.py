"""Rules on the 廉政 talks ledger (to be built)."""
