"""The 意识形态 exports, one module per part."""
