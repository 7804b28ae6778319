"""The 意识形态 importers, one module per part."""
