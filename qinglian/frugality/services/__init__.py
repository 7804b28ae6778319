"""The 八项规定 services, one module per ledger."""
