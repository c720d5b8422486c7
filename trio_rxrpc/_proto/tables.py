"""The endpoint's tables of peers and connections, with caps and expiry.

Theory of operation
-------------------
A peer on the network can make us create two kinds of record: a :class:`Peer` (one per remote
address) and a server :class:`Connection` (one per client epoch and connection ID).  Both
tables are capped, and both forget what nobody uses:

* A peer record is *in use* while a connection points at it.  Peers no connection uses wait
  in an ordered dict, oldest first; they are forgotten after ``peer_idle_time``, or at once
  when a new peer needs room.  A peer in use is never forgotten, so the peer table can only be
  full of them when the connection table is too.

* A server connection starts *unproven*: nothing shows yet that the address it came from is
  a real client that receives our packets, since anyone can forge a first DATA packet.  It
  becomes *proven* when one of its calls completes successfully (the client acknowledged our
  whole reply) or its security handshake succeeds (the client answered our random challenge).
  One with no live call is forgotten ``unproven_connection_time`` after its last packet
  (seconds, where a proven one stays ``connection_idle_time``).

* When the table is full, a new connection takes the place of one that costs least to lose:
  first the connection idle longest (no live call: its client simply opens a new one with its
  next call, as after any expiry), then the least recently active unproven one, whose calls
  are aborted.  Only when every connection carries a live call and is proven does a new client
  get BUSY.  Under a flood of forged first packets, genuine clients therefore keep being
  served, and a refused call leaves nothing behind: a connection is only created once its
  first call is known to be taken.

Client connections are ours (the application makes them), so they are not capped; they are
forgotten after ``connection_idle_time`` without calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import call_life, handshake
from .connection import Address, Connection, Peer
from .rtt import RTTEstimator

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .config import EndpointConfig


class PeerTable:
    """Peer records by address, at most ``config.max_peers`` of them."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        self.by_address: dict[Address, Peer] = {}
        self._unused: dict[Peer, None] = {}
        """Peers no connection points at, in the order they became unused."""

    def __len__(self) -> int:
        return len(self.by_address)

    def obtain(self, address: Address, now: float, *, force: bool = False) -> Peer | None:
        """The peer record for ``address``, created if need be; ``None`` if the table is full.

        A new record may take the place of the longest-unused one.  ``force`` creates one
        even when every record is in use (for calls the application makes).
        """
        peer = self.by_address.get(address)
        if peer is not None:
            return peer
        if len(self.by_address) >= self.config.max_peers:
            if self._unused:
                self._forget(next(iter(self._unused)))
            elif not force:
                return None
        cfg = self.config
        peer = Peer(address=address, rtt=RTTEstimator(
            initial_rto=cfg.initial_rto, min_rto=cfg.min_rto, max_rto=cfg.max_rto))
        peer.last_heard = peer.unused_since = now
        self.by_address[address] = peer
        self._unused[peer] = None
        return peer

    def attach(self, peer: Peer, conn: Connection) -> None:
        """``conn`` now points at ``peer``."""
        if not peer.conns:
            self._unused.pop(peer, None)
        peer.conns.add(conn)

    def detach(self, peer: Peer, conn: Connection, now: float) -> None:
        """``conn`` no longer points at ``peer``."""
        peer.conns.discard(conn)
        if not peer.conns and self.by_address.get(peer.address) is peer:
            peer.unused_since = now
            self._unused[peer] = None

    def expire(self, now: float) -> None:
        """Forget the peers that have been unused for ``peer_idle_time``."""
        limit = now - self.config.peer_idle_time
        for peer in list(self._unused):
            if peer.unused_since > limit:
                break  # the rest became unused later
            self._forget(peer)

    def _forget(self, peer: Peer) -> None:
        del self._unused[peer]
        if self.by_address.get(peer.address) is peer:
            del self.by_address[peer.address]


class ConnectionTable:
    """Client connections by connection ID, server connections by their key; see above."""

    def __init__(self, config: EndpointConfig, peers: PeerTable) -> None:
        self.config = config
        self.peers = peers
        self.client: dict[int, Connection] = {}
        self.server: dict[Hashable, Connection] = {}
        self.bundles: dict[Hashable, list[Connection]] = {}
        self._unproven: dict[Connection, None] = {}
        """Unproven server connections, least recently active first."""
        self._idle: dict[Connection, None] = {}
        """Server connections without a live call, longest idle first."""

    # -------------------------------------------------------------- client side

    def add_client(self, conn: Connection) -> None:
        """Register one of our client connections (and its bundle, if it has one)."""
        self.client[conn.cid] = conn
        self.peers.attach(conn.peer, conn)
        if conn.bundle_key is not None:
            self.bundles.setdefault(conn.bundle_key, []).append(conn)

    def unbundle(self, conn: Connection) -> None:
        """Take a client connection out of its bundle: no new call will use it."""
        if conn.bundle_key is None:
            return
        bundle = self.bundles.get(conn.bundle_key)
        if bundle is not None and conn in bundle:
            bundle.remove(conn)
            if not bundle:
                del self.bundles[conn.bundle_key]

    # -------------------------------------------------------------- server side

    def has_room(self) -> bool:
        """Whether a new server connection fits (perhaps by evicting another)."""
        return (len(self.server) < self.config.max_connections or bool(self._idle)
                or bool(self._unproven))

    def make_room(self, now: float) -> Connection | None:
        """Make room for a server connection (call only when :meth:`has_room`).

        Returns the connection that had to leave the table, if one did; the caller ends its
        calls (an idle one has none).
        """
        if len(self.server) < self.config.max_connections:
            return None
        victim = next(iter(self._idle or self._unproven))
        self.remove(victim, now)
        return victim

    def became_idle(self, conn: Connection) -> None:
        """A server connection's last live call ended."""
        if self.server.get(conn.key) is conn:
            self._idle[conn] = None

    def became_busy(self, conn: Connection) -> None:
        """A server connection has a live call again."""
        self._idle.pop(conn, None)

    def add_server(self, key: Hashable, conn: Connection) -> None:
        """Register a new (unproven) server connection, after :meth:`make_room`."""
        conn.key = key
        self.server[key] = conn
        self._unproven[conn] = None
        self.peers.attach(conn.peer, conn)

    def touch(self, conn: Connection) -> None:
        """``conn`` showed activity: an unproven one moves to the back of the eviction line."""
        unproven = self._unproven
        if conn in unproven:
            del unproven[conn]
            unproven[conn] = None

    def prove(self, conn: Connection) -> None:
        """The client has shown it receives our packets: keep the connection as long as usual."""
        if not conn.proven:
            conn.proven = True
            self._unproven.pop(conn, None)

    def rebind(self, conn: Connection, peer: Peer, now: float) -> None:
        """Point a connection (and its live calls) at another peer record."""
        old = conn.peer
        self.peers.detach(old, conn, now)
        conn.peer = peer
        self.peers.attach(peer, conn)
        for ch in conn.channels:
            if ch.call is not None:
                call_life.moved_to(ch.call, peer)

    # -------------------------------------------------------------- both

    def remove(self, conn: Connection, now: float) -> None:
        """Forget a connection (its calls must have ended or be ended by the caller)."""
        if conn.is_client:
            if self.client.get(conn.cid) is conn:
                del self.client[conn.cid]
            self.unbundle(conn)
        else:
            if self.server.get(conn.key) is conn:
                del self.server[conn.key]
            self._unproven.pop(conn, None)
            self._idle.pop(conn, None)
        self.peers.detach(conn.peer, conn, now)

    def expire(self, now: float) -> list[Connection]:
        """Forget connections without live calls that have been idle too long.

        Returns the connections that still wait for their security handshake (for the caller
        to repeat the challenge or the response, or give up).
        """
        cfg = self.config
        idle_limit = now - cfg.connection_idle_time
        unproven_limit = now - cfg.unproven_connection_time
        securing: list[Connection] = []
        for table in (self.client, self.server):
            for conn in list(table.values()):
                if conn.held or conn.securing_calls() or handshake.waits(conn):
                    securing.append(conn)
                    continue
                limit = idle_limit if conn.proven or conn.is_client else unproven_limit
                if conn.last_used <= limit and not conn.has_live_calls():
                    self.remove(conn, now)
        return securing
