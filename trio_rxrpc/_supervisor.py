"""The group supervisor: N worker processes serving one UDP port, kept running.

Theory of operation
-------------------
:class:`GroupSupervisor` makes the group's sockets itself (:func:`make_group_sockets`) and
keeps every one of them open until the group stops, so the kernel's numbering of the group,
which the steering program relies on, never changes.  Worker ``i`` is a process running the
given command with socket ``i`` inherited (``pass_fds``) and told who it is through the
environment: ``TRIO_RXRPC_GROUP_FD``, ``TRIO_RXRPC_GROUP_INDEX`` and
``TRIO_RXRPC_GROUP_SIZE``, which :meth:`GroupMember.from_environment` reads.

A worker that exits while the group runs is started again, on the same socket and so with the
same index.  Datagrams that arrive meanwhile wait in the socket's buffer for the new process.
One that keeps dying soon after it starts is restarted after a growing delay (up to
:data:`MAX_RESTART_DELAY` seconds), so a broken command does not spin.

:meth:`GroupSupervisor.stop` stops the group gracefully: every worker gets SIGTERM, then
``grace`` seconds to finish its calls and exit; what is left then gets SIGKILL.  Workers run
in process groups of their own, so a Ctrl-C at the terminal reaches the supervisor alone,
and each worker sees exactly one SIGTERM.  On Linux a worker also gets SIGTERM if the
supervisor itself dies (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import ctypes
import math
import os
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, final

import attrs
import trio

from ._group import GroupMember, make_group_sockets
from ._groupstats import GroupStatistics, group_statistics

if TYPE_CHECKING:
    import socket
    from collections.abc import Callable, Mapping, Sequence

MAX_RESTART_DELAY = 5.0
_QUICK_EXIT = 2.0
"""A worker that exits within this many seconds of starting counts as failing to start."""


def _log_to_stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@attrs.frozen
class SupervisorStatistics:
    """What a :class:`GroupSupervisor` has seen of its workers."""

    size: int
    """Workers in the group."""
    running: int
    """Workers running now."""
    restarts: int
    """Workers started again after they exited."""
    exit_codes: tuple[tuple[int, ...], ...]
    """Each worker's exit statuses so far (negative: killed by that signal)."""


@final
class GroupSupervisor:
    """Runs ``command`` as ``size`` workers sharing ``address``; see the module docstring.

    ``env`` is the workers' environment (default: this process's), to which the group's
    variables are added.  ``log`` receives one line per worker start, exit and restart.
    """

    def __init__(self, command: Sequence[str], *, size: int,
                 address: tuple[str, int] = ("::", 0), grace: float = 10.0,
                 restart_delay: float = 0.1, env: Mapping[str, str] | None = None,
                 buffer_size: int | None = 4 * 1024 * 1024,
                 log: Callable[[str], None] = _log_to_stderr) -> None:
        if not command:
            raise ValueError("the workers' command is empty")
        if not (math.isfinite(grace) and grace >= 0):
            raise ValueError(f"grace {grace!r} is not a number of seconds")
        self.command = list(command)
        self.size = size
        self.grace = grace
        self.restart_delay = restart_delay
        self._address = address
        self._env = dict(os.environ if env is None else env)
        self._buffer_size = buffer_size
        self._log = log
        self._sockets: list[socket.socket] = []
        self._processes: list[subprocess.Popen[bytes] | None] = [None] * size
        self._stop = trio.Event()
        self._stop_deadline = math.inf
        self.restarts = 0
        """Workers started again after they exited."""
        self.exit_codes: list[list[int]] = [[] for _ in range(size)]
        """Each worker's exit statuses so far (negative: killed by that signal)."""

    @property
    def address(self) -> tuple[object, ...]:
        """The address the group serves (its port chosen once the group is made).

        Raises:
            RuntimeError: :meth:`run` has not made the group yet.
        """
        if not self._sockets:
            raise RuntimeError("the group has not been made yet")
        return tuple(self._sockets[0].getsockname())

    @property
    def pids(self) -> list[int | None]:
        """Each worker's current process ID (None while it is being restarted)."""
        return [proc.pid if proc is not None and proc.returncode is None else None
                for proc in self._processes]

    def statistics(self) -> SupervisorStatistics:
        """The supervisor's own counters: workers running, restarts, exit statuses."""
        return SupervisorStatistics(
            size=self.size, running=sum(pid is not None for pid in self.pids),
            restarts=self.restarts,
            exit_codes=tuple(tuple(codes) for codes in self.exit_codes))

    async def member_statistics(self, *, timeout: float = 2.0,  # noqa: ASYNC109 - per request
                                ) -> GroupStatistics:
        """Every worker's :class:`~trio_rxrpc.EndpointStatistics`, asked over the group's
        port from loopback (see :func:`~trio_rxrpc.group_statistics`); a worker that does
        not answer within ``timeout`` (being restarted, say) is None.  Cancellation
        abandons the requests.

        Raises:
            RuntimeError: :meth:`run` has not made the group yet.
        """
        host, port = self.address[:2]
        assert isinstance(host, str)
        assert isinstance(port, int)
        if host in ("", "0.0.0.0"):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        return await group_statistics((host, port), timeout=timeout)

    def stop(self, grace: float | None = None) -> None:
        """Stop the group: SIGTERM to every worker, SIGKILL ``grace`` seconds later (default:
        the supervisor's).  Calling it again with a shorter grace brings the kill forward."""
        wait = self.grace if grace is None else grace
        self._stop_deadline = min(self._stop_deadline, trio.current_time() + wait)
        self._stop.set()

    async def run(self, *, task_status: trio.TaskStatus[GroupSupervisor] = trio.TASK_STATUS_IGNORED,
                  ) -> None:
        """Make the group, start the workers, and keep them running until :meth:`stop`;
        returns when every worker has exited.  ``nursery.start(sup.run)`` returns once the
        group's sockets exist (the workers may still be starting: datagrams wait for them).

        Cancelled, it kills the workers (SIGKILL) and returns once they are gone.

        Raises:
            GroupUnavailable: this system cannot steer the group.
            OSError: the address cannot be bound, or the command cannot be started the
                first time (later, a worker that cannot be started again is retried).
        """
        self._sockets = make_group_sockets(self._address, self.size,
                                           buffer_size=self._buffer_size)
        try:
            async with trio.open_nursery() as nursery:
                for index in range(self.size):
                    await nursery.start(self._keep, index)
                task_status.started(self)
        finally:
            with trio.CancelScope(shield=True):
                for proc in self._processes:
                    if proc is not None and proc.returncode is None:
                        proc.kill()
                        await _exited(proc)
            for sock in self._sockets:
                sock.close()

    async def _keep(self, index: int, *, task_status: trio.TaskStatus[None]) -> None:
        sock = self._sockets[index]
        member = GroupMember(index=index, size=self.size, fileno=sock.fileno())
        env = {**self._env, **member.environment()}
        delay = self.restart_delay
        first = True
        while not self._stop.is_set():
            # A process group of its own: a Ctrl-C at the terminal reaches the supervisor
            # only, which stops the workers once, with SIGTERM.  Started from this thread,
            # which lives as long as the group, since the parent-death signal is sent when
            # the thread that started the child ends (trio's open_process uses a worker
            # thread, which does not last).
            try:
                proc = subprocess.Popen(self.command, env=env,  # noqa: ASYNC220
                                        process_group=0, pass_fds=(sock.fileno(),),
                                        preexec_fn=_orphan_signal())
            except OSError as exc:
                if first:
                    raise  # a command that never starts is the caller's mistake
                # The program went away while the group ran (an upgrade in progress, say):
                # keep trying, as for a worker that exits at once.
                delay = min(delay * 2, MAX_RESTART_DELAY)
                self._log(f"group worker {index} cannot be started again ({exc}); "
                          f"trying again in {delay:g} s")
                with trio.move_on_after(delay):
                    await self._stop.wait()
                continue
            await trio.lowlevel.checkpoint()
            self._processes[index] = proc
            if first:
                task_status.started()
                first = False
            self._log(f"group worker {index} started (pid {proc.pid})")
            started = trio.current_time()
            status = await self._watch(proc)
            self.exit_codes[index].append(status)
            if self._stop.is_set():
                self._log(f"group worker {index} (pid {proc.pid}) stopped: {_describe(status)}")
                break
            quick = trio.current_time() - started < _QUICK_EXIT
            delay = min(delay * 2, MAX_RESTART_DELAY) if quick else self.restart_delay
            self._log(f"group worker {index} (pid {proc.pid}) {_describe(status)}; "
                      f"restarting in {delay:g} s")
            with trio.move_on_after(delay):
                await self._stop.wait()
            if not self._stop.is_set():
                self.restarts += 1

    async def _watch(self, proc: subprocess.Popen[bytes]) -> int:
        """Wait for ``proc`` to exit; once the group stops, SIGTERM it, then SIGKILL it."""
        async with trio.open_nursery() as nursery:

            async def on_stop() -> None:
                await self._stop.wait()
                proc.send_signal(signal.SIGTERM)
                while trio.current_time() < self._stop_deadline:
                    # stop() may bring the deadline forward: look again now and then.
                    with trio.move_on_at(self._stop_deadline):
                        await trio.sleep(0.2)
                proc.kill()

            nursery.start_soon(on_stop)
            status = await _exited(proc)
            nursery.cancel_scope.cancel()
        return status


async def _exited(proc: subprocess.Popen[bytes]) -> int:
    """Wait for ``proc`` to exit, and reap it: its exit status."""
    try:
        fd = os.pidfd_open(proc.pid)
    except (OSError, AttributeError):  # pragma: no cover - before Linux 5.3
        return await trio.to_thread.run_sync(proc.wait, abandon_on_cancel=True)
    try:
        await trio.lowlevel.wait_readable(fd)
    finally:
        trio.lowlevel.notify_closing(fd)
        os.close(fd)
    return proc.wait()


_PR_SET_PDEATHSIG = 1


def _orphan_signal() -> Callable[[], None] | None:
    """What a worker runs before its command: ask Linux for SIGTERM if the supervisor dies.

    Without a supervisor nobody restarts workers, and the group's numbering would change as
    they exit; so they stop, gracefully, as if the supervisor had stopped them.  The libc
    function is looked up here, in the parent, so that the child only calls it.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None
    term = int(signal.SIGTERM)

    def set_parent_death_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, term, 0, 0, 0)

    return set_parent_death_signal


def _describe(status: int) -> str:
    if status < 0:
        try:
            return f"was killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"was killed by signal {-status}"
    return f"exited with status {status}"
