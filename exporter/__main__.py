"""``python -m exporter``: the same program as the ``exporter`` command."""

from ._program import main

main()
