"""The 意识形态 pages, one module per part."""
