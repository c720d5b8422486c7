/*
 * kecho: an echo server and a checking client over the Linux kernel's AF_RXRPC sockets.
 *
 * It runs inside the test guest (interop/linux/guest.py links it statically and puts it in
 * the initramfs), so that the tests on the host can talk to the kernel's own Rx stack.
 *
 *   kecho serve [-p PORT] [-s SERVICE] [-S SERVICE2 [-U]] [-b BACKLOG] [-k SERVERKEYHEX]
 *       Answers every call on SERVICE (and SERVICE2, bound to the same socket) with its
 *       request.  -U lets a client upgrade from SERVICE to SERVICE2
 *       (RXRPC_UPGRADEABLE_SERVICE).  A request that starts with
 *       "KECHO-ABORT " followed by a decimal number is aborted with that code instead.
 *       -k also accepts rxkad calls whose tickets are sealed with this 8-byte DES key (an
 *       "rxrpc_s" key named "SERVICE:2" in a keyring given to the socket); rxnull calls are
 *       still accepted.  One line per finished call on stdout:
 *         KECHO served id=N peer=ADDR:PORT service=S request=BYTES end=ack|abort=C|...
 *
 *   kecho call -a ADDR [-p PORT] [-s SERVICE] [-z SIZE] [-n CALLS] [-c CONCURRENT]
 *              [-t SECONDS] [-A CODE] [-m TEXT] [-U] [-X]
 *              [-l LEVEL -K SESSIONKEYHEX -T TICKETHEX [-V KVNO] [-E EXPIRY]]
 *              [-l LEVEL -G ENCTYPE:K0HEX:TOKENHEX [-E EXPIRY]]
 *       Makes CALLS calls of SIZE bytes (a pattern that differs per call), CONCURRENT at a
 *       time over one socket, and checks that each reply is the request.  -m sends TEXT as
 *       the request instead of the pattern.  -A sends half of the request and then aborts
 *       the call with CODE.  -t is the hard time limit of each call (default 60 s).
 *       -K/-T make the calls rxkad calls at LEVEL (0 clear, 1 auth, 2 crypt) with this
 *       session key and ticket (an "rxrpc" key in the version 1 format: kvno -V, default 1, and
 *       expiry -E in Unix seconds, default an hour from now).  -G makes them yfs-rxgk calls
 *       instead, at LEVEL (the level of the token the kernel is given): K0 of Kerberos
 *       enctype ENCTYPE, and the sealed token container the server opens (an "rxrpc" key in
 *       the XDR token-list format, ending at -E).  -U asks for a service upgrade
 *       (RXRPC_UPGRADE_SERVICE) and -X for a connection of each call's own
 *       (RXRPC_EXCLUSIVE_CALL).  SERVICE2 is the service ID the reply came from (srx_service
 *       of recvmsg's address; it differs from SERVICE after an upgrade).
 *       One line per call, then a summary:
 *         KECHO call n=K size=BYTES result=ok|mismatch|abort=C|local-abort=C|... ms=T
 *             service=SERVICE2 [send-error=E]
 *       A call whose sendmsg fails with ECONNABORTED or ESHUTDOWN (it ended while the request
 *       was still going out) waits up to 5 s for its terminal message: the result is then
 *       how the call ended (abort=C, say), with send-error=E at the end of the line, or else
 *       result=send-error=E.
 *         KECHO done ok=N failed=M seconds=S
 *       The exit status is 0 when every call ended as asked (ok, or local-abort under -A).
 *
 * AF_RXRPC (Linux 6.x/7.x) facts this relies on: a server charges its accept pool with user
 * call IDs (sendmsg with RXRPC_USER_CALL_ID + RXRPC_CHARGE_ACCEPT, no data); a new call then
 * shows up as data carrying one of those IDs.  A recvmsg without MSG_MORE ends the received
 * data; MSG_EOR with a terminal control message (RXRPC_ACK, RXRPC_ABORT, RXRPC_NET_ERROR,
 * RXRPC_LOCAL_ERROR, RXRPC_BUSY) ends the call.  sendmsg with MSG_MORE leaves the sending
 * phase open; without it the last packet is marked LAST.
 */
#include "kecho.h"

int upgrade_calls, exclusive_calls;

void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("kecho: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* One line on stdout with a single write, so that lines of threads never interleave. */
void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int open_socket(void)
{
	int fd = socket(AF_RXRPC, SOCK_DGRAM, PF_INET);
	if (fd < 0)
		fail("socket(AF_RXRPC): %s", strerror(errno));
	return fd;
}

void fill_address(struct sockaddr_rxrpc *srx, const char *addr, int port, int service)
{
	memset(srx, 0, sizeof(*srx));
	srx->srx_family = AF_RXRPC;
	srx->srx_service = service;
	srx->transport_type = SOCK_DGRAM;
	srx->transport_len = sizeof(struct sockaddr_in);
	srx->transport.sin.sin_family = AF_INET;
	srx->transport.sin.sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &srx->transport.sin.sin_addr) != 1)
		fail("bad IPv4 address %s", addr);
}

/* ------------------------------------------------------------------------ rxkad keys */

#define KEYRING_PROCESS (-2) /* KEY_SPEC_PROCESS_KEYRING */

static int32_t add_key(const char *type, const char *description, const void *payload,
		       size_t len, int32_t keyring)
{
	long id = syscall(SYS_add_key, type, description, payload, len, keyring);
	if (id < 0)
		fail("add_key(%s, %s): %s", type, description, strerror(errno));
	return (int32_t)id;
}

static size_t from_hex(const char *text, unsigned char *out, size_t max)
{
	size_t n = strlen(text) / 2;
	if (strlen(text) % 2 || n > max)
		fail("bad hex value (%zu characters)", strlen(text));
	for (size_t i = 0; i < n; i++) {
		unsigned int byte;
		if (sscanf(text + 2 * i, "%2x", &byte) != 1)
			fail("bad hex value");
		out[i] = byte;
	}
	return n;
}

static void set_option(int fd, int option, const void *value, socklen_t len)
{
	if (setsockopt(fd, SOL_RXRPC, option, value, len) < 0)
		fail("setsockopt(%d): %s", option, strerror(errno));
}

/* A server socket also takes rxkad calls sealed with `keyhex` (before bind). */
void server_key(int fd, int service, const char *keyhex)
{
	static const char ring_name[] = "kecho-server";
	unsigned char key[8];
	char description[32];
	int32_t ring;
	if (from_hex(keyhex, key, sizeof(key)) != 8)
		fail("the server key is 8 bytes");
	ring = add_key("keyring", ring_name, NULL, 0, KEYRING_PROCESS);
	snprintf(description, sizeof(description), "%d:%d", service, RXRPC_SECURITY_RXKAD);
	add_key("rxrpc_s", description, key, sizeof(key), ring);
	set_option(fd, RXRPC_SECURITY_KEYRING, ring_name, strlen(ring_name));
}

/* A client socket makes rxkad calls with this ticket (before its first call). */
void client_key(int fd, int level, const char *sessionhex, const char *tickethex,
		       uint32_t kvno, uint32_t expiry)
{
	static const char name[] = "kecho-client";
	/* The "rxrpc" key type's payload: interface version 1, then the v1 key, in host order. */
	struct {
		uint32_t version;
		uint16_t security_index, ticket_length;
		uint32_t expiry, kvno;
		unsigned char session_key[8], ticket[4096];
	} __attribute__((packed)) v1;
	uint32_t min_level = level;
	memset(&v1, 0, sizeof(v1));
	v1.version = 1;
	v1.security_index = RXRPC_SECURITY_RXKAD;
	if (from_hex(sessionhex, v1.session_key, sizeof(v1.session_key)) != 8)
		fail("the session key is 8 bytes");
	v1.ticket_length = from_hex(tickethex, v1.ticket, sizeof(v1.ticket));
	v1.expiry = expiry;
	v1.kvno = kvno;
	add_key("rxrpc", name, &v1, offsetof(typeof(v1), ticket) + v1.ticket_length,
		KEYRING_PROCESS);
	set_option(fd, RXRPC_SECURITY_KEY, name, strlen(name));
	set_option(fd, RXRPC_MIN_SECURITY_LEVEL, &min_level, sizeof(min_level));
}

/* ------------------------------------------------------------------------ yfs-rxgk keys */

#define SECURITY_YFS_RXGK 6 /* RXRPC_SECURITY_YFS_RXGK (not in older linux/rxrpc.h) */
#define RXGK_KEY_MAX 64	    /* AFSTOKEN_GK_KEY_MAX */
#define PAYLOAD_MAX 16384   /* AFSTOKEN_LENGTH_MAX: the whole key payload */

struct xdr {
	unsigned char buf[PAYLOAD_MAX];
	size_t used;
};

static void xdr_bytes(struct xdr *x, const void *data, size_t len)
{
	size_t padded = (len + 3) & ~(size_t)3;
	if (x->used + padded > sizeof(x->buf))
		fail("the rxgk key payload is over %d bytes", PAYLOAD_MAX);
	memcpy(x->buf + x->used, data, len);
	memset(x->buf + x->used + len, 0, padded - len);
	x->used += padded;
}

static void xdr_u32(struct xdr *x, uint32_t value)
{
	uint32_t be = htonl(value);
	xdr_bytes(x, &be, 4);
}

static void xdr_s64(struct xdr *x, int64_t value)
{
	xdr_u32(x, (uint32_t)((uint64_t)value >> 32));
	xdr_u32(x, (uint32_t)value);
}

static void xdr_opaque(struct xdr *x, const void *data, size_t len)
{
	xdr_u32(x, len);
	xdr_bytes(x, data, len);
}

/*
 * A client socket makes yfs-rxgk calls with this token (before its first call).  `spec` is
 * ENCTYPE:K0HEX:TOKENHEX: K0's Kerberos enctype, K0, and the sealed token container the
 * server opens.  The connection runs at `level`, which the kernel takes from the key.
 *
 * The "rxrpc" key's payload is then the XDR token list: flags (0), a cell name<>, the number
 * of tokens (1), and each token as opaque<> holding the security index (6) followed by
 * begintime, endtime, level, lifetime, bytelife and enctype as 64-bit integers (times in
 * 100 ns units since 1970, endtime 0 for never; lifetime and bytelife 0 for no rekeying),
 * then key<> and ticket<>.
 */
void client_rxgk_key(int fd, int level, const char *spec, uint32_t expiry)
{
	static const char name[] = "kecho-client", cell[] = "kecho.test";
	static unsigned char k0[RXGK_KEY_MAX], ticket[PAYLOAD_MAX];
	static struct xdr payload, token;
	const int64_t units = 10000000; /* 100 ns units a second */
	char *copy = strdup(spec), *k0hex, *tickethex;
	unsigned long enctype;
	size_t k0_len, ticket_len;
	uint32_t min_level = level;
	if (!copy)
		fail("out of memory");
	k0hex = strchr(copy, ':');
	tickethex = k0hex ? strchr(k0hex + 1, ':') : NULL;
	if (!tickethex)
		fail("-G wants ENCTYPE:K0HEX:TOKENHEX");
	*k0hex++ = 0;
	*tickethex++ = 0;
	enctype = strtoul(copy, NULL, 10);
	k0_len = from_hex(k0hex, k0, sizeof(k0));
	ticket_len = from_hex(tickethex, ticket, sizeof(ticket));
	free(copy);

	token.used = 0;
	xdr_u32(&token, SECURITY_YFS_RXGK);
	xdr_s64(&token, (int64_t)time(NULL) * units);	/* begintime */
	xdr_s64(&token, (int64_t)expiry * units);	/* endtime */
	xdr_s64(&token, level);
	xdr_s64(&token, 0);				/* lifetime */
	xdr_s64(&token, 0);				/* bytelife */
	xdr_s64(&token, (int64_t)enctype);
	xdr_opaque(&token, k0, k0_len);
	xdr_opaque(&token, ticket, ticket_len);

	payload.used = 0;
	xdr_u32(&payload, 0);				/* flags */
	xdr_opaque(&payload, cell, strlen(cell));
	xdr_u32(&payload, 1);				/* one token */
	xdr_opaque(&payload, token.buf, token.used);
	add_key("rxrpc", name, payload.buf, payload.used, KEYRING_PROCESS);
	set_option(fd, RXRPC_SECURITY_KEY, name, strlen(name));
	set_option(fd, RXRPC_MIN_SECURITY_LEVEL, &min_level, sizeof(min_level));
}

static void control_add(struct msghdr *msg, struct control *c, int type, const void *data,
			size_t len)
{
	struct cmsghdr *cmsg = (struct cmsghdr *)(c->u.buf + c->used);
	cmsg->cmsg_level = SOL_RXRPC;
	cmsg->cmsg_type = type;
	cmsg->cmsg_len = CMSG_LEN(len);
	if (len)
		memcpy(CMSG_DATA(cmsg), data, len);
	c->used += CMSG_SPACE(len);
	msg->msg_control = c->u.buf;
	msg->msg_controllen = c->used;
}

/* sendmsg for call `id`: data (may be empty) and optionally one extra control message. */
int send_on_call(int fd, unsigned long id, const struct sockaddr_rxrpc *target,
			const void *data, size_t len, int flags, int type, const void *value,
			size_t value_len)
{
	struct control c = { .used = 0 };
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
	struct msghdr msg = { 0 };
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (target) {
		msg.msg_name = (void *)target;
		msg.msg_namelen = sizeof(*target);
	}
	control_add(&msg, &c, RXRPC_USER_CALL_ID, &id, sizeof(id));
	if (target && upgrade_calls)
		control_add(&msg, &c, RXRPC_UPGRADE_SERVICE, NULL, 0);
	if (target && exclusive_calls)
		control_add(&msg, &c, RXRPC_EXCLUSIVE_CALL, NULL, 0);
	if (type)
		control_add(&msg, &c, type, value, value_len);
	return sendmsg(fd, &msg, flags) < 0 ? -errno : 0;
}

/* Send `len` bytes in chunks; the last chunk ends the sending phase unless `more`. */
int send_data(int fd, unsigned long id, const struct sockaddr_rxrpc *target,
		     const unsigned char *data, size_t len, int more, int extra_type,
		     const void *extra, size_t extra_len)
{
	size_t off = 0;
	do {
		size_t n = len - off > CHUNK ? CHUNK : len - off;
		int last = off + n == len;
		int rc = send_on_call(fd, id, off == 0 ? target : NULL, data + off, n,
				      last && !more ? 0 : MSG_MORE,
				      off == 0 ? extra_type : 0, extra, extra_len);
		if (rc)
			return rc;
		off += n;
	} while (off < len);
	return 0;
}

void parse_control(struct msghdr *msg, struct received *r)
{
	struct cmsghdr *cmsg;
	r->have_id = 0;
	r->end[0] = 0;
	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg)) {
		uint32_t v = 0;
		if (cmsg->cmsg_level != SOL_RXRPC)
			continue;
		if (cmsg->cmsg_len >= CMSG_LEN(sizeof(uint32_t)))
			memcpy(&v, CMSG_DATA(cmsg), sizeof(v));
		switch (cmsg->cmsg_type) {
		case RXRPC_USER_CALL_ID:
			memcpy(&r->id, CMSG_DATA(cmsg), sizeof(r->id));
			r->have_id = 1;
			break;
		case RXRPC_ACK:
			snprintf(r->end, sizeof(r->end), "ack");
			break;
		case RXRPC_ABORT:
			snprintf(r->end, sizeof(r->end), "abort=%d", (int32_t)v);
			break;
		case RXRPC_NET_ERROR:
			snprintf(r->end, sizeof(r->end), "net-error=%u", v);
			break;
		case RXRPC_LOCAL_ERROR:
			snprintf(r->end, sizeof(r->end), "local-error=%u", v);
			break;
		case RXRPC_BUSY:
			snprintf(r->end, sizeof(r->end), "busy");
			break;
		}
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "serve"))
		serve(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "call"))
		return call_main(argc - 1, argv + 1);
	fail("usage: kecho serve ... | kecho call ... (see the comment at the top of kecho.c)");
	return 2;
}
