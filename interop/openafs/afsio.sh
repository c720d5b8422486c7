#!/usr/bin/env bash
# afsio.sh ARGS...: run OpenAFS's afsio, anonymously, with ARGS.
#
# On some machines Debian's afsio crashes in Heimdal's krb5_free_cred_contents before any call
# when there is no Kerberos ticket cache (see anonymous-krb5.c).  This wrapper compiles
# anonymous-krb5.c once (into $XDG_CACHE_HOME or ~/.cache, or TMPDIR when neither is
# writable) and preloads it, so afsio goes straight to rxnull.  afsio reads the cell from
# /etc/openafs/ThisCell and CellServDB, which cell-up.sh writes.
#
# afsio exits 0 on most errors; callers check what it printed (-md5 prints "MD5 NAME").
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE=$HERE/anonymous-krb5.c
cache=${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/trio-rxrpc
mkdir -p "$cache" 2>/dev/null || cache=${TMPDIR:-/tmp}/trio-rxrpc-$(id -u)
mkdir -p "$cache"
LIB=$cache/anonymous-krb5.so
if [[ ! -f $LIB || $SOURCE -nt $LIB ]]; then
    cc=${CC:-cc}
    "$cc" -shared -fPIC -O2 -o "$LIB.tmp.$$" "$SOURCE"
    mv -f "$LIB.tmp.$$" "$LIB"
fi
AFSIO=${AFSIO:-afsio}
LD_PRELOAD=$LIB${LD_PRELOAD:+:$LD_PRELOAD} exec "$AFSIO" "$@"
