"""Pure normalisation functions: no spaCy, no I/O beyond reading packaged data tables."""
