"""Content proposals: drafting, review by the communication unit, scheduling and publication."""
