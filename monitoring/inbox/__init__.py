"""The monitoring inbox: interactions to read, assign, answer or close, with their deadlines."""
