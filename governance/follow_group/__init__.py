"""The social media follow group: its members across units, its meetings and the ideas it collects."""
