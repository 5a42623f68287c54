"""On-demand benchmarks: `python -m benchmarks` runs each module's `main()`, printing tables."""
