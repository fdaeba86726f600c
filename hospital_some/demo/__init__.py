"""The demo hospital of `make run` and of the tests: personas, departments built to meet each level of the scale, and
the data each feature shows (``seed`` builds it; ``duty`` keeps the demo team checking while `make run` runs)."""
