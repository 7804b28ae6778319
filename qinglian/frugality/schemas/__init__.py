"""The 八项规定 schemas, one module per ledger."""
