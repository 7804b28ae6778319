"""To-do sources of the 廉政 risks ledger (to be built)."""
