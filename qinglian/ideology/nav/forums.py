"""Menu entries and workbench cards of this part: written by the part's owner."""
