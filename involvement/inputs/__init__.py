"""The input an involvement activity brings in: interactions coded by topic, and their summary per activity."""
