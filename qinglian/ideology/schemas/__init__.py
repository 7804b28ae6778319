"""The 意识形态 schemas, one module per part."""
