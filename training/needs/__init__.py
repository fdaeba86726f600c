"""Training needs: who must take which course for the unit's current and target level, and who has."""
