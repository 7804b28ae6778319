"""Menu entries and workbench cards of the 廉政 inquiries ledger (to be built)."""
