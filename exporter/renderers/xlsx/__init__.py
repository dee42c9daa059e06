"""The Excel renderer: :mod:`.writer` builds the workbook with openpyxl; every use of
openpyxl's private internals lives in :mod:`._compat`."""
