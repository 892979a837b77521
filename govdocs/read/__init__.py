"""Stage 1: read record files (YAML) into plain data that remembers where
every key and value came from."""
