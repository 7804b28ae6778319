"""To-do sources of the 廉政 personal ledger (to be built)."""
