#!/bin/busybox sh
# PID 1 of the test guest.  guest_image.py puts this file at /init, next to /etc/guest.conf
# (settings written by the host: GUEST_ADDR, HOST_ALIAS, ECHO_PORT, ECHO_SERVICE,
# UPGRADE_PORT, UPGRADE_SERVICE, RXKAD_KEY, the echo server's rxkad key in hex, or empty,
# and LINK_MTU, eth0's MTU, or empty).
#
# Console (ttyS0, a file on the host): boot messages, one "GUEST ..." line per step, and the
# log of the kecho server.  Control port (ttyS1, a unix socket on the host): one command per
# line, "TAG COMMAND"; the guest runs COMMAND with sh and answers with "@@begin TAG", the
# output, and "@@done TAG STATUS".
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
. /etc/guest.conf

for name in $(cat /lib/modules/order); do
    insmod "/lib/modules/$name.ko" || echo "GUEST error: insmod $name failed"
done
echo "GUEST kernel $(uname -r) modules: $(cut -d' ' -f1 /proc/modules | tr '\n' ' ')"

ip link set lo up
# A link MTU above 1500 (9000 by default) leaves room for Linux 7.x's path-MTU probes, and so
# for its jumbograms; qemu's user-mode network passes such frames.
[ -n "$LINK_MTU" ] && ip link set eth0 mtu "$LINK_MTU"
ip link set eth0 up
ip addr add "$GUEST_ADDR/24" dev eth0
ip route add default via "$HOST_ALIAS"
# Aborts are traced from the start (cat /sys/kernel/tracing/trace): the reason tag is the best
# clue to why the kernel refused a packet.
echo 1 > /sys/kernel/tracing/events/rxrpc/rxrpc_abort/enable 2>/dev/null

# The echo server's log is /tmp/kecho.log (tests read it with "cat"), copied to the console.
kecho serve -p "$ECHO_PORT" -s "$ECHO_SERVICE" -b 8 ${RXKAD_KEY:+-k "$RXKAD_KEY"} \
    > /tmp/kecho.log 2>&1 &
tail -f /tmp/kecho.log > /dev/console &
# A second echo server, for the service upgrade tests: ECHO_SERVICE and UPGRADE_SERVICE on one
# socket, and a client may upgrade from the first to the second.
if [ -n "$UPGRADE_PORT" ]; then
    kecho serve -p "$UPGRADE_PORT" -s "$ECHO_SERVICE" -S "$UPGRADE_SERVICE" -U \
        > /tmp/kecho-upgrade.log 2>&1 &
fi
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    grep -q "^KECHO serving" /tmp/kecho.log && break
    sleep 0.1
done
# The e1000 link comes up a moment after "ip link set eth0 up"; until then packets are lost.
for i in $(seq 100); do
    [ "$(cat /sys/class/net/eth0/carrier 2>/dev/null)" = 1 ] && break
    sleep 0.1
done
# Until the guest sends something to the host side, qemu's user network does not know the
# guest's MAC address and holds back the first packet forwarded to it (about a second).
ping -c 1 -W 2 "$HOST_ALIAS" > /dev/null 2>&1
# The control port is raw before the host hears "ready": a command sent at once must not meet a
# line-editing tty, whose switch to raw would throw the pending line away.  clocal: the port
# never waits for or drops on a carrier signal.
stty -F /dev/ttyS1 raw -echo clocal
echo "GUEST ready uptime=$(cut -d' ' -f1 /proc/uptime) mtu=$(cat /sys/class/net/eth0/mtu)"

while true; do
    if read -r tag command; then
        [ -n "$tag" ] || continue
        echo "@@begin $tag" > /dev/ttyS1
        sh -c "$command" < /dev/null > /dev/ttyS1 2>&1
        echo "@@done $tag $?" > /dev/ttyS1
    else
        sleep 0.5
    fi
done < /dev/ttyS1
