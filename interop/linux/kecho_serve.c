/* kecho serve: the echo server (see kecho.c for its usage). */
#include "kecho.h"

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

void serve(int argc, char **argv)
{
	int port = 7777, service = 1234, service2 = 0, upgrade = 0, backlog = 8, opt, fd;
	const char *keyhex = NULL;
	struct sockaddr_rxrpc srx;
	static unsigned char buf[CHUNK];
	while ((opt = getopt(argc, argv, "p:s:S:Ub:k:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 's': service = atoi(optarg); break;
		case 'S': service2 = atoi(optarg); break;
		case 'U': upgrade = 1; break;
		case 'b': backlog = atoi(optarg); break;
		case 'k': keyhex = optarg; break;
		default: fail("usage: kecho serve [-p PORT] [-s SERVICE] [-S SERVICE2 [-U]] "
			      "[-b BACKLOG] [-k KEYHEX]");
		}
	}
	fd = open_socket();
	if (keyhex)
		server_key(fd, service, keyhex);
	fill_address(&srx, "0.0.0.0", port, service);
	if (bind(fd, (struct sockaddr *)&srx, sizeof(srx)) < 0)
		fail("bind: %s", strerror(errno));
	if (service2) {
		/* A second bind adds a second service to the same socket. */
		srx.srx_service = service2;
		if (bind(fd, (struct sockaddr *)&srx, sizeof(srx)) < 0)
			fail("bind (second service): %s", strerror(errno));
	}
	if (upgrade) {
		uint16_t rule[2] = { service, service2 };
		if (!service2)
			fail("-U needs -S");
		if (setsockopt(fd, SOL_RXRPC, RXRPC_UPGRADEABLE_SERVICE, rule, sizeof(rule)) < 0)
			fail("setsockopt(RXRPC_UPGRADEABLE_SERVICE): %s", strerror(errno));
	}
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
