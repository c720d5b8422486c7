"""The abort codes of the AFS file server that no com_err table names.

A file server aborts a call with one of two kinds of small code:

* the volume package's codes, 101 and up (OpenAFS ``afs/errors.h``): the volume is offline,
  busy, moved, over quota...  Clients act on several of them (retry on :class:`VBUSY`, look
  the volume up again on :class:`VMOVED` or :class:`VNOVOL`);
* Unix ``errno`` values for what went wrong with a file: :class:`EACCES`, :class:`ENOENT`,
  :class:`EEXIST`...  OpenAFS servers on Linux send Linux's numbers, so those are the numbers
  used here whatever system this runs on.  Three it numbers its own way, the same on every
  platform: :class:`FSERR_ELOOP` (90), :class:`FSERR_EOPNOTSUPP` (122, what obsolete calls
  such as GetRootVolume answer) and :class:`FSERR_ECONNREFUSED` (130).  So 122 here is not
  Linux's ``EDQUOT``: a file server over quota sends :class:`VOVERQUOTA`.

A client that reports ``CLIENT_CAPABILITY_ERRORTRANS`` (TellMeAboutYourself) gets neither:
the server then sends the ``uae`` com_err codes (OpenAFS ``afs/unified_afs.h``, e.g.
49733392 for ``EEXIST``) instead of ``errno`` values.

Each code has an :class:`~trio_rxrpc.rpc.RPCError` subclass, registered on import (the
registry imports this module by itself when it looks up a code, and the generated ``fs`` and
``cb`` modules import it), so a call the file server aborts raises, e.g., :class:`VOFFLINE`,
and :func:`trio_rxrpc.abort_code_name` gives ``"VOFFLINE"`` for 106.  The volume codes take
precedence over Linux's networking ``errno`` values in the same range (106 is ``EISCONN`` on
Linux, but no file server means that).

``VRESTARTING`` (-100) is the code Rx itself names ``RX_RESTARTING``; it keeps that name.
"""

from __future__ import annotations

from typing import Final

from .. import rpc as _rpc

__all__ = [
    "E2BIG", "EACCES", "EAGAIN", "EBADF", "EBUSY", "EEXIST", "EFBIG", "EINVAL", "EIO",
    "EISDIR", "ELOOP", "EMLINK", "ENAMETOOLONG", "ENODEV", "ENOENT", "ENOMEM", "ENOSPC",
    "ENOTDIR", "ENOTEMPTY", "ENXIO", "EPERM", "EROFS", "ERRORS", "EXDEV", "FSERR_ECONNREFUSED",
    "FSERR_ELOOP", "FSERR_EOPNOTSUPP", "UnixError", "VBUSY",
    "VDISKFULL", "VICE_SPECIAL_ERRORS", "VIO", "VMOVED", "VNOSERVICE", "VNOVNODE", "VNOVOL",
    "VOFFLINE", "VONLINE", "VOVERQUOTA", "VREADONLY", "VRESTARTING", "VRESTRICTED", "VSALVAGE",
    "VSALVAGING", "VVOLEXISTS", "ViceError",
]

VICE_SPECIAL_ERRORS: Final = 101
"""The lowest volume-package code."""

VRESTARTING: Final = -100
"""The server is restarting; like :class:`VBUSY`, but old clients treat it as a server down."""


class ViceError(_rpc.RPCError):
    """A volume-package code from the file server (or the volume server)."""

    table = "vice"


class UnixError(_rpc.RPCError):
    """A Unix ``errno`` value (Linux numbering) sent as an abort code."""

    table = "errno"


# ------------------------------------------------------------------ the volume package


class VSALVAGE(ViceError):
    code = 101
    error_name = "VSALVAGE"
    error_message = "volume needs to be salvaged"


class VNOVNODE(ViceError):
    code = 102
    error_name = "VNOVNODE"
    error_message = "no such vnode (file) in the volume"


class VNOVOL(ViceError):
    code = 103
    error_name = "VNOVOL"
    error_message = "volume not attached or does not exist on this server"


class VVOLEXISTS(ViceError):
    code = 104
    error_name = "VVOLEXISTS"
    error_message = "volume already exists"


class VNOSERVICE(ViceError):
    code = 105
    error_name = "VNOSERVICE"
    error_message = "volume is not in service"


class VOFFLINE(ViceError):
    code = 106
    error_name = "VOFFLINE"
    error_message = "volume is offline"


class VONLINE(ViceError):
    code = 107
    error_name = "VONLINE"
    error_message = "volume is already online"


class VDISKFULL(ViceError):
    code = 108
    error_name = "VDISKFULL"
    error_message = "partition is full"


class VOVERQUOTA(ViceError):
    code = 109
    error_name = "VOVERQUOTA"
    error_message = "volume quota exceeded"


class VBUSY(ViceError):
    code = 110
    error_name = "VBUSY"
    error_message = "volume temporarily unavailable; try again"


class VMOVED(ViceError):
    code = 111
    error_name = "VMOVED"
    error_message = "volume has moved to another server"


class VIO(ViceError):
    code = 112
    error_name = "VIO"
    error_message = "vnode temporarily inaccessible"


class VSALVAGING(ViceError):
    code = 113
    error_name = "VSALVAGING"
    error_message = "volume is being salvaged"


class VRESTRICTED(ViceError):
    code = 120
    error_name = "VRESTRICTED"
    error_message = "volume is restricted from the requested storage"


# ------------------------------------------------------------------- Unix errno values


class EPERM(UnixError):
    code = 1
    error_name = "EPERM"
    error_message = "operation not permitted"


class ENOENT(UnixError):
    code = 2
    error_name = "ENOENT"
    error_message = "no such file or directory"


class EIO(UnixError):
    code = 5
    error_name = "EIO"
    error_message = "input/output error"


class ENXIO(UnixError):
    code = 6
    error_name = "ENXIO"
    error_message = "no such device or address"


class E2BIG(UnixError):
    code = 7
    error_name = "E2BIG"
    error_message = "argument list too long"


class EBADF(UnixError):
    code = 9
    error_name = "EBADF"
    error_message = "bad file descriptor"


class EAGAIN(UnixError):
    code = 11
    error_name = "EAGAIN"
    error_message = "resource temporarily unavailable (e.g. a lock is held)"


class ENOMEM(UnixError):
    code = 12
    error_name = "ENOMEM"
    error_message = "out of memory"


class EACCES(UnixError):
    code = 13
    error_name = "EACCES"
    error_message = "permission denied"


class EBUSY(UnixError):
    code = 16
    error_name = "EBUSY"
    error_message = "device or resource busy"


class EEXIST(UnixError):
    code = 17
    error_name = "EEXIST"
    error_message = "file exists"


class EXDEV(UnixError):
    code = 18
    error_name = "EXDEV"
    error_message = "cross-device link (the files are in different volumes)"


class ENODEV(UnixError):
    code = 19
    error_name = "ENODEV"
    error_message = "no such device"


class ENOTDIR(UnixError):
    code = 20
    error_name = "ENOTDIR"
    error_message = "not a directory"


class EISDIR(UnixError):
    code = 21
    error_name = "EISDIR"
    error_message = "is a directory"


class EINVAL(UnixError):
    code = 22
    error_name = "EINVAL"
    error_message = "invalid argument"


class EFBIG(UnixError):
    code = 27
    error_name = "EFBIG"
    error_message = "file too large"


class ENOSPC(UnixError):
    code = 28
    error_name = "ENOSPC"
    error_message = "no space left on device"


class EROFS(UnixError):
    code = 30
    error_name = "EROFS"
    error_message = "read-only file system (volume)"


class EMLINK(UnixError):
    code = 31
    error_name = "EMLINK"
    error_message = "too many links"


class ENAMETOOLONG(UnixError):
    code = 36
    error_name = "ENAMETOOLONG"
    error_message = "file name too long"


class ENOTEMPTY(UnixError):
    code = 39
    error_name = "ENOTEMPTY"
    error_message = "directory not empty"


class ELOOP(UnixError):
    code = 40
    error_name = "ELOOP"
    error_message = "too many levels of symbolic links"


# -------------------------------------- the file server's numbers for three errno values


class FSERR_ELOOP(UnixError):
    code = 90
    error_name = "FSERR_ELOOP"
    error_message = "too many levels of symbolic links (the file server's number)"


class FSERR_EOPNOTSUPP(UnixError):
    code = 122
    error_name = "FSERR_EOPNOTSUPP"
    error_message = "operation not supported by the file server"


class FSERR_ECONNREFUSED(UnixError):
    code = 130
    error_name = "FSERR_ECONNREFUSED"
    error_message = "connection refused (the file server's number)"


VREADONLY: Final = EROFS.code
"""The volume package's name for writing to a read-only volume: plain ``EROFS``."""

ERRORS: Final[tuple[type[_rpc.RPCError], ...]] = (
    VSALVAGE, VNOVNODE, VNOVOL, VVOLEXISTS, VNOSERVICE, VOFFLINE, VONLINE, VDISKFULL,
    VOVERQUOTA, VBUSY, VMOVED, VIO, VSALVAGING, VRESTRICTED,
    EPERM, ENOENT, EIO, ENXIO, E2BIG, EBADF, EAGAIN, ENOMEM, EACCES, EBUSY, EEXIST, EXDEV,
    ENODEV, ENOTDIR, EISDIR, EINVAL, EFBIG, ENOSPC, EROFS, EMLINK, ENAMETOOLONG, ENOTEMPTY,
    ELOOP, FSERR_ELOOP, FSERR_EOPNOTSUPP, FSERR_ECONNREFUSED,
)
"""Every class here, in the order they are registered."""

_rpc.register(ERRORS)
