"""To-do sources of the 廉政 opinions ledger (to be built)."""
