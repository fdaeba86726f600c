"""The ingest API: a JSON endpoint for interactions, its schema and its per-channel tokens."""
