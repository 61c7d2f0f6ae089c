"""A crawl child ends with the service that started it, however the service ends.

The service starts each crawl child in a session of its own (so a Ctrl-C in
the terminal reaches only the service, which stops the children itself);
so if the service is killed (SIGKILL, a crash, the OOM killer) nothing
would signal its children, and a restart would run the same crawls twice.
Each child therefore gets the read end of a pipe whose only write end the
service holds: the kernel closes it when the service ends, however it
ends, and the child sees end-of-file. It then stops as on SIGTERM
(requests in flight finish, their articles are stored), as on a second
SIGTERM if that has not ended it within ``grace`` seconds, and exits
outright after as long again. Portable to any POSIX system, unlike Linux's
``PR_SET_PDEATHSIG`` (which fires when the parent *thread* ends: the
service starts crawls from a pool of threads).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time

logger = logging.getLogger(__name__)


class Lifeline:
    """The service's end of one child's pipe: open while the child runs."""

    def __init__(self) -> None:
        # Both ends are non-inheritable (PEP 446): pass ``child_fd`` in the
        # child's ``pass_fds``; the write end never leaks into any child.
        self.child_fd, self._parent_fd = os.pipe()
        self._open = [self.child_fd, self._parent_fd]

    def started(self) -> None:
        """The child has its copy of the read end; close ours."""
        self._close(self.child_fd)

    def close(self) -> None:
        """Close both ends (the child has ended, or could not start)."""
        for fd in list(self._open):
            self._close(fd)

    def _close(self, fd: int) -> None:
        # Each end is closed once: once closed, its number may already belong to
        # another thread's file or socket (a status request), which a second close
        # would shut under it.
        if fd in self._open:
            self._open.remove(fd)
            with contextlib.suppress(OSError):
                os.close(fd)


def stop_with_parent(fd: int, grace: float = 30.0) -> None:
    """In the child: stop this process when the pipe ``fd`` from its parent closes."""

    def watch() -> None:
        while True:
            try:
                if not os.read(fd, 4096):
                    break
            except InterruptedError:
                continue
            except OSError:
                break
        logger.warning("the service that started this crawl has ended: stopping")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace)
        os.kill(os.getpid(), signal.SIGTERM)  # the second signal stops at once
        time.sleep(grace)
        os._exit(1)

    threading.Thread(target=watch, name="lifeline", daemon=True).start()
