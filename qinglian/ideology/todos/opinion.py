"""To-do sources of this part: written by the part's owner."""
