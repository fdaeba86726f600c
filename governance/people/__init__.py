"""A unit's people: who holds which role in the unit, with their back-ups, staffed in the app by the unit's manager,
the communication unit and administrators."""
