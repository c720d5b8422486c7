/*
 * The client: -T threads make -n calls between them, each thread one call at a time, with
 * -C threads sharing one Rx connection (an Rx connection has four call channels).  It
 * prints one RESULT line and exits 1 if any call failed.
 *
 * The client is strict: a reply shorter or longer than declared, a wrong end cookie or
 * (with -V) payload that is not the pattern fails the call, which is then aborted with
 * RXGEN_CC_UNMARSHAL (-451).  A thread stops at its first failed call, and the calls it
 * had left count as failed too.
 */
#include "crxperf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <afs/rxgen_consts.h>
#include <rx/rx_globals.h>
#include <rx/rxkad.h>

/* What every call does (set from the options, then read by all threads). */
static struct {
    int op;
    afs_int32 rsize, wsize;
    int64_t send_len, recv_len; /* RPC: request and reply payload; SEND/RECV: -b */
    afs_uint32 *file_words;     /* FILE list, host byte order */
    afs_uint32 *file_wire;      /* the same in network byte order, as sent */
    int file_count;
} job;

struct worker {
    pthread_t thread;
    struct rx_connection *conn;
    long calls;
    long ok, failed;
    int64_t sent, received;
    double lat_sum, lat_min, lat_max;
    afs_int32 error; /* the first failure's code */
};

/* Worker threads need little stack; a small one lets -T go high without reserving 8 MiB of
 * address space each. */
#define WORKER_STACK (1024 * 1024)

static pthread_barrier_t start_line;
static pthread_mutex_t note_lock = PTHREAD_MUTEX_INITIALIZER;
static int notes_left = 10;

/* Why a call failed: the call's own error (an abort from the server, a timeout ...) or,
 * when Rx saw nothing wrong, a reply that broke the protocol. */
static afs_int32
call_failure(struct rx_call *call)
{
    afs_int32 code = rx_Error(call);
    return code != 0 ? code : RXGEN_CC_UNMARSHAL;
}

/* A reply of `len` payload bytes, the end cookie, and nothing after it. */
static afs_int32
read_reply(struct reader *r, int64_t len)
{
    afs_int32 cookie;
    if (reader_payload(r, len, 1) != READ_OK || reader_word(r, &cookie) != READ_OK
        || (afs_uint32)cookie != RXPERF_COOKIE || !reader_at_end(r))
        return call_failure(r->call);
    return 0;
}

static afs_int32
op_simple(struct rx_call *call, struct reader *r, int64_t *sent, int64_t *received)
{
    afs_int32 words[6] = {RXPERF_VERSION, job.op, job.rsize, job.wsize};
    int nwords = 4;
    if (job.op != OP_RECV)
        words[nwords++] = (afs_int32)job.send_len;
    if (job.op != OP_SEND)
        words[nwords++] = (afs_int32)job.recv_len;
    if (write_words(call, words, nwords) != 0 || write_payload(call, job.send_len, 1) != 0)
        return call_failure(call);
    afs_int32 code = read_reply(r, job.recv_len);
    if (code == 0) {
        *sent = job.send_len;
        *received = job.recv_len;
    }
    return code;
}

/*
 * FILE: send the list, then walk it (we send first; a 0 word turns round).  Once we have
 * turned to reading, Rx will not let us send again: the failed write is reported with the
 * code the server aborts the call with, so we read on until it does.
 */
static afs_int32
op_file(struct rx_call *call, struct reader *r, int64_t *sent, int64_t *received)
{
    afs_int32 head[5] = {RXPERF_VERSION, OP_FILE, job.rsize, job.wsize, job.file_count};
    if (write_words(call, head, 5) != 0)
        return call_failure(call);
    if (write_bytes(call, job.file_wire, (size_t)job.file_count * sizeof(afs_uint32)) != 0)
        return call_failure(call);

    int sending = 1, turned = 0;
    int64_t out = 0, in = 0;
    for (int i = 0; i < job.file_count; i++) {
        int64_t size = (int64_t)job.file_words[i] * 4;
        if (size == 0) {
            sending = !sending;
            turned = 1;
        } else if (sending && turned) {
            reader_drain(r);
            return call_failure(call);
        } else if (sending) {
            if (write_payload(call, size, 0) != 0)
                return call_failure(call);
            out += size;
        } else {
            if (reader_payload(r, size, 0) != READ_OK)
                return call_failure(call);
            in += size;
        }
    }
    if (!reader_at_end(r))
        return call_failure(call);
    *sent = out;
    *received = in;
    return 0;
}

static afs_int32
one_call(struct worker *w, int64_t *sent, int64_t *received)
{
    struct rx_call *call = rx_NewCall(w->conn);
    struct reader r;
    reader_init(&r, call);
    afs_int32 code = job.op == OP_FILE ? op_file(call, &r, sent, received)
                                       : op_simple(call, &r, sent, received);
    /* A non-zero code that is not already the call's error aborts the call with it. */
    afs_int32 end = rx_EndCall(call, code);
    return code != 0 ? code : end;
}

static void *
worker_main(void *arg)
{
    struct worker *w = arg;
    pthread_barrier_wait(&start_line);
    for (long i = 0; i < w->calls; i++) {
        int64_t sent = 0, received = 0;
        double t0 = now_seconds();
        afs_int32 code = one_call(w, &sent, &received);
        double lat = now_seconds() - t0;
        if (code != 0) {
            w->error = code;
            w->failed = w->calls - w->ok;
            pthread_mutex_lock(&note_lock);
            if (notes_left-- > 0)
                note("client: %s call failed with code %d", op_name(job.op), code);
            pthread_mutex_unlock(&note_lock);
            break;
        }
        w->ok++;
        w->sent += sent;
        w->received += received;
        w->lat_sum += lat;
        if (w->ok == 1 || lat < w->lat_min)
            w->lat_min = lat;
        if (lat > w->lat_max)
            w->lat_max = lat;
    }
    return NULL;
}

static void *
watchdog_main(void *arg)
{
    double limit = *(double *)arg;
    struct timespec ts = {(time_t)limit, (long)((limit - (double)(time_t)limit) * 1e9)};
    while (nanosleep(&ts, &ts) != 0)
        ;
    fprintf(stderr, "crxperf: client: watchdog: not done after %.0f s, giving up\n", limit);
    fflush(stdout);
    _exit(3);
}

static void
parse_file_list(const char *text)
{
    free(job.file_words);
    free(job.file_wire);
    job.file_count = 0;
    job.file_words = malloc(FILE_WORDS_MAX * sizeof(*job.file_words));
    char *copy = strdup(text), *save = NULL;
    if (job.file_words == NULL || copy == NULL)
        die("out of memory");
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        if (job.file_count == FILE_WORDS_MAX)
            die("-F: more than %d words", FILE_WORDS_MAX);
        job.file_words[job.file_count++] =
            (afs_uint32)parse_count(item, "-F word", 0, 0x1fffffff);
    }
    free(copy);
    if (job.file_count == 0)
        die("-F: an empty list");
    job.file_wire = malloc((size_t)job.file_count * sizeof(*job.file_wire));
    if (job.file_wire == NULL)
        die("out of memory");
    for (int i = 0; i < job.file_count; i++)
        job.file_wire[i] = htonl(job.file_words[i]);
}

int
client_main(int argc, char **argv)
{
    struct rx_tuning tuning = {.bind_host = htonl(INADDR_ANY), .port = RXPERF_PORT};
    afs_uint32 server = htonl(INADDR_LOOPBACK);
    const char *op_text = NULL, *label = "-";
    long calls = -1, threads = 1, per_conn = 4;
    long req_bytes = 4, reply_bytes = 4, bulk_bytes = 1 << 20;
    int level = LEVEL_NULL, kvno = 1;
    double watchdog = 600;
    unsigned char key[8];
    parse_key(KERNEL_KEY, key);
    job.rsize = job.wsize = CHUNK_MAX;

    int opt;
    while ((opt = getopt(argc, argv, "c:s:p:a:n:T:C:S:R:b:r:w:x:k:K:F:L:t:u:W:jm:P:VDqh")) != -1) {
        if (common_option(opt, optarg, &tuning))
            continue;
        switch (opt) {
        case 'c': op_text = optarg; break;
        case 's': server = parse_host(optarg, "-s"); break;
        case 'n': calls = parse_count(optarg, "-n", 0, 1L << 40); break;
        case 'T': threads = parse_count(optarg, "-T", 1, 4096); break;
        case 'C': per_conn = parse_count(optarg, "-C", 1, 4096); break;
        case 'S': req_bytes = parse_count(optarg, "-S", 0, 0x7fffffff); break;
        case 'R': reply_bytes = parse_count(optarg, "-R", 0, 0x7fffffff); break;
        case 'b': bulk_bytes = parse_count(optarg, "-b", 0, 0x7fffffff); break;
        case 'r': job.rsize = (afs_int32)parse_count(optarg, "-r", 0, 0x7fffffff); break;
        case 'w': job.wsize = (afs_int32)parse_count(optarg, "-w", 0, 0x7fffffff); break;
        case 'x':
            level = parse_level(optarg);
            if (level < LEVEL_NULL)
                die("-x takes null, clear, auth or crypt");
            break;
        case 'k':
            if (parse_key(optarg, key) != 0)
                die("-k takes 16 hex digits or 'kernel'");
            break;
        case 'K': kvno = (int)parse_count(optarg, "-K", 0, 255); break;
        case 'F': parse_file_list(optarg); break;
        case 'L': label = optarg; break;
        case 't': watchdog = (double)parse_count(optarg, "-t", 0, 1L << 30); break;
        case 'h':
            printf("crxperf client: see README.md for the options\n");
            return 0;
        default: die("client: unknown option (crxperf -h for usage)");
        }
    }
    if (optind != argc)
        die("client: unexpected argument '%s'", argv[optind]);
    if (op_text == NULL)
        die("client: -c rpc|send|recv|file is required");
    if (strcmp(op_text, "rpc") == 0) {
        job.op = OP_RPC;
        job.send_len = req_bytes;
        job.recv_len = reply_bytes;
    } else if (strcmp(op_text, "send") == 0) {
        job.op = OP_SEND;
        job.send_len = bulk_bytes;
    } else if (strcmp(op_text, "recv") == 0) {
        job.op = OP_RECV;
        job.recv_len = bulk_bytes;
    } else if (strcmp(op_text, "file") == 0) {
        job.op = OP_FILE;
        if (job.file_words == NULL)
            die("client: -c file needs -F w,w,...");
    } else {
        die("client: -c takes rpc, send, recv or file");
    }
    if (calls < 0)
        calls = job.op == OP_RPC ? 1000 : 1;

    if (watchdog > 0) {
        static double limit;
        limit = watchdog;
        pthread_t dog;
        if (pthread_create(&dog, NULL, watchdog_main, &limit) != 0)
            die("cannot start the watchdog thread");
        pthread_detach(dog);
    }

    rx_setup(&tuning, 0);
    struct rx_securityClass *security = client_security(level, key, kvno, tuning.bind_host);
    int sec_index = level == LEVEL_NULL ? SEC_INDEX_NULL : SEC_INDEX_RXKAD;
    long nconns = (threads + per_conn - 1) / per_conn;
    struct rx_connection **conns = calloc((size_t)nconns, sizeof(*conns));
    struct worker *workers = calloc((size_t)threads, sizeof(*workers));
    if (conns == NULL || workers == NULL)
        die("out of memory");
    for (long i = 0; i < nconns; i++) {
        conns[i] = rx_NewConnection(server, htons((unsigned short)tuning.port), RXPERF_SERVICE,
                                    security, sec_index);
        if (conns[i] == NULL)
            die("rx_NewConnection failed");
    }

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, WORKER_STACK);
    pthread_barrier_init(&start_line, NULL, (unsigned)threads + 1);
    for (long i = 0; i < threads; i++) {
        workers[i].conn = conns[i / per_conn];
        workers[i].calls = calls / threads + (i < calls % threads);
        if (pthread_create(&workers[i].thread, &attr, worker_main, &workers[i]) != 0)
            die("cannot start thread %ld", i);
    }
    pthread_barrier_wait(&start_line);
    double start = now_seconds();
    for (long i = 0; i < threads; i++)
        pthread_join(workers[i].thread, NULL);
    double seconds = now_seconds() - start;

    long ok = 0, failed = 0;
    int64_t sent = 0, received = 0;
    double lat_sum = 0, lat_min = 0, lat_max = 0;
    afs_int32 error = 0;
    for (long i = 0; i < threads; i++) {
        struct worker *w = &workers[i];
        ok += w->ok;
        failed += w->failed;
        sent += w->sent;
        received += w->received;
        lat_sum += w->lat_sum;
        if (w->ok > 0 && (lat_min == 0 || w->lat_min < lat_min))
            lat_min = w->lat_min;
        if (w->lat_max > lat_max)
            lat_max = w->lat_max;
        if (error == 0)
            error = w->error;
    }
    double user, sys;
    cpu_times(&user, &sys);
    int64_t bytes = sent + received;
    double rate = seconds > 0 ? 1.0 / seconds : 0;
    printf("RESULT label=%s op=%s threads=%ld conns=%ld calls=%ld ok=%ld failed=%ld "
           "send_bytes=%lld recv_bytes=%lld bytes=%lld seconds=%.6f calls_per_s=%.1f "
           "MB_per_s=%.3f MiB_per_s=%.3f lat_avg_us=%.1f lat_min_us=%.1f lat_max_us=%.1f "
           "sec=%s window=%d jumbo=%d udpbuf=%d rsize=%d wsize=%d verify=%d cpu_user=%.3f "
           "cpu_sys=%.3f error=%d\n",
           label, op_name(job.op), threads, nconns, calls, ok, failed, (long long)sent,
           (long long)received, (long long)bytes, seconds, (double)ok * rate,
           (double)bytes * rate / 1e6, (double)bytes * rate / (1 << 20),
           ok > 0 ? lat_sum / (double)ok * 1e6 : 0.0, lat_min * 1e6, lat_max * 1e6,
           level_name(level), rx_GetMaxReceiveWindow(), !tuning.no_jumbo, rx_UdpBufSize,
           job.rsize, job.wsize, opt_verify, user, sys, error);
    if (opt_stats)
        print_rx_stats("client");
    fflush(stdout);
    /* Every call has ended (rx_EndCall sent any ACK it owed), so nothing is lost by
     * leaving without rx_Finalize, which would wait on the library's threads. */
    _exit(failed > 0 ? 1 : 0);
}
