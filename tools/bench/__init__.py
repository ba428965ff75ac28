"""Benchmarks: they report figures, they assert nothing (see docs/benchmarks.md)."""
