"""Fakes the tests and benchmarks run against: local servers on 127.0.0.1 and file writers."""
