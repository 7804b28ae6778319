"""The 八项规定 forms, one module per ledger."""
