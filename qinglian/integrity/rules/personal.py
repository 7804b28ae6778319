"""Rules on the 廉政 personal ledger (to be built)."""
