"""The 意识形态 forms, one module per part."""
