"""The triage diagram: the questions that lead from an interaction to a recommended action, and its seed."""
