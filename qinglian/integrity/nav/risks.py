"""Menu entries and workbench cards of the 廉政 risks ledger (to be built)."""
