"""Developer tools that no image ships: benchmarks, the dev stack, evaluation and metrics."""
