"""Pure text-to-digest logic: figures, measures, comparison, digest. No I/O, no clock."""
