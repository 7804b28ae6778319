"""The 八项规定 exports, one module per ledger."""
