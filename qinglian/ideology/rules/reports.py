"""Rules of this part (IDEO-0xx): written by the part's owner."""
