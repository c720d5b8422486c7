/*
 * crxperf: an rxperf peer (client and server) on OpenAFS's user-space Rx library.
 *
 * Declarations shared by the source files:
 *   crxperf.c   command line, Rx set-up, the output lines, main()
 *   client.c    the client: threads, connections, one function per operation
 *   server.c    the service procedure and the server's counters
 *   stream.c    reading and writing call data (payload pattern, zero-copy I/O)
 *   security.c  DES keys, the forged rxkad ticket, security objects
 */
#ifndef CRXPERF_H
#define CRXPERF_H

#include <afs/param.h>

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include <rx/rx.h>

/* ---------------------------------------------------------------- the protocol */

#define RXPERF_PORT 7009
#define RXPERF_SERVICE 147
#define RXPERF_VERSION 3
#define RXPERF_COOKIE 0x00004711u

enum rxperf_op { OP_SEND = 0, OP_RECV = 1, OP_RPC = 3, OP_FILE = 4 };

#define CHUNK_MAX (512 * 1024)  /* the largest rsize/wsize an OpenAFS server takes */
#define FILE_WORDS_MAX (1 << 20) /* longest FILE list either side accepts */
#define SMALL_WRITE (16 * 1024)  /* payloads up to this are copied with rx_Write */

/* Security indexes of the service, and the level that stands for rxnull. */
#define SEC_INDEX_NULL 0
#define SEC_INDEX_RXKAD 2
#define LEVEL_NULL (-1)

/* ---------------------------------------------------------------- options */

/* Options that shape the Rx library, taken by both sides. */
struct rx_tuning {
    afs_uint32 bind_host; /* network byte order */
    int port;             /* host byte order */
    int udp_kib;          /* 0: library default */
    int window;           /* 0: library default */
    int no_jumbo;
    int mtu;              /* 0: library default */
    int peer_timeout_ms;  /* 0: library default */
};

extern int opt_verify; /* -V: payloads carry the pattern, received ones are checked */
extern int opt_quiet;  /* -q: no READY line, no per-call notes on stderr */
extern int opt_stats;  /* -D: print an RXSTATS line at the end */

/* crxperf.c */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double now_seconds(void);
long parse_count(const char *text, const char *what, long min, long max);
afs_uint32 parse_host(const char *text, const char *what);
int common_option(int opt, const char *arg, struct rx_tuning *tuning);
void rx_setup(const struct rx_tuning *tuning, int port);
void print_rx_stats(const char *side);
void cpu_times(double *user, double *sys);
const char *op_name(int op);

/* client.c / server.c: each takes the arguments after its subcommand */
int client_main(int argc, char **argv);
int server_main(int argc, char **argv);

/* stream.c: payloads ("patterned": follows -V; FILE payloads are never patterned) */
void payload_init(void);
void payload_fill(char *dst, size_t len, int64_t offset, int patterned);
int payload_check(const char *src, size_t len, int64_t offset, int patterned);

/* stream.c: writing */
int write_bytes(struct rx_call *call, const void *buf, size_t len);
int write_words(struct rx_call *call, const afs_int32 *host_words, int count);
int write_payload(struct rx_call *call, int64_t len, int patterned);

/* stream.c: reading one phase of a call through rx_Readv */
struct reader {
    struct rx_call *call;
    struct iovec iov[RX_MAXIOVECS];
    int nio;
    int next;
    const char *pos;
    size_t left;
    int ended;
};

enum { READ_OK = 1, READ_ENDED = 0, READ_MISMATCH = -1 };

void reader_init(struct reader *r, struct rx_call *call);
int reader_bytes(struct reader *r, void *buf, size_t len);
int reader_word(struct reader *r, afs_int32 *value);
int reader_payload(struct reader *r, int64_t len, int patterned);
int reader_at_end(struct reader *r);
void reader_drain(struct reader *r);

/* security.c */
int parse_key(const char *text, unsigned char key[8]);
int parse_level(const char *text);
const char *level_name(int level);
void odd_parity(unsigned char key[8]);
struct rx_securityClass *client_security(int level, const unsigned char key[8], int kvno,
                                         afs_uint32 client_host);
struct rx_securityClass *server_rxkad(const unsigned char key[8], int kvno, int min_level);
int call_level(struct rx_call *call);

#define KERNEL_KEY "a7838acbc783ec94"

#endif
