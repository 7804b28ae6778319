"""Menu entries and workbench cards of the 廉政 opinions ledger (to be built)."""
