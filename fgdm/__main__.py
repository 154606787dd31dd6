"""`python -m fgdm` runs the command line."""

from fgdm.cli import main

main()
