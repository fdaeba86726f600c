"""Alerts raised by the sweep (missed checks, overdue answers) and the page that lists them."""
