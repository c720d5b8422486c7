#!/usr/bin/env bash
# cell-up.sh DIR [--auth|--noauth]
#
# Start a throwaway OpenAFS 1.8.9 cell, "test.example", on 127.0.0.1 from Debian's packages
# (openafs-client, -dbserver, -fileserver, -krb5; installed with apt-get if missing). Run it as
# root on a machine you can spare: OpenAFS insists on a few fixed system paths, which this
# script overwrites after saving the originals in DIR/saved; cell-down.sh DIR puts them back.
#
#   --auth    (default) privileged calls need rxkad
#   --noauth  the NoAuth file stays: every caller is a superuser to the database servers, the
#             volume server and the bosserver (the fileserver still applies ACLs)
#
# DIR belongs to the cell: it must be new or empty, and is wiped whenever the cell is rebuilt.
# If the cell in DIR already runs in the requested mode and every server answers, the script
# only says so ("already running"); otherwise it stops whatever is left and builds the cell
# from scratch (about 10 s). On failure it shows the log tails and undoes everything, unless
# KEEP_FAILED_CELL=1.
#
# The cell (README.md beside this script has more):
#   servers   fileserver :7000, ptserver :7002, vlserver :7003, volserver :7005,
#             bosserver :7007 (supervising nothing), all bound to 127.0.0.1 only
#   key       DES 0123456789abcdef, kvno 3, in KeyFile; KeyFileExt empty, so -localauth
#             tools forge Kerberos 4 style rxkad tickets
#   users     admin (id 1, system:administrators, UserList), user1 (id 2)
#   volumes   root.afs   (system:anyuser rl)      mount points test.example, .test.example (RW)
#             root.cell  (system:anyuser rlidwk)  file hello.txt, mount point test.vol
#             test.vol   (administrators only)
#   DIR/run/cell.env   KEY=VALUE lines describing all of the above, for tests
set -uo pipefail

CELL=test.example
REALM=TEST.EXAMPLE
HOST=127.0.0.1
KVNO=3
KEY=0123456789abcdef
LIBEXEC=/usr/lib/openafs
SERVER_ETC=/etc/openafs/server
CLIENT_ETC=/etc/openafs
LOCAL=/var/lib/openafs/local
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MARKER=.trio-rxrpc-cell

# The system paths this script writes. OpenAFS reads them whatever -config says:
#   client ThisCell/CellServDB      afsio, and bos (which has no -config)
#   server etc                      asetkey writes only there; bosserver, bos -localauth and
#                                   the fileserver's own ptserver client read only there
#   NetInfo                         "f 127.0.0.1": ubik and the fileserver otherwise ignore
#                                   loopback addresses; with one address -rxbind binds it
#   NoAuth, sysid*, fssync.sock     the superuser switch, the fileserver's identity, and the
#                                   fileserver-volserver channel (a Unix socket)
#   /vicepa                         partitions must be /vicepXX; ours is a symlink into DIR
#   bosserver.rxbind, BosLog*       bosserver has no option for either
SYSTEM_PATHS=(
    $CLIENT_ETC/ThisCell $CLIENT_ETC/CellServDB
    $SERVER_ETC/ThisCell $SERVER_ETC/CellServDB $SERVER_ETC/UserList
    $SERVER_ETC/KeyFile $SERVER_ETC/KeyFileExt
    $LOCAL/NetInfo $LOCAL/NoAuth $LOCAL/sysid $LOCAL/sysid.old $LOCAL/fssync.sock
    /vicepa /etc/openafs/bosserver.rxbind /var/log/openafs/BosLog /var/log/openafs/BosLog.old
)

log() { echo "cell-up: $*"; }
BUILDING=0
fail() {
    echo "cell-up: error: $*" >&2
    if [ $BUILDING = 1 ]; then
        local f
        for f in "$DIR"/logs/*; do
            [ -s "$f" ] || continue
            echo "cell-up: --- last lines of $f" >&2
            tail -n 6 "$f" >&2
        done
        if [ "${KEEP_FAILED_CELL:-0}" = 1 ]; then
            echo "cell-up: KEEP_FAILED_CELL=1: leaving the cell as it is" >&2
        else
            "$HERE/cell-down.sh" "$DIR" >&2
        fi
    fi
    exit 1
}

# ------------------------------------------------------------------------------ arguments
[ $# -ge 1 ] || fail "usage: cell-up.sh DIR [--auth|--noauth]"
DIR=$1
shift
MODE=auth
for arg in "$@"; do
    case $arg in
        --auth) MODE=auth ;;
        --noauth) MODE=noauth ;;
        *) fail "unknown option $arg" ;;
    esac
done
[ "$(id -u)" = 0 ] || fail "run me as root: OpenAFS needs system paths and /vicepa"
mkdir -p "$DIR" || fail "cannot make $DIR"
DIR=$(cd "$DIR" && pwd)
if [ ! -e "$DIR/$MARKER" ] && [ -n "$(ls -A "$DIR")" ]; then
    fail "$DIR is neither empty nor a cell directory of ours; give a new directory"
fi
touch "$DIR/$MARKER"
ETC=$DIR/etc
RUN=$DIR/run

# ------------------------------------------------------------------------------- packages
install_missing_packages() {
    local wanted=() policy=""
    [ -x $LIBEXEC/ptserver ] && [ -x $LIBEXEC/vlserver ] || wanted+=(openafs-dbserver)
    [ -x $LIBEXEC/fileserver ] && [ -x /usr/sbin/bosserver ] || wanted+=(openafs-fileserver)
    command -v asetkey >/dev/null || wanted+=(openafs-krb5)
    local tool
    for tool in pts vos bos rxdebug udebug afsio; do
        command -v $tool >/dev/null || { wanted+=(openafs-client); break; }
    done
    [ ${#wanted[@]} = 0 ] && return 0
    command -v apt-get >/dev/null || fail "OpenAFS is not installed and there is no apt-get"
    log "apt-get install ${wanted[*]}"
    # The packages would start their own bosserver, which takes port 7007: a policy-rc.d
    # that refuses every start keeps them quiet (only if there is none already).
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' >$policy
        chmod 755 $policy
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${wanted[@]}" >/dev/null </dev/null
    local status=$?
    [ -n "$policy" ] && rm -f $policy
    [ $status = 0 ] || fail "apt-get install ${wanted[*]} failed"
}
install_missing_packages

# ------------------------------------------------------------------------ servers and ports
SERVERS=(ptserver:7002 vlserver:7003 fileserver:7000 volserver:7005 bosserver:7007)

server_pid() {  # server_pid NAME: the pid in DIR/run/NAME.pid, if that process is NAME
    local pid
    pid=$(cat "$RUN/$1.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    { tr '\0' '\n' <"/proc/$pid/cmdline"; } 2>/dev/null | head -n 1 | grep -q "/$1\$" || return 1
    echo "$pid"
}
answers() {  # answers PORT: an Rx server on HOST:PORT replies to a version request
    rxdebug $HOST "$1" -version 2>/dev/null | grep -q 'AFS version'
}
all_up() {
    local entry
    for entry in "${SERVERS[@]}"; do
        server_pid "${entry%:*}" >/dev/null && answers "${entry#*:}" || return 1
    done
}
summary() {
    local entry
    for entry in "${SERVERS[@]}"; do
        log "  ${entry%:*} pid $(server_pid "${entry%:*}") on $HOST:${entry#*:}"
    done
    log "cell $CELL ($REALM), $MODE mode, DES key $KEY kvno $KVNO; $RUN/cell.env"
}

if [ -s "$RUN/cell.env" ] && grep -qx "AFS_MODE=$MODE" "$RUN/cell.env" && all_up; then
    log "already running in $DIR"
    summary
    exit 0
fi

# ----------------------------------------------------------------------- from scratch
"$HERE/cell-down.sh" "$DIR" >/dev/null 2>&1
port_free() {  # nobody else may hold the cell's ports
    python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}
for port in 7000 7001 7002 7003 7004 7005 7006 7007; do
    port_free $port || fail "UDP port $HOST:$port is taken by another program"
done
if [ -e /vicepa ] && [ ! -L /vicepa ]; then
    fail "/vicepa is a real partition or directory; this script only ever replaces a symlink"
fi

rm -rf "$ETC" "$RUN" "$DIR/logs" "$DIR/db" "$DIR/vicepa"
mkdir -p "$ETC" "$RUN" "$DIR/logs" "$DIR/db" "$DIR/vicepa" \
    $SERVER_ETC $LOCAL /var/log/openafs || fail "cannot make directories"
chmod 700 "$DIR/db"
BUILDING=1

# Save the originals, once: after a crash the saved copies are still the true originals.
if [ ! -f "$DIR/saved/list" ]; then
    mkdir -p "$DIR/saved"
    for path in "${SYSTEM_PATHS[@]}"; do
        if [ -e "$path" ] || [ -L "$path" ]; then
            mkdir -p "$DIR/saved$(dirname "$path")"
            cp -a "$path" "$DIR/saved$path" || fail "cannot save $path"
            echo "kept $path"
        else
            echo "new $path"
        fi
    done >"$DIR/saved/list.tmp" || fail "cannot save the system files"
    mv "$DIR/saved/list.tmp" "$DIR/saved/list"
fi

# -------------------------------------------------------------------------- configuration
echo "$CELL" >"$ETC/ThisCell"
printf '>%s\t#trio-rxrpc interop test cell\n%s\t#%s\n' "$CELL" "$HOST" "$HOST" >"$ETC/CellServDB"
echo admin >"$ETC/UserList"
cp "$ETC/ThisCell" "$ETC/CellServDB" "$ETC/UserList" $SERVER_ETC/
cp "$ETC/ThisCell" "$ETC/CellServDB" $CLIENT_ETC/
# asetkey works on the server directory only, and needs its ThisCell and CellServDB first.
rm -f $SERVER_ETC/KeyFile $SERVER_ETC/KeyFileExt
asetkey add $KVNO $KEY >/dev/null || fail "asetkey add $KVNO failed"
asetkey list | grep -q "kvno *$KVNO: key is: $KEY" || fail "asetkey does not list the key"
cp $SERVER_ETC/KeyFile $SERVER_ETC/KeyFileExt "$ETC/"
chmod 600 "$ETC/KeyFile" "$ETC/KeyFileExt"

echo "f $HOST" >$LOCAL/NetInfo
rm -f $LOCAL/sysid $LOCAL/sysid.old
touch $LOCAL/NoAuth  # set-up runs anonymously; --auth removes it at the end
touch "$DIR/vicepa/AlwaysAttach"  # attach the partition although it is no mount point
ln -sfn "$DIR/vicepa" /vicepa

# -------------------------------------------------------------------------------- servers
launch() {  # launch NAME COMMAND...: start a server in its own session, record its pid
    local name=$1
    shift
    setsid "$@" </dev/null >>"$DIR/logs/$name.out" 2>&1 &
    echo $! >"$RUN/$name.pid"
}
wait_until() {  # wait_until SECONDS WHAT COMMAND...
    local limit=$(( $1 * 5 )) what=$2 i
    shift 2
    for (( i = 0; i < limit; i++ )); do
        "$@" && return 0
        sleep 0.2
    done
    fail "gave up after $(( limit / 5 )) s waiting for $what (logs in $DIR/logs)"
}
quorum() {  # a lone ubik server takes writes only once recovery reaches state 1f
    udebug $HOST "$1" 2>/dev/null | grep -q 'Recovery state 1f'
}
stopped() { ! server_pid "$1" >/dev/null; }
pts_() { pts "$@" -localauth -config "$ETC" >/dev/null || fail "pts $* failed"; }
calls() { python3 "$HERE/cellcalls.py" "$@" || fail "cellcalls.py $* failed"; }
start_fileserver() {
    launch fileserver $LIBEXEC/fileserver -config "$ETC" -logfile "$DIR/logs/FileLog" -rxbind
    wait_until 60 "the fileserver" answers 7000
}

launch ptserver $LIBEXEC/ptserver -config "$ETC" -database "$DIR/db/prdb" \
    -logfile "$DIR/logs/PtLog" -rxbind
launch vlserver $LIBEXEC/vlserver -config "$ETC" -database "$DIR/db/vldb" \
    -logfile "$DIR/logs/VLLog" -rxbind
wait_until 60 "the ptserver database" quorum 7002
wait_until 60 "the vlserver database" quorum 7003

pts_ createuser -name admin -id 1
pts_ createuser -name user1 -id 2
pts_ adduser -user admin -group system:administrators
# The fileserver adds the groups of the calling host to every caller's rights, so while the
# host entry 127.0.0.1 is an administrator, anonymous set-up calls may set ACLs.
pts_ createuser -name $HOST
pts_ adduser -user $HOST -group system:administrators

start_fileserver
launch volserver $LIBEXEC/volserver -config "$ETC" -logfile "$DIR/logs/VolserLog" -rxbind
wait_until 60 "the volserver" answers 7005

calls volume root.afs root.cell test.vol >"$RUN/volumes"
for volume in root.afs root.cell test.vol; do
    vos setfields -id $volume -maxquota 0 -localauth -config "$ETC" >/dev/null \
        || fail "vos setfields $volume failed"
done
calls acl root.afs "system:administrators rlidwka,system:anyuser rl"
calls acl root.cell "system:administrators rlidwka,system:anyuser rlidwk"
calls mount root.afs $CELL root.cell
calls mount --rw root.afs .$CELL root.cell
calls mount root.cell test.vol test.vol
calls touch root.cell hello.txt --content "hello from OpenAFS $CELL
" >/dev/null

# Take the lent rights back, and restart the fileserver so that it forgets the host's
# groups (SIGQUIT is its orderly shutdown; SIGTERM only makes it list its open files).
pts_ removeuser -user $HOST -group system:administrators
pts_ delete -nameorid $HOST
kill -QUIT "$(server_pid fileserver)" 2>/dev/null
wait_until 60 "the fileserver to stop" stopped fileserver
start_fileserver

# The bosserver goes last: when it starts it creates or deletes NoAuth to match its -noauth.
bos_flags=(-nofork -rxbind)
[ $MODE = noauth ] && bos_flags+=(-noauth)
launch bosserver /usr/sbin/bosserver "${bos_flags[@]}"
wait_until 60 "the bosserver" answers 7007
[ $MODE = auth ] && rm -f $LOCAL/NoAuth

{
    echo "# The running test cell, written by interop/openafs/cell-up.sh."
    echo "AFS_CELL=$CELL"
    echo "AFS_REALM=$REALM"
    echo "AFS_HOST=$HOST"
    echo "AFS_MODE=$MODE"
    echo "AFS_KVNO=$KVNO"
    echo "AFS_KEY_HEX=$KEY"
    echo "AFS_CONFIG_DIR=$ETC"
    echo "AFS_FS_PORT=7000"
    echo "AFS_PT_PORT=7002"
    echo "AFS_VL_PORT=7003"
    echo "AFS_VOL_PORT=7005"
    echo "AFS_BOS_PORT=7007"
    echo "AFS_ADMIN=admin"
    echo "AFS_ADMIN_ID=1"
    echo "AFS_USER=user1"
    echo "AFS_USER_ID=2"
    while read -r volume id; do
        volume=${volume//./_}
        echo "AFS_VOLID_${volume^^}=$id"
    done <"$RUN/volumes"
} >"$RUN/cell.env.tmp" && mv "$RUN/cell.env.tmp" "$RUN/cell.env" || fail "cannot write cell.env"
log "started in $DIR"
summary
