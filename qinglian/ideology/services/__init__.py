"""The 意识形态 services, one module per part."""
