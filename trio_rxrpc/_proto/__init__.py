"""The sans-I/O Rx core.

Nothing in this package performs I/O, reads a clock or draws randomness: datagrams, the
current time (``now``, in seconds) and a random source come in as arguments, and datagrams to
send, events and the next deadline come out.  The trio layer in :mod:`trio_rxrpc` drives it.
"""
