"""``python -m borderwatch.cli``: the same command line as the ``borderwatch`` script."""

from . import main

main()
