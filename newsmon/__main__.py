"""``python -m newsmon``: the same as the ``newsmon`` command."""

from newsmon.entry import run

run()
