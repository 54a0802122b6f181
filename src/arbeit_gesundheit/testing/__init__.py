"""Public testing helpers for downstream test suites (Hypothesis strategies, plugin test kit)."""
