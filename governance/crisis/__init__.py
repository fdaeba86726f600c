"""Crisis mode: the hospital-wide period in which posting is centralised, its banner and its history."""
