"""Pages of the publication import (paper ledger): written by the part's owner."""

ROUTES: list = []
