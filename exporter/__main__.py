"""``python -m exporter``: the same CLI as the ``exporter`` command."""

from .cli import main

main()
