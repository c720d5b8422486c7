/*
 * crxperf: an rxperf peer, server and client in one binary, on OpenAFS's user-space Rx
 * library (libafsrpc, pthread flavour).
 *
 *   crxperf server [options]     serve rxperf (service 147) on rxnull and rxkad
 *   crxperf client -c OP [opts]  make rxperf calls and print one RESULT line
 *
 * This file holds what both sides share: the command-line helpers, the Rx set-up and the
 * statistics lines.  README.md describes every option and every output line.
 */
#include "crxperf.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/resource.h>

#include <rx/rx_globals.h>

int opt_verify;
int opt_quiet;
int opt_stats;

void
die(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("crxperf: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

void
note(const char *fmt, ...)
{
    if (opt_quiet)
        return;
    va_list ap;
    char line[512];
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    fprintf(stderr, "crxperf: %s\n", line);
}

double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A count such as 123, 0x10, 64k, 16M or 1G (binary suffixes), within [min, max]. */
long
parse_count(const char *text, const char *what, long min, long max)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 0);
    long long scale = 1;
    switch (*end) {
    case 'k': case 'K': scale = 1LL << 10; end++; break;
    case 'm': case 'M': scale = 1LL << 20; end++; break;
    case 'g': case 'G': scale = 1LL << 30; end++; break;
    default: break;
    }
    if (errno != 0 || end == text || *end != '\0' || value < LLONG_MIN / scale
        || value > LLONG_MAX / scale || value * scale < min || value * scale > max)
        die("%s: '%s' is not a number from %ld to %ld", what, text, min, max);
    return (long)(value * scale);
}

/* An IPv4 address or host name (network byte order); "any" is INADDR_ANY. */
afs_uint32
parse_host(const char *text, const char *what)
{
    struct in_addr addr;
    if (strcmp(text, "any") == 0)
        return htonl(INADDR_ANY);
    if (inet_pton(AF_INET, text, &addr) == 1)
        return addr.s_addr;
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_DGRAM};
    struct addrinfo *found = NULL;
    int code = getaddrinfo(text, NULL, &hints, &found);
    if (code != 0 || found == NULL)
        die("%s: cannot resolve '%s': %s", what, text, gai_strerror(code));
    afs_uint32 host = ((struct sockaddr_in *)found->ai_addr)->sin_addr.s_addr;
    freeaddrinfo(found);
    return host;
}

/* The options both sides take; returns 0 if opt is not one of them. */
int
common_option(int opt, const char *arg, struct rx_tuning *t)
{
    switch (opt) {
    case 'p': t->port = (int)parse_count(arg, "-p", 1, 65535); return 1;
    case 'a': t->bind_host = parse_host(arg, "-a"); return 1;
    case 'u': t->udp_kib = (int)parse_count(arg, "-u", 1, 1 << 20); return 1;
    case 'W': t->window = (int)parse_count(arg, "-W", 1, 255); return 1;
    case 'j': t->no_jumbo = 1; return 1;
    case 'm': t->mtu = (int)parse_count(arg, "-m", 1, 65535); return 1;
    case 'P': t->peer_timeout_ms = (int)parse_count(arg, "-P", 1, 999); return 1;
    case 'V': opt_verify = 1; return 1;
    case 'D': opt_stats = 1; return 1;
    case 'q': opt_quiet = 1; return 1;
    default: return 0;
    }
}

const char *
op_name(int op)
{
    switch (op) {
    case OP_SEND: return "send";
    case OP_RECV: return "recv";
    case OP_RPC: return "rpc";
    case OP_FILE: return "file";
    default: return "?";
    }
}

void
rx_setup(const struct rx_tuning *t, int port)
{
    /* The socket buffer and the packet pool are sized inside rx_InitHost; the library
     * ignores buffer sizes of 64 KiB or less. */
    if (t->udp_kib > 0)
        rx_SetUdpBufSize(t->udp_kib * 1024);
    if (t->window > 0) {
        rx_SetMaxReceiveWindow(t->window);
        rx_SetMaxSendWindow(t->window);
    }
    int code = rx_InitHost(t->bind_host, htons((unsigned short)port));
    if (code != 0)
        die("rx_InitHost(port %d) failed: %d%s", port, code,
            code == RX_ADDRINUSE ? " (address in use)" : "");
    /* rx_InitHost looks at the interfaces' MTUs and may raise the receive size, so the
     * packet-size options come after it (as OpenAFS's own servers do). */
    if (t->no_jumbo)
        rx_SetNoJumbo();
    if (t->mtu > 0 && rx_SetMaxMTU(t->mtu) != 0)
        die("-m %d: the library refuses this MTU", t->mtu);
    if (t->peer_timeout_ms > 0)
        rx_SetMinPeerTimeout(t->peer_timeout_ms);
}

void
cpu_times(double *user, double *sys)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    *user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    *sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

void
print_rx_stats(const char *side)
{
    struct rx_statistics *s = rx_GetStatistics();
    if (s == NULL)
        return;
    double rtt_us = 0;
    if (s->nRttSamples > 0)
        rtt_us = ((double)s->totalRtt.sec * 1e6 + (double)s->totalRtt.usec) / s->nRttSamples;
    printf("RXSTATS side=%s data_sent=%d data_resent=%d data_pushed=%d data_read=%d "
           "dup_read=%d spurious_read=%d acks_sent=%d acks_read=%d pings_sent=%d "
           "aborts_sent=%d busies_sent=%d busies=%d no_buffers=%d send_failures=%d "
           "rtt_avg_us=%.1f rtt_samples=%d\n",
           side, s->dataPacketsSent, s->dataPacketsReSent, s->dataPacketsPushed,
           s->dataPacketsRead, s->dupPacketsRead, s->spuriousPacketsRead, s->ackPacketsSent,
           s->ackPacketsRead, s->pingPacketsSent, s->abortPacketsSent, s->busyPacketsSent,
           s->nBusies, s->noPacketBuffersOnRead, s->netSendFailures, rtt_us, s->nRttSamples);
    rx_FreeStatistics(&s);
}

static void
usage(FILE *out)
{
    fputs(
"usage:\n"
"  crxperf server [-p port] [-a addr] [-k HEX|kernel|off] [-K kvno] [-l level] [-A]\n"
"                 [-s minthreads] [-S maxthreads] [-H] [-N calls] [-t seconds]\n"
"                 [-u KiB] [-W packets] [-j] [-m mtu] [-P ms] [-V] [-D] [-q]\n"
"  crxperf client -c rpc|send|recv|file [-s host] [-p port] [-a addr] [-n calls]\n"
"                 [-T threads] [-C threads-per-conn] [-S bytes] [-R bytes] [-b bytes]\n"
"                 [-F w,w,0,w] [-r bytes] [-w bytes] [-x null|clear|auth|crypt]\n"
"                 [-k HEX|kernel] [-K kvno] [-L label] [-t seconds]\n"
"                 [-u KiB] [-W packets] [-j] [-m mtu] [-P ms] [-V] [-D] [-q]\n"
"See README.md for what each option does and what the output lines mean.\n",
          out);
}

int
main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    payload_init();
    /* Each side parses the options after its subcommand (getopt starts at argv[1]). */
    if (strcmp(argv[1], "server") == 0)
        return server_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "client") == 0)
        return client_main(argc - 1, argv + 1);
    usage(stderr);
    return 2;
}
