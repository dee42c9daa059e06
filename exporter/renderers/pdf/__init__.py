"""The PDF renderer: :mod:`.writer` lays the report out with reportlab, :mod:`.fonts`
finds, subsets and registers its fonts; every use of reportlab's private internals lives in
:mod:`._compat`."""
