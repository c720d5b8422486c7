/*
 * kecho: an echo server and a checking client over the Linux kernel's AF_RXRPC sockets.
 *
 * It runs inside the test guest (interop/linux/guest.py links it statically and puts it in
 * the initramfs), so that the tests on the host can talk to the kernel's own Rx stack.
 *
 *   kecho serve [-p PORT] [-s SERVICE] [-b BACKLOG] [-k SERVERKEYHEX]
 *       Answers every call on SERVICE with its request.  A request that starts with
 *       "KECHO-ABORT " followed by a decimal number is aborted with that code instead.
 *       -k also accepts rxkad calls whose tickets are sealed with this 8-byte DES key (an
 *       "rxrpc_s" key named "SERVICE:2" in a keyring given to the socket); rxnull calls are
 *       still accepted.  One line per finished call on stdout:
 *         KECHO served id=N peer=ADDR:PORT service=S request=BYTES end=ack|abort=C|...
 *
 *   kecho call -a ADDR [-p PORT] [-s SERVICE] [-z SIZE] [-n CALLS] [-c CONCURRENT]
 *              [-t SECONDS] [-A CODE] [-m TEXT]
 *              [-l LEVEL -K SESSIONKEYHEX -T TICKETHEX [-V KVNO] [-E EXPIRY]]
 *       Makes CALLS calls of SIZE bytes (a pattern that differs per call), CONCURRENT at a
 *       time over one socket, and checks that each reply is the request.  -m sends TEXT as
 *       the request instead of the pattern.  -A sends half of the request and then aborts
 *       the call with CODE.  -t is the hard time limit of each call (default 60 s).
 *       -K/-T make the calls rxkad calls at LEVEL (0 clear, 1 auth, 2 crypt) with this
 *       session key and ticket (an "rxrpc" key in the version 1 format: kvno -V, default 1, and
 *       expiry -E in Unix seconds, default an hour from now).
 *       One line per call, then a summary:
 *         KECHO call n=K size=BYTES result=ok|mismatch|abort=C|local-abort=C|... ms=T
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
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/rxrpc.h>

#define CHUNK 65536
#define ABORT_PREFIX "KECHO-ABORT "

static void fail(const char *fmt, ...)
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
static void say(const char *fmt, ...)
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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int open_socket(void)
{
	int fd = socket(AF_RXRPC, SOCK_DGRAM, PF_INET);
	if (fd < 0)
		fail("socket(AF_RXRPC): %s", strerror(errno));
	return fd;
}

static void fill_address(struct sockaddr_rxrpc *srx, const char *addr, int port, int service)
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
static void server_key(int fd, int service, const char *keyhex)
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
static void client_key(int fd, int level, const char *sessionhex, const char *tickethex,
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

/* Control messages: room for a user call ID and one more small item. */
struct control {
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(unsigned long)) + CMSG_SPACE(16)];
	} u;
	size_t used;
};

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
static int send_on_call(int fd, unsigned long id, const struct sockaddr_rxrpc *target,
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
	if (type)
		control_add(&msg, &c, type, value, value_len);
	return sendmsg(fd, &msg, flags) < 0 ? -errno : 0;
}

/* Send `len` bytes in chunks; the last chunk ends the sending phase unless `more`. */
static int send_data(int fd, unsigned long id, const struct sockaddr_rxrpc *target,
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

/* What a received message says: the call, and how the call ended if it did. */
struct received {
	unsigned long id;
	int have_id;
	char end[48];
};

static void parse_control(struct msghdr *msg, struct received *r)
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

/* ------------------------------------------------------------------------------ server */

struct reply_job {
	int fd;
	unsigned long id;
	unsigned char *data;
	size_t len;
};

static void *send_reply(void *arg)
{
	struct reply_job *job = arg;
	int rc;
	size_t plen = strlen(ABORT_PREFIX);
	if (job->len > plen && job->len < plen + 16 && !memcmp(job->data, ABORT_PREFIX, plen)) {
		char text[16] = { 0 };
		uint32_t code;
		memcpy(text, job->data + plen, job->len - plen);
		code = (uint32_t)strtol(text, NULL, 10);
		rc = send_on_call(job->fd, job->id, NULL, NULL, 0, 0, RXRPC_ABORT, &code,
				  sizeof(code));
	} else {
		rc = send_data(job->fd, job->id, NULL, job->data, job->len, 0, 0, NULL, 0);
	}
	if (rc)
		say("KECHO reply id=%lu error=%d", job->id, -rc);
	free(job->data);
	free(job);
	return NULL;
}

#define SLOTS 1024
enum { FREE, CHARGED, RECEIVING, REPLYING };

struct slot {
	unsigned long id;
	int state;
	unsigned char *data;
	size_t len, cap;
	char peer[64];
};

static struct slot slots[SLOTS];
static unsigned long next_id = 1;

static void charge(int fd)
{
	unsigned long id = next_id++;
	struct slot *s = &slots[id % SLOTS];
	int rc;
	if (s->state != FREE)
		fail("more than %d calls at once", SLOTS);
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->state = CHARGED;
	rc = send_on_call(fd, id, NULL, NULL, 0, 0, RXRPC_CHARGE_ACCEPT, NULL, 0);
	if (rc)
		fail("charging the accept pool: %s", strerror(-rc));
}

static void append(struct slot *s, const unsigned char *data, size_t n)
{
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : CHUNK;
		while (cap < s->len + n)
			cap *= 2;
		s->data = realloc(s->data, cap);
		if (!s->data)
			fail("out of memory");
		s->cap = cap;
	}
	memcpy(s->data + s->len, data, n);
	s->len += n;
}

static void __attribute__((noreturn)) serve(int argc, char **argv)
{
	int port = 7777, service = 1234, backlog = 8, opt, fd;
	const char *keyhex = NULL;
	struct sockaddr_rxrpc srx;
	static unsigned char buf[CHUNK];
	while ((opt = getopt(argc, argv, "p:s:b:k:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 's': service = atoi(optarg); break;
		case 'b': backlog = atoi(optarg); break;
		case 'k': keyhex = optarg; break;
		default: fail("usage: kecho serve [-p PORT] [-s SERVICE] [-b BACKLOG] [-k KEYHEX]");
		}
	}
	fd = open_socket();
	if (keyhex)
		server_key(fd, service, keyhex);
	fill_address(&srx, "0.0.0.0", port, service);
	if (bind(fd, (struct sockaddr *)&srx, sizeof(srx)) < 0)
		fail("bind: %s", strerror(errno));
	if (listen(fd, backlog) < 0)
		fail("listen: %s", strerror(errno));
	for (int i = 0; i < backlog; i++)
		charge(fd);
	say("KECHO serving port=%d service=%d rxkad=%s", port, service, keyhex ? "yes" : "no");
	for (;;) {
		struct sockaddr_rxrpc from;
		struct control c;
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr msg = { 0 };
		struct received r;
		struct slot *s;
		ssize_t n;
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = c.u.buf;
		msg.msg_controllen = sizeof(c.u.buf);
		n = recvmsg(fd, &msg, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail("recvmsg: %s", strerror(errno));
		}
		parse_control(&msg, &r);
		if (!r.have_id)
			continue;
		s = &slots[r.id % SLOTS];
		if (s->state == FREE || s->id != r.id)
			continue;
		if (s->state == CHARGED) {
			char host[INET_ADDRSTRLEN] = "?";
			s->state = RECEIVING;
			if (msg.msg_namelen >= sizeof(from) && from.transport.family == AF_INET)
				inet_ntop(AF_INET, &from.transport.sin.sin_addr, host, sizeof(host));
			snprintf(s->peer, sizeof(s->peer), "%s:%d", host,
				 ntohs(from.transport.sin.sin_port));
			charge(fd);
		}
		if (s->state == RECEIVING && n > 0)
			append(s, buf, n);
		if (msg.msg_flags & MSG_EOR) {
			say("KECHO served id=%lu peer=%s service=%d request=%zu end=%s", s->id,
			    s->peer, service, s->len, r.end[0] ? r.end : "unknown");
			free(s->data);
			memset(s, 0, sizeof(*s));
			continue;
		}
		if (s->state == RECEIVING && !(msg.msg_flags & MSG_MORE)) {
			struct reply_job *job = malloc(sizeof(*job));
			pthread_t t;
			if (!job)
				fail("out of memory");
			job->fd = fd;
			job->id = s->id;
			job->data = s->data;
			job->len = s->len;
			s->data = NULL;
			s->cap = 0;
			s->state = REPLYING;
			if (pthread_create(&t, NULL, send_reply, job))
				fail("pthread_create failed");
			pthread_detach(t);
		}
	}
}

/* ------------------------------------------------------------------------------ client */

struct call {
	unsigned char *request, *reply;
	size_t size, got;
	int overflow, done;
	char end[48];
};

static struct call *calls;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

static struct {
	const char *addr, *text;
	const char *session_key, *ticket;
	int port, service, count, concurrency, abort_code, do_abort, level;
	uint32_t kvno, expiry;
	uint32_t hard_timeout;
	size_t size;
	int fd, next, ok, failed;
} cl;

static void *receive_replies(void *unused)
{
	static unsigned char buf[CHUNK];
	(void)unused;
	for (;;) {
		struct control c;
		struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
		struct msghdr msg = { 0 };
		struct received r;
		struct call *k;
		ssize_t n;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = c.u.buf;
		msg.msg_controllen = sizeof(c.u.buf);
		n = recvmsg(cl.fd, &msg, 0);
		if (n < 0) {
			/* With no call in progress, the kernel does not wait: it says EAGAIN. */
			if (errno == EAGAIN || errno == ENODATA) {
				usleep(2000);
				continue;
			}
			if (errno == EINTR)
				continue;
			fail("recvmsg: %s", strerror(errno));
		}
		parse_control(&msg, &r);
		if (!r.have_id || r.id < 1 || r.id > (unsigned long)cl.count)
			continue;
		k = &calls[r.id - 1];
		pthread_mutex_lock(&lock);
		if (n > 0) {
			if (k->got + n > k->size)
				k->overflow = 1;
			else
				memcpy(k->reply + k->got, buf, n);
			k->got += n;
		}
		if (msg.msg_flags & MSG_EOR) {
			snprintf(k->end, sizeof(k->end), "%s", r.end);
			k->done = 1;
			pthread_cond_broadcast(&changed);
		}
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void make_request(struct call *k, int number)
{
	k->request = malloc(k->size ? k->size : 1);
	k->reply = malloc(k->size ? k->size : 1);
	if (!k->request || !k->reply)
		fail("out of memory");
	if (cl.text)
		memcpy(k->request, cl.text, k->size);
	else
		for (size_t i = 0; i < k->size; i++)
			k->request[i] = (unsigned char)(i * 7 + (i >> 9) + number * 31);
}

static void one_call(int number)
{
	struct call *k = &calls[number - 1];
	struct sockaddr_rxrpc srx;
	char result[64];
	double start = now();
	size_t first = cl.do_abort ? k->size / 2 : k->size;
	int rc;
	fill_address(&srx, cl.addr, cl.port, cl.service);
	rc = send_data(cl.fd, number, &srx, k->request, first, cl.do_abort, RXRPC_SET_CALL_TIMEOUT,
		       &cl.hard_timeout, sizeof(cl.hard_timeout));
	if (!rc && cl.do_abort) {
		uint32_t code = cl.abort_code;
		rc = send_on_call(cl.fd, number, NULL, NULL, 0, 0, RXRPC_ABORT, &code, sizeof(code));
		if (!rc) {
			/* The call is over on our side, whatever the kernel tells recvmsg later. */
			snprintf(result, sizeof(result), "local-abort=%d", cl.abort_code);
			goto report;
		}
	}
	pthread_mutex_lock(&lock);
	while (!rc && !k->done)
		pthread_cond_wait(&changed, &lock);
	pthread_mutex_unlock(&lock);
	if (rc)
		snprintf(result, sizeof(result), "send-error=%d", -rc);
	else if (k->end[0])
		snprintf(result, sizeof(result), "%s", k->end);
	else if (k->overflow || k->got != k->size || memcmp(k->reply, k->request, k->size))
		snprintf(result, sizeof(result), "mismatch(got=%zu)", k->got);
	else
		snprintf(result, sizeof(result), "ok");
report:
	say("KECHO call n=%d size=%zu result=%s ms=%.1f", number, k->size, result,
	    (now() - start) * 1000);
	pthread_mutex_lock(&lock);
	if (!strcmp(result, "ok") || (cl.do_abort && !strncmp(result, "local-abort=", 12)))
		cl.ok++;
	else
		cl.failed++;
	pthread_mutex_unlock(&lock);
}

static void *call_worker(void *unused)
{
	(void)unused;
	for (;;) {
		int number;
		pthread_mutex_lock(&lock);
		number = cl.next <= cl.count ? cl.next++ : 0;
		pthread_mutex_unlock(&lock);
		if (!number)
			return NULL;
		one_call(number);
	}
}

static int call_main(int argc, char **argv)
{
	pthread_t receiver, workers[64];
	int opt;
	double start;
	cl.port = 7777;
	cl.service = 1234;
	cl.count = 1;
	cl.concurrency = 1;
	cl.hard_timeout = 60;
	cl.next = 1;
	cl.kvno = 1;
	cl.expiry = time(NULL) + 3600;
	while ((opt = getopt(argc, argv, "a:p:s:z:n:c:t:A:m:l:K:T:V:E:")) != -1) {
		switch (opt) {
		case 'a': cl.addr = optarg; break;
		case 'p': cl.port = atoi(optarg); break;
		case 's': cl.service = atoi(optarg); break;
		case 'z': cl.size = strtoul(optarg, NULL, 10); break;
		case 'n': cl.count = atoi(optarg); break;
		case 'c': cl.concurrency = atoi(optarg); break;
		case 't': cl.hard_timeout = strtoul(optarg, NULL, 10); break;
		case 'A': cl.abort_code = atoi(optarg); cl.do_abort = 1; break;
		case 'm': cl.text = optarg; break;
		case 'l': cl.level = atoi(optarg); break;
		case 'K': cl.session_key = optarg; break;
		case 'T': cl.ticket = optarg; break;
		case 'V': cl.kvno = strtoul(optarg, NULL, 10); break;
		case 'E': cl.expiry = strtoul(optarg, NULL, 10); break;
		default: fail("usage: kecho call -a ADDR [-p PORT] [-s SERVICE] [-z SIZE] "
			      "[-n CALLS] [-c CONCURRENT] [-t SECONDS] [-A CODE] [-m TEXT] "
			      "[-l LEVEL -K SESSIONKEYHEX -T TICKETHEX [-V KVNO] [-E EXPIRY]]");
		}
	}
	if (!cl.addr || cl.count < 1 || cl.concurrency < 1 || cl.concurrency > 64)
		fail("call needs -a ADDR, -n >= 1 and -c between 1 and 64");
	if (cl.text)
		cl.size = strlen(cl.text);
	calls = calloc(cl.count, sizeof(*calls));
	if (!calls)
		fail("out of memory");
	for (int i = 0; i < cl.count; i++) {
		calls[i].size = cl.size;
		make_request(&calls[i], i + 1);
	}
	cl.fd = open_socket();
	if (cl.session_key || cl.ticket) {
		if (!cl.session_key || !cl.ticket)
			fail("rxkad needs both -K and -T");
		client_key(cl.fd, cl.level, cl.session_key, cl.ticket, cl.kvno, cl.expiry);
	}
	if (pthread_create(&receiver, NULL, receive_replies, NULL))
		fail("pthread_create failed");
	start = now();
	if (cl.concurrency > cl.count)
		cl.concurrency = cl.count;
	for (int i = 0; i < cl.concurrency; i++)
		if (pthread_create(&workers[i], NULL, call_worker, NULL))
			fail("pthread_create failed");
	for (int i = 0; i < cl.concurrency; i++)
		pthread_join(workers[i], NULL);
	say("KECHO done ok=%d failed=%d seconds=%.3f", cl.ok, cl.failed, now() - start);
	return cl.failed ? 1 : 0;
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
