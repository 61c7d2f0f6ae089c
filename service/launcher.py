"""Crawl children forked from a process that has already imported the crawl.

A poll run as a fresh ``newsmon crawl`` process spends nearly all of an
unchanged re-poll importing Scrapy, Twisted, SQLAlchemy, the extractor and
the detector, and setting up what Scrapy loads by class path. So the
service starts one *launcher* process when it starts (``python -m
newsmon.service.launcher``): it imports all that once, installs no reactor,
opens no store, and waits. For each poll the service sends it the command's
arguments, the write end of a pipe for its standard output and the
lifeline (:mod:`service.lifeline`); the launcher forks, and the fork runs
``newsmon ARGS --stop-with-parent FD``: the same command, options, output,
time limit, lifeline and signals as the process it replaces, without the
start-up.

The service stays the crawl's parent. The launcher forks twice and the
crawl is handed up to the service, a Linux "child subreaper", when the fork
in between exits; so the service waits for it, reads its exit status and
signals it by pid like a process it started itself (:class:`LaunchedCrawl`
has the part of ``subprocess.Popen`` the service uses), and a crawl
outlives its launcher. A launcher that has died is replaced, and the poll
that found it dead runs as its own process. Where there is no fork or no
subreaper (systems other than Linux) every poll is its own process.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import json
import logging
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Sequence

from newsmon.errors import first_line

logger = logging.getLogger(__name__)

NEWSMON = (sys.executable, "-m", "newsmon")
"""The start of a command line that runs ``newsmon`` (the crawl children's)."""

READY_TIMEOUT = 60.0
"""Seconds a poll waits for a new launcher to finish its imports before running on its own."""
REPLY_TIMEOUT = 30.0
"""Seconds a ready launcher may take to fork (it takes milliseconds)."""

_PR_SET_CHILD_SUBREAPER = 36
CRAWL_NAME = "newsmon-crawl"
"""A forked crawl's name in ``ps -o comm`` and ``top``."""
LAUNCHER_NAME = "crawl-launcher"
"""The launcher's name there."""

# Modules a crawl imports that are not Scrapy components named in its settings.
_PRELOADED = (
    "newsmon.cli",
    "newsmon.commands.crawl",
    "newsmon.service.poll",
    "newsmon.service.lifeline",
    "newsmon.crawler.crawl",
    "newsmon.crawler.distributed",
    "newsmon.crawler.spiders.news",
    "newsmon.storage.quiet",
    "newsmon.storage.db",
    "scrapy.crawler",
)
_CLASS_PATH = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*){2,}")


class LauncherUnavailable(Exception):
    """The launcher cannot start this crawl now; it runs as its own process instead."""


def newsmon_arguments(command: Sequence[str]) -> list[str] | None:
    """The arguments after ``python -m newsmon`` in ``command``; None if it runs something else."""
    if tuple(command[: len(NEWSMON)]) != NEWSMON:
        return None
    return list(command[len(NEWSMON) :])


class LaunchedCrawl:
    """A crawl the launcher forked, a child of this process: the part of ``Popen`` in use.

    Only its parent can reap a process, so its pid names no other process
    until :meth:`wait` has seen it end: signalling it is as safe as with
    ``Popen``. ``cpu_seconds`` is its user + system time, once it has ended.
    """

    def __init__(self, pid: int, stdout: int):
        self.pid = pid
        self.returncode: int | None = None
        self.cpu_seconds: float | None = None
        self._stdout: int | None = stdout
        self._output: list[bytes] = []
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        """The exit code if it has ended (negative: the signal that ended it), else None."""
        with self._lock:
            return self._reap()

    def _reap(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: as Popen, assume success
                self.returncode = 0
                return 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                self.cpu_seconds = usage.ru_utime + usage.ru_stime
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for it to end; raise ``subprocess.TimeoutExpired`` after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.0005
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(CRAWL_NAME, timeout or 0.0)
            # Polled rather than blocking, so stop() can wait while the poll's thread does.
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        return code

    def send_signal(self, signum: int) -> None:
        """Send ``signum``, unless it has ended (then its pid may be another process's)."""
        with self._lock:
            if self._reap() is None:
                os.kill(self.pid, signum)

    def communicate(self, timeout: float | None = None) -> tuple[bytes, None]:
        """Read its standard output to the end and wait for it, as ``Popen.communicate``.

        On ``subprocess.TimeoutExpired`` what was read is kept: a later call
        returns the whole output.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._stdout is not None:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._stdout], [], [], left)
            if not ready:
                raise subprocess.TimeoutExpired(CRAWL_NAME, timeout or 0.0)
            chunk = os.read(self._stdout, 65536)
            if chunk:
                self._output.append(chunk)
            else:
                os.close(self._stdout)
                self._stdout = None
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        self.wait(left)
        return b"".join(self._output), None


class CrawlLauncher:
    """The service's side: starts the launcher, asks it for crawls, replaces it when it dies."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._ready = False
        self._broken: str | None = "not started"
        """Why no launcher runs (not started, closed, impossible here), else None."""
        self._lock = threading.Lock()

    @property
    def running(self) -> bool:
        """Whether polls are to be forked: started, not closed, and not given up on."""
        return self._broken is None

    @property
    def pid(self) -> int | None:
        """The launcher process's pid, while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def start(self) -> bool:
        """Start the launcher; False where it cannot run (each poll then is its own process)."""
        if not hasattr(os, "fork") or not _become_subreaper():
            self._broken = "forking crawls needs Linux (a child subreaper)"
            logger.info("crawls run as processes of their own: %s", self._broken)
            return False
        with self._lock:
            self._broken = None
            self._start()
        return True

    def launch(self, arguments: Sequence[str], lifeline_fd: int) -> LaunchedCrawl:
        """Fork ``newsmon ARGUMENTS --stop-with-parent FD`` from the launcher; this process owns it.

        Raises LauncherUnavailable when the launcher is not ready (still
        importing, or dead: it is then restarted for the next polls).
        """
        read_end, write_end = os.pipe()
        try:
            with self._lock:
                pid = self._request(list(arguments), write_end, lifeline_fd)
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        return LaunchedCrawl(pid, read_end)

    def close(self) -> None:
        """End the launcher (crawls it forked run on: they are this process's children)."""
        self._broken = "closed"
        control = self._control
        if control is not None:
            with contextlib.suppress(OSError):  # wakes a poll waiting for the launcher's imports
                control.shutdown(socket.SHUT_RDWR)
        with self._lock:
            self._ready = False
            self._stop()

    def _start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            # Its own session, like the crawls: a Ctrl-C in the terminal reaches only the service.
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(theirs.fileno())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self._control, self._ready = ours, False
        logger.debug("crawl launcher started (pid %d)", self._process.pid)

    def _stop(self) -> None:
        if self._control is not None:
            self._control.close()  # the launcher reads end-of-file and exits
            self._control = None
        if self._process is not None:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def _request(self, arguments: list[str], stdout: int, lifeline: int) -> int:
        if self._broken is not None:
            raise LauncherUnavailable(f"no crawl launcher: {self._broken}")
        control = self._control
        assert control is not None
        try:
            if not self._ready:
                control.settimeout(READY_TIMEOUT)
                self._reply(control)
                self._ready = True
            control.settimeout(REPLY_TIMEOUT)
            socket.send_fds(control, [json.dumps(arguments).encode()], [stdout, lifeline])
            return int(str(self._reply(control)["pid"]))
        except TimeoutError:
            if not self._ready:
                raise LauncherUnavailable("the crawl launcher is still starting") from None
            problem = "did not answer"  # it answers in milliseconds once ready
        except (OSError, ValueError, KeyError) as exc:
            problem = first_line(exc)
        raise LauncherUnavailable(self._replace(problem))

    def _reply(self, control: socket.socket) -> dict[str, object]:
        message = control.recv(65536)
        if not message:
            raise ConnectionResetError("the crawl launcher has ended")
        reply: dict[str, object] = json.loads(message)
        if "error" in reply:
            raise ValueError(reply["error"])
        return reply

    def _replace(self, problem: str) -> str:
        """End the launcher after ``problem`` and start another; what happened, in one line."""
        assert self._process is not None
        pid, was_ready = self._process.pid, self._ready
        try:  # by itself, before _stop() ends it
            ended: int | None = self._process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            ended = None
        self._stop()
        what = f"the crawl launcher (pid {pid}) " + (
            f"ended with exit code {ended}" if ended is not None else f"{problem}; it was ended"
        )
        if self._broken is not None:  # closed meanwhile
            return what
        if not was_ready and ended is not None and ended > 0:
            # It failed while importing: another would too (each try costs seconds of CPU).
            self._broken = f"{what} before it was ready"
            logger.error("%s: every poll runs as its own process", self._broken)
        else:
            logger.warning("%s: starting a new one", what)
            self._start()
        return what


def _become_subreaper() -> bool:
    """Make this process the parent of orphaned descendants (Linux), so it can wait for them."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


# -- in the launcher process ---------------------------------------------------------


def serve(control_fd: int) -> None:
    """The launcher: import what a crawl needs, then fork one crawl per request until EOF."""
    control = socket.socket(fileno=control_fd)
    _name_process(LAUNCHER_NAME)
    _preload()
    # Forks then share the imported objects' memory instead of copying it on first collection.
    gc.freeze()
    control.send(json.dumps({"ready": os.getpid()}).encode())
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 65536, 2)
        except OSError:
            break
        if not message:
            break  # the service has ended
        try:
            if len(fds) != 2:
                raise ValueError(f"expected 2 file descriptors, got {len(fds)}")
            stdout, lifeline = fds
            reply: dict[str, object] = {
                "pid": _fork_crawl(json.loads(message), stdout, lifeline, control)
            }
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            for fd in fds:
                os.close(fd)
        try:
            control.send(json.dumps(reply).encode())
        except OSError:
            break  # the service has ended


def _preload() -> None:
    """Import the crawl's modules and Scrapy's components, and configure the ORM's mappers."""
    import importlib

    from scrapy.settings import Settings
    from scrapy.utils.misc import load_object
    from sqlalchemy.orm import configure_mappers

    from newsmon.alerts.channels import channel_classes

    for name in _PRELOADED:
        importlib.import_module(name)
    channel_classes()  # imports every alert channel's module: the crawl routes alerts to them
    settings = Settings()
    settings.setmodule("newsmon.crawler.settings", priority="project")
    paths: set[str] = set()
    for key, value in settings.items():
        if isinstance(value, str) and _CLASS_PATH.fullmatch(value):
            paths.add(value)
        elif key.endswith("HANDLERS"):  # {scheme: class path}
            paths.update(str(v) for v in settings.getwithbase(key).values() if v)
        elif key.endswith(("MIDDLEWARES", "EXTENSIONS", "PIPELINES", "ADDONS")):
            paths.update(p for p, v in settings.getwithbase(key).items() if v is not None)
    for path in sorted(paths):
        try:
            load_object(path)
        except Exception as exc:  # not a class path after all, or an optional extra
            logger.debug("not preloaded: %s (%s)", path, exc)
    configure_mappers()
    if "twisted.internet.reactor" in sys.modules:
        # A crawl installs its own reactor (asyncio); one installed here would clash.
        raise RuntimeError("preloading installed a Twisted reactor")


def _fork_crawl(arguments: list[str], stdout: int, lifeline: int, control: socket.socket) -> int:
    """Fork twice; the crawl's pid. When the fork in between exits, the crawl is the service's."""
    pid_read, pid_write = os.pipe()
    middle = os.fork()
    if middle == 0:
        try:
            os.close(pid_read)
            crawl = os.fork()
            if crawl == 0:
                os.close(pid_write)
                _run_crawl([*arguments, "--stop-with-parent", str(lifeline)], stdout, control)
            os.write(pid_write, str(crawl).encode())
        finally:
            os._exit(0)
    os.close(pid_write)
    with os.fdopen(pid_read, "rb") as reader:
        told = reader.read()
    os.waitpid(middle, 0)
    if not told:
        raise RuntimeError("the crawl could not be forked")
    return int(told)


def _run_crawl(arguments: list[str], stdout: int, control: socket.socket) -> None:
    """In the crawl's fork: become what ``newsmon ARGUMENTS`` would be, run it, and exit."""
    code = 1
    try:
        os.setsid()
        control.close()
        os.dup2(stdout, 1)
        os.close(stdout)
        _name_process(CRAWL_NAME)
        sys.argv = ["newsmon", *arguments]
        from newsmon.cli import main

        main(args=arguments, prog_name="newsmon")
    except SystemExit as done:
        code = _exit_code(done.code)
    except BaseException:
        traceback.print_exc()
    finally:
        # What an ending interpreter does, then an exit that cannot return into the launcher.
        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):
                stream.flush()
        os._exit(code)


def _exit_code(code: object) -> int:
    """The exit status ``sys.exit(code)`` gives a process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _name_process(name: str) -> None:
    """Name this process in ``ps -o comm`` and ``top`` (forks share the launcher's command line)."""
    with contextlib.suppress(OSError), open("/proc/self/comm", "w") as comm:
        comm.write(name)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
