"""`make bench`: a seeded benchmark hospital, the pages to measure, and the gunicorn + wrk run that measures them."""
