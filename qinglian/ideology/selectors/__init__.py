"""The 意识形态 selectors, one module per part."""
