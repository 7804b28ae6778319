"""Menu entries and workbench cards of the 廉政 personal ledger (to be built)."""
