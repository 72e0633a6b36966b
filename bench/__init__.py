"""Benchmarks: scripts that print figures, never tests.

`python -m bench.run_all --scale large --backend sqlite` builds (or reuses) a dataset
with the demo generator, measures what the issue asks about and rewrites its own
section of `bench/RESULTS.md`. Nothing here is collected by pytest: speed is reported,
not asserted, because a timing assertion fails on a busy machine and passes on a fast
one without telling anyone anything.
"""
