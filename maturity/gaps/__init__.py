"""The gap engine: where a unit stands on the scale, and what is missing for a level."""
