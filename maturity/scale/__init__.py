"""The scale's source data (``scale.json``) and the loader that writes it into the database."""
