"""The 八项规定 pages, one module per ledger; each ends with its ROUTES."""
