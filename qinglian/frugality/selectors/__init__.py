"""The 八项规定 selectors, one module per ledger."""
