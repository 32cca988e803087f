"""Benchmarks on synthetic content: `python -m bench`. `bench.synthetic` is reused by site-build benchmarks."""
