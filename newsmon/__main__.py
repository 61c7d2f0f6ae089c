"""``python -m newsmon``: the same as the ``newsmon`` command."""

from newsmon.cli import main

main(prog_name="newsmon")
