"""Benchmarks of netsim against its peers, timed side by side in one run."""
