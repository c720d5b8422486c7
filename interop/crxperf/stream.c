/*
 * Call data: the payload bytes, writing them, and reading one phase of a call.
 *
 * Payloads are zeros, or with -V a pattern: the byte at payload offset i is i % 251,
 * counted from 0 in each direction of each call (FILE payloads are always zeros).
 *
 * Bulk data goes through the library's zero-copy calls: rx_WritevAlloc hands out room in
 * packet buffers that we fill in place and rx_WritevProc queues up to RX_MAXIOVECS packets
 * at once, so the library transmits them together (as jumbograms where it can) instead of
 * one by one as rx_Write does.  rx_Readv lends us the received packet buffers and wakes the
 * reader once per RX_MAXIOVECS buffers rather than once per arriving datagram.
 */
#include "crxperf.h"

#include <string.h>

#include <arpa/inet.h>

#define PERIOD 251
#define SPAN (64 * 1024)

/* One period more than SPAN, so any SPAN bytes of the pattern start somewhere in here. */
static char pattern[PERIOD + SPAN];
static const char zeros[SPAN];

/* rx_Readv stops at this many bytes or RX_MAXIOVECS buffers, whichever comes first. */
#define READV_BYTES (1 << 30)

/* Bytes of a bulk payload written with rx_Write before the rx_Writev loop. */
#define HEAD_WRITE 1024

void
payload_init(void)
{
    for (size_t i = 0; i < sizeof(pattern); i++)
        pattern[i] = (char)(i % PERIOD);
}

/* The SPAN bytes of payload starting at offset (zeros unless -V and patterned). */
static const char *
payload_at(int64_t offset, int patterned)
{
    return patterned && opt_verify ? pattern + offset % PERIOD : zeros;
}

void
payload_fill(char *dst, size_t len, int64_t offset, int patterned)
{
    if (!(patterned && opt_verify)) {
        memset(dst, 0, len);
        return;
    }
    while (len > 0) {
        size_t piece = len < SPAN ? len : SPAN;
        memcpy(dst, payload_at(offset, 1), piece);
        dst += piece;
        offset += piece;
        len -= piece;
    }
}

int
payload_check(const char *src, size_t len, int64_t offset, int patterned)
{
    if (!(patterned && opt_verify))
        return 1;
    while (len > 0) {
        size_t piece = len < SPAN ? len : SPAN;
        if (memcmp(src, payload_at(offset, 1), piece) != 0)
            return 0;
        src += piece;
        offset += piece;
        len -= piece;
    }
    return 1;
}

/* ---------------------------------------------------------------- writing */

int
write_bytes(struct rx_call *call, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        int piece = len > CHUNK_MAX ? CHUNK_MAX : (int)len;
        if (rx_Write(call, (char *)p, piece) != piece)
            return -1;
        p += piece;
        len -= piece;
    }
    return 0;
}

int
write_words(struct rx_call *call, const afs_int32 *host_words, int count)
{
    afs_int32 wire[8];
    for (int i = 0; i < count; i++)
        wire[i] = (afs_int32)htonl((afs_uint32)host_words[i]);
    return write_bytes(call, wire, (size_t)count * sizeof(wire[0]));
}

int
write_payload(struct rx_call *call, int64_t len, int patterned)
{
    if (len <= SMALL_WRITE)
        return write_bytes(call, payload_at(0, patterned), (size_t)len);
    /* rx_WritevProc carries on from the packet the call is filling and refuses to start
     * without one, so the first bytes go through rx_Write, which makes that packet. */
    if (write_bytes(call, payload_at(0, patterned), HEAD_WRITE) != 0)
        return -1;

    struct iovec iov[RX_MAXIOVECS];
    int64_t done = HEAD_WRITE;
    while (done < len) {
        int want = len - done > CHUNK_MAX ? CHUNK_MAX : (int)(len - done);
        int nio = 0;
        int got = rx_WritevAlloc(call, iov, &nio, RX_MAXIOVECS, want);
        if (got <= 0)
            return -1;
        int64_t at = done;
        for (int i = 0; i < nio; i++) {
            payload_fill(iov[i].iov_base, iov[i].iov_len, at, patterned);
            at += iov[i].iov_len;
        }
        if (rx_Writev(call, iov, nio, got) != got)
            return -1;
        done += got;
    }
    return 0;
}

/* ---------------------------------------------------------------- reading */

void
reader_init(struct reader *r, struct rx_call *call)
{
    memset(r, 0, sizeof(*r));
    r->call = call;
}

/* Make r->left non-zero; 0 once the phase has ended (or the call failed). */
static int
reader_fill(struct reader *r)
{
    while (r->left == 0) {
        if (r->ended)
            return 0;
        if (r->next < r->nio) {
            r->pos = r->iov[r->next].iov_base;
            r->left = r->iov[r->next].iov_len;
            r->next++;
            continue;
        }
        r->nio = 0;
        r->next = 0;
        if (rx_Readv(r->call, r->iov, &r->nio, RX_MAXIOVECS, READV_BYTES) <= 0 || r->nio == 0) {
            r->nio = 0;
            r->ended = 1;
        }
    }
    return 1;
}

int
reader_bytes(struct reader *r, void *buf, size_t len)
{
    char *out = buf;
    while (len > 0) {
        if (!reader_fill(r))
            return READ_ENDED;
        size_t take = len < r->left ? len : r->left;
        memcpy(out, r->pos, take);
        out += take;
        r->pos += take;
        r->left -= take;
        len -= take;
    }
    return READ_OK;
}

int
reader_word(struct reader *r, afs_int32 *value)
{
    afs_uint32 wire;
    int got = reader_bytes(r, &wire, sizeof(wire));
    if (got == READ_OK)
        *value = (afs_int32)ntohl(wire);
    return got;
}

int
reader_payload(struct reader *r, int64_t len, int patterned)
{
    int64_t offset = 0;
    while (offset < len) {
        if (!reader_fill(r))
            return READ_ENDED;
        size_t take = (int64_t)r->left < len - offset ? r->left : (size_t)(len - offset);
        if (!payload_check(r->pos, take, offset, patterned))
            return READ_MISMATCH;
        r->pos += take;
        r->left -= take;
        offset += take;
    }
    return READ_OK;
}

int
reader_at_end(struct reader *r)
{
    return !reader_fill(r);
}

void
reader_drain(struct reader *r)
{
    while (reader_fill(r))
        r->left = 0;
}
