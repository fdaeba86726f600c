"""Patient and relatives networks (level 5): their member counts and engagement."""
