"""To-do sources of the 廉政 gifts ledger (to be built)."""
