"""Scenario suite (issue #12): crafted organs, expectations read from the regulations (docs/scenarios.md)."""
