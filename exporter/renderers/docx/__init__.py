"""The Word renderer: :mod:`.writer` builds the document with python-docx; every use of
python-docx's private internals lives in :mod:`._compat`."""
