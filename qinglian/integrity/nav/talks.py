"""Menu entries and workbench cards of the 廉政 talks ledger (to be built)."""
