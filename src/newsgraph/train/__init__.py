"""Commands that build models from the shared data into a local cache (``newsgraph train NAME``).

Models learned from data without a license (CASE 2021) are written only to the local cache, never
into the package; the pipeline uses them when present and falls back to what the package ships.
"""
