/*
 * The server: the rxperf service procedure, its counters, and the main thread that waits
 * for the end (SIGTERM/SIGINT, -N calls, or -t seconds) and prints the SERVER line.
 *
 * The service is strict like the Linux server: a request must end exactly where its
 * declared lengths say.  Abort codes: version other than 3: RX_USER_ABORT (-6); unknown
 * operation: RXGEN_OPCODE (-455); short, long or malformed request, or (with -V) payload
 * that is not the pattern: RXGEN_SS_UNMARSHAL (-453).  The rsize/wsize hints are ignored.
 */
#include "crxperf.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <afs/rxgen_consts.h>
#include <rx/rx_globals.h>
#include <rx/rxkad.h>

/* After -N calls the server waits until its socket has been quiet this long, so replies
 * still in flight (or a last retransmission) reach the client before the process ends. */
#define LINGER_QUIET 0.4
#define LINGER_MAX 10.0

static struct {
    pthread_mutex_t lock;
    long calls, failed, active;
    long by_op[OP_FILE + 1];
    long by_level[4]; /* null, clear, auth, crypt */
    int64_t bytes_in, bytes_out;
} counts = {.lock = PTHREAD_MUTEX_INITIALIZER};

static long exit_after;     /* -N: 0 = never */
static int reported_errors; /* per-call notes on stderr are limited */

#define MAX_NOTES 20

/* The abort code for a request we cannot take: the call's own error if it has one. */
static afs_int32
unmarshal_error(struct rx_call *call)
{
    afs_int32 code = rx_Error(call);
    return code != 0 ? code : RXGEN_SS_UNMARSHAL;
}

static afs_int32
write_error(struct rx_call *call)
{
    afs_int32 code = rx_Error(call);
    return code != 0 ? code : RXGEN_SS_MARSHAL;
}

/* Take `len` request payload bytes and make sure the request ends right after them. */
static afs_int32
take_rest(struct reader *r, int64_t len, int patterned)
{
    if (reader_payload(r, len, patterned) != READ_OK || !reader_at_end(r))
        return unmarshal_error(r->call);
    return 0;
}

/* Send `len` reply payload bytes and the end cookie. */
static afs_int32
send_reply(struct rx_call *call, int64_t len)
{
    const afs_int32 cookie = (afs_int32)RXPERF_COOKIE;
    if (write_payload(call, len, 1) != 0 || write_words(call, &cookie, 1) != 0)
        return write_error(call);
    return 0;
}

/*
 * FILE: a list of words walked in step with the client.  Each word w moves 4*w bytes in
 * the current direction, a 0 word turns round; the client sends first.  Rx calls turn
 * round only once, so after our reply has begun no more request bytes can come: a word
 * that asks to read more is refused (as the client's write of them fails).
 */
static afs_int32
serve_file(struct reader *r, int64_t *in, int64_t *out)
{
    afs_int32 count;
    if (reader_word(r, &count) != READ_OK || count < 0 || count > FILE_WORDS_MAX)
        return unmarshal_error(r->call);
    afs_uint32 *words = malloc((size_t)count * sizeof(*words) + 1);
    if (words == NULL)
        return RX_USER_ABORT;
    afs_int32 code = 0;
    if (reader_bytes(r, words, (size_t)count * sizeof(*words)) != READ_OK) {
        code = unmarshal_error(r->call);
        goto done;
    }
    int reading = 1, turned = 0;
    for (afs_int32 i = 0; i < count && code == 0; i++) {
        int64_t size = (int64_t)ntohl(words[i]) * 4;
        if (size == 0) {
            reading = !reading;
            if (!reading && !turned) {
                turned = 1;
                if (!reader_at_end(r))
                    code = unmarshal_error(r->call);
            }
        } else if (reading && turned) {
            code = RXGEN_SS_UNMARSHAL;
        } else if (reading) {
            if (reader_payload(r, size, 0) != READ_OK)
                code = unmarshal_error(r->call);
            *in += size;
        } else {
            if (write_payload(r->call, size, 0) != 0)
                code = write_error(r->call);
            *out += size;
        }
    }
    if (code == 0 && !turned && !reader_at_end(r))
        code = unmarshal_error(r->call);
done:
    free(words);
    return code;
}

static afs_int32
serve_request(struct rx_call *call, int *op, int64_t *in, int64_t *out)
{
    struct reader r;
    reader_init(&r, call);
    afs_int32 head[4]; /* version, operation, rsize, wsize */
    for (int i = 0; i < 4; i++)
        if (reader_word(&r, &head[i]) != READ_OK)
            return unmarshal_error(call);
    if (head[0] != RXPERF_VERSION)
        return RX_USER_ABORT;
    *op = head[1];
    afs_int32 size_in = 0, size_out = 0, code;
    switch (*op) {
    case OP_SEND:
        if (reader_word(&r, &size_in) != READ_OK)
            return unmarshal_error(call);
        break;
    case OP_RECV:
        if (reader_word(&r, &size_out) != READ_OK)
            return unmarshal_error(call);
        break;
    case OP_RPC:
        if (reader_word(&r, &size_in) != READ_OK || reader_word(&r, &size_out) != READ_OK)
            return unmarshal_error(call);
        break;
    case OP_FILE:
        return serve_file(&r, in, out);
    default:
        return RXGEN_OPCODE;
    }
    if (size_in < 0 || size_out < 0)
        return RXGEN_SS_UNMARSHAL;
    if ((code = take_rest(&r, size_in, 1)) != 0)
        return code;
    *in = size_in;
    *out = size_out;
    return send_reply(call, size_out);
}

static afs_int32
serve(struct rx_call *call)
{
    int level = call_level(call);
    pthread_mutex_lock(&counts.lock);
    counts.active++;
    pthread_mutex_unlock(&counts.lock);

    int op = -1;
    int64_t in = 0, out = 0;
    afs_int32 code = serve_request(call, &op, &in, &out);

    pthread_mutex_lock(&counts.lock);
    counts.active--;
    counts.calls++;
    counts.by_level[level + 1]++;
    if (code != 0) {
        counts.failed++;
        if (!opt_quiet && reported_errors++ < MAX_NOTES)
            fprintf(stderr, "crxperf: server: %s call ended with code %d\n",
                    op >= 0 && op <= OP_FILE ? op_name(op) : "bad", code);
    } else {
        counts.by_op[op]++;
        counts.bytes_in += in;
        counts.bytes_out += out;
    }
    pthread_mutex_unlock(&counts.lock);
    return code;
}

/* Packets read and sent so far (the library keeps these counts for rxdebug). */
static long
packet_activity(void)
{
    struct rx_statistics *s = rx_GetStatistics();
    long total = 0;
    if (s == NULL)
        return 0;
    for (int i = 0; i < RX_N_PACKET_TYPES; i++)
        total += s->packetsRead[i] + s->packetsSent[i];
    total += s->dataPacketsSent + s->dataPacketsReSent;
    rx_FreeStatistics(&s);
    return total;
}

/* Wait until the socket has been quiet for LINGER_QUIET (a stop signal cuts it short). */
static void
linger(const sigset_t *stop)
{
    double start = now_seconds(), quiet_since = start;
    long seen = packet_activity();
    struct timespec tick = {0, 20 * 1000 * 1000};
    while (now_seconds() - start < LINGER_MAX) {
        if (sigtimedwait(stop, NULL, &tick) > 0)
            return;
        long activity = packet_activity();
        pthread_mutex_lock(&counts.lock);
        long active = counts.active;
        pthread_mutex_unlock(&counts.lock);
        if (activity != seen || active > 0) {
            seen = activity;
            quiet_since = now_seconds();
        } else if (now_seconds() - quiet_since >= LINGER_QUIET) {
            return;
        }
    }
}

static void
print_totals(void)
{
    double user, sys;
    cpu_times(&user, &sys);
    pthread_mutex_lock(&counts.lock);
    printf("SERVER calls=%ld failed=%ld send=%ld recv=%ld rpc=%ld file=%ld sec_null=%ld "
           "sec_clear=%ld sec_auth=%ld sec_crypt=%ld bytes_in=%lld bytes_out=%lld "
           "cpu_user=%.3f cpu_sys=%.3f\n",
           counts.calls, counts.failed, counts.by_op[OP_SEND], counts.by_op[OP_RECV],
           counts.by_op[OP_RPC], counts.by_op[OP_FILE], counts.by_level[0], counts.by_level[1],
           counts.by_level[2], counts.by_level[3], (long long)counts.bytes_in,
           (long long)counts.bytes_out, user, sys);
    pthread_mutex_unlock(&counts.lock);
}

int
server_main(int argc, char **argv)
{
    struct rx_tuning tuning = {.bind_host = htonl(INADDR_LOOPBACK), .port = RXPERF_PORT};
    unsigned char key[8];
    int rxkad_on = 1, rxnull_on = 1, kvno = -1, min_level = rxkad_clear;
    int min_procs = 4, max_procs = 64, hot = 1;
    double lifetime = 0;
    parse_key(KERNEL_KEY, key);

    int opt;
    while ((opt = getopt(argc, argv, "p:a:k:K:l:As:S:HN:t:u:W:jm:P:VDqh")) != -1) {
        if (common_option(opt, optarg, &tuning))
            continue;
        switch (opt) {
        case 'k':
            rxkad_on = strcmp(optarg, "off") != 0;
            if (rxkad_on && parse_key(optarg, key) != 0)
                die("-k takes 16 hex digits, 'kernel' or 'off'");
            break;
        case 'K': kvno = (int)parse_count(optarg, "-K", 0, 255); break;
        case 'l':
            min_level = parse_level(optarg);
            if (min_level < rxkad_clear)
                die("-l takes clear, auth or crypt");
            break;
        case 'A': rxnull_on = 0; break;
        case 's': min_procs = (int)parse_count(optarg, "-s", 1, 4096); break;
        case 'S': max_procs = (int)parse_count(optarg, "-S", 1, 4096); break;
        case 'H': hot = 0; break;
        case 'N': exit_after = parse_count(optarg, "-N", 1, LONG_MAX); break;
        case 't': lifetime = (double)parse_count(optarg, "-t", 0, 1L << 30); break;
        case 'h':
            printf("crxperf server: see README.md for the options\n");
            return 0;
        default: die("server: unknown option (crxperf -h for usage)");
        }
    }
    if (optind != argc)
        die("server: unexpected argument '%s'", argv[optind]);
    if (!rxkad_on && !rxnull_on)
        die("-A with -k off leaves no security class to accept");
    if (max_procs < min_procs)
        max_procs = min_procs;

    /* Rx's threads inherit this mask, so the signals reach only the main thread's wait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);

    rx_setup(&tuning, tuning.port);
    static struct rx_securityClass *classes[SEC_INDEX_RXKAD + 1];
    classes[SEC_INDEX_NULL] = rxnull_on ? rxnull_NewServerSecurityObject() : NULL;
    classes[SEC_INDEX_RXKAD] = rxkad_on ? server_rxkad(key, kvno, min_level) : NULL;
    struct rx_service *service = rx_NewService(0, RXPERF_SERVICE, "rxperf", classes,
                                               SEC_INDEX_RXKAD + 1, serve);
    if (service == NULL)
        die("rx_NewService failed");
    rx_SetMinProcs(service, (u_short)min_procs);
    rx_SetMaxProcs(service, (u_short)max_procs);
    /* Hot threads: the listener thread that receives a new call runs it itself and an
     * idle thread takes over listening, which saves a thread hand-off per call. */
    if (hot)
        rx_EnableHotThread();
    rx_StartServer(0);

    if (!opt_quiet) {
        printf("READY port=%d service=%d rxnull=%s rxkad=%s minlevel=%s window=%d jumbo=%d "
               "udpbuf=%d maxprocs=%d hot=%d\n",
               tuning.port, RXPERF_SERVICE, rxnull_on ? "on" : "off", rxkad_on ? "on" : "off",
               level_name(min_level), rx_GetMaxReceiveWindow(), !tuning.no_jumbo,
               rx_UdpBufSize, max_procs, hot);
        fflush(stdout);
    }

    double start = now_seconds();
    struct timespec tick = {0, 20 * 1000 * 1000};
    for (;;) {
        if (sigtimedwait(&stop, NULL, &tick) > 0)
            break;
        if (lifetime > 0 && now_seconds() - start >= lifetime)
            break;
        if (exit_after > 0) {
            pthread_mutex_lock(&counts.lock);
            long calls = counts.calls;
            pthread_mutex_unlock(&counts.lock);
            if (calls >= exit_after) {
                linger(&stop);
                break;
            }
        }
    }
    print_totals();
    if (opt_stats)
        print_rx_stats("server");
    fflush(stdout);
    /* No rx_Finalize: the listener and server threads simply end with the process. */
    _exit(0);
}
