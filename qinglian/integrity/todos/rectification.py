"""To-do sources of the 廉政 rectification ledger (to be built)."""
