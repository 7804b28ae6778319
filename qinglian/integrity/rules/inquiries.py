"""Rules on the 廉政 inquiries ledger (to be built)."""
