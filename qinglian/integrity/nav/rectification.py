"""Menu entries and workbench cards of the 廉政 rectification ledger (to be built)."""
