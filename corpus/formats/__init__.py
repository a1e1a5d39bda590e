"""Corpora in the field's formats: brat standoff and CoNLL imported; brat, CoNLL and spaCy
exported."""
