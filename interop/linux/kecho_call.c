/* kecho call: the checking client (see kecho.c for its usage). */
#include "kecho.h"

struct call {
	unsigned char *request, *reply;
	size_t size, got;
	int overflow, done, service;
	char end[48];
};

/* Seconds a call whose sendmsg failed with ECONNABORTED or ESHUTDOWN waits for its terminal
 * message (see one_call). */
#define SEND_ERROR_GRACE 5

static struct call *calls;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

static struct {
	const char *addr, *text;
	const char *session_key, *ticket, *rxgk;
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
		struct sockaddr_rxrpc from;
		struct received r;
		struct call *k;
		ssize_t n;
		memset(&from, 0, sizeof(from));
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
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
		if (msg.msg_namelen >= sizeof(from) && from.srx_family == AF_RXRPC)
			k->service = from.srx_service;
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
	char result[64], late[32] = "";
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
	if (rc == -ECONNABORTED || rc == -ESHUTDOWN) {
		/* The call ended while we were still sending.  Why (a remote abort code, say)
		 * comes to recvmsg as the call's terminal message: give it a moment. */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += SEND_ERROR_GRACE;
		while (!k->done && !pthread_cond_timedwait(&changed, &lock, &until))
			;
	}
	pthread_mutex_unlock(&lock);
	if (rc && k->done && k->end[0])
		snprintf(result, sizeof(result), "%s", k->end);
	else if (rc)
		snprintf(result, sizeof(result), "send-error=%d", -rc);
	else if (k->end[0])
		snprintf(result, sizeof(result), "%s", k->end);
	else if (k->overflow || k->got != k->size || memcmp(k->reply, k->request, k->size))
		snprintf(result, sizeof(result), "mismatch(got=%zu)", k->got);
	else
		snprintf(result, sizeof(result), "ok");
report:
	if (rc && strncmp(result, "send-error=", 11))
		snprintf(late, sizeof(late), " send-error=%d", -rc);
	say("KECHO call n=%d size=%zu result=%s ms=%.1f service=%d%s", number, k->size, result,
	    (now() - start) * 1000, k->service, late);
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

int call_main(int argc, char **argv)
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
	while ((opt = getopt(argc, argv, "a:p:s:z:n:c:t:A:m:l:K:T:V:E:G:UX")) != -1) {
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
		case 'G': cl.rxgk = optarg; break;
		case 'U': upgrade_calls = 1; break;
		case 'X': exclusive_calls = 1; break;
		default: fail("usage: kecho call -a ADDR [-p PORT] [-s SERVICE] [-z SIZE] "
			      "[-n CALLS] [-c CONCURRENT] [-t SECONDS] [-A CODE] [-m TEXT] [-U] [-X] "
			      "[-l LEVEL -K SESSIONKEYHEX -T TICKETHEX [-V KVNO] [-E EXPIRY]] "
			      "[-l LEVEL -G ENCTYPE:K0HEX:TOKENHEX [-E EXPIRY]]");
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
	if (cl.rxgk && (cl.session_key || cl.ticket))
		fail("-G (yfs-rxgk) and -K/-T (rxkad) exclude each other");
	if (cl.rxgk)
		client_rxgk_key(cl.fd, cl.level, cl.rxgk, cl.expiry);
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
