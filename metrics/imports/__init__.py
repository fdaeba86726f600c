"""Reading the platforms' export files: the formats (one mapping each), the file readers and the row parser."""
