/* kecho: declarations shared by kecho.c, kecho_serve.c and kecho_call.c (usage in kecho.c). */
#ifndef KECHO_H
#define KECHO_H
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

/* Control messages: room for a user call ID, one more small item and two flags. */
struct control {
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(unsigned long)) + CMSG_SPACE(16) + 2 * CMSG_SPACE(0)];
	} u;
	size_t used;
};

/* What a received message says: the call, and how the call ended if it did. */
struct received {
	unsigned long id;
	int have_id;
	char end[48];
};

/* kecho call -U / -X: flag control messages added to the first sendmsg of each call. */
extern int upgrade_calls, exclusive_calls;

void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double now(void);
int open_socket(void);
void fill_address(struct sockaddr_rxrpc *srx, const char *addr, int port, int service);
void server_key(int fd, int service, const char *keyhex);
void client_key(int fd, int level, const char *sessionhex, const char *tickethex, uint32_t kvno,
		uint32_t expiry);
void client_rxgk_key(int fd, int level, const char *spec, uint32_t expiry);
int send_on_call(int fd, unsigned long id, const struct sockaddr_rxrpc *target, const void *data,
		 size_t len, int flags, int type, const void *value, size_t value_len);
int send_data(int fd, unsigned long id, const struct sockaddr_rxrpc *target,
	      const unsigned char *data, size_t len, int more, int extra_type, const void *extra,
	      size_t extra_len);
void parse_control(struct msghdr *msg, struct received *r);
void serve(int argc, char **argv) __attribute__((noreturn));
int call_main(int argc, char **argv);

#endif
