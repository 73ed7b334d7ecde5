"""Read and parse steering documents into areas, commitments and quantities."""
