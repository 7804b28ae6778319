"""To-do sources of the 廉政 inquiries ledger (to be built)."""
