"""User involvement (level 4) and patient networks (level 5): the activities and the coding of their input, the
networks with their facilitators, member counts and yearly reviews."""
