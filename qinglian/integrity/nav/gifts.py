"""Menu entries and workbench cards of the 廉政 gifts ledger (to be built)."""
