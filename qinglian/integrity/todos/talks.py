"""To-do sources of the 廉政 talks ledger (to be built)."""
