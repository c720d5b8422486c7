/*
 * Security: DES keys, levels, the client's forged rxkad ticket and the server's rxkad object.
 *
 * The client does what OpenAFS's -localauth does: it knows the server's DES key, so it
 * makes a Kerberos 4 style ticket itself with the library's tkt_MakeTicket (principal
 * "rxperf", empty instance and cell, for service "afs"), valid from a minute ago for eight
 * hours, around a fresh random session key.
 *
 * Both keys get odd parity: the DES key schedule that tkt_MakeTicket runs refuses keys
 * without it, and DES and fcrypt ignore the parity bits, so nothing changes on the wire.
 */
#include "crxperf.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <time.h>

#include <sys/random.h>

#include <rx/rxkad.h>

#define CLIENT_NAME "rxperf"
#define SERVICE_NAME "afs"
#define TICKET_LIFETIME (8 * 3600)
#define CLOCK_SLACK 60

int
parse_key(const char *text, unsigned char key[8])
{
    if (strcmp(text, "kernel") == 0)
        text = KERNEL_KEY;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        text += 2;
    if (strlen(text) != 16)
        return -1;
    for (int i = 0; i < 8; i++) {
        unsigned int hi = (unsigned char)text[2 * i], lo = (unsigned char)text[2 * i + 1];
        if (!isxdigit(hi) || !isxdigit(lo))
            return -1;
        hi = isdigit(hi) ? hi - '0' : (unsigned int)tolower(hi) - 'a' + 10;
        lo = isdigit(lo) ? lo - '0' : (unsigned int)tolower(lo) - 'a' + 10;
        key[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

static const char *const level_names[] = {"null", "clear", "auth", "crypt"};

int
parse_level(const char *text)
{
    for (int level = LEVEL_NULL; level <= rxkad_crypt; level++)
        if (strcmp(text, level_names[level + 1]) == 0)
            return level;
    return LEVEL_NULL - 1;
}

const char *
level_name(int level)
{
    return level >= LEVEL_NULL && level <= rxkad_crypt ? level_names[level + 1] : "?";
}

void
odd_parity(unsigned char key[8])
{
    for (int i = 0; i < 8; i++) {
        unsigned char b = key[i] & 0xfe;
        key[i] = b | (unsigned char)(__builtin_popcount(b) % 2 == 0);
    }
}

static void
random_bytes(void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t got = getrandom(p, len, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            die("getrandom: %s", strerror(errno));
        }
        p += got;
        len -= (size_t)got;
    }
}

struct rx_securityClass *
client_security(int level, const unsigned char key[8], int kvno, afs_uint32 client_host)
{
    if (level == LEVEL_NULL)
        return rxnull_NewClientSecurityObject();

    struct ktc_encryptionKey server_key, session_key;
    memcpy(server_key.data, key, 8);
    odd_parity((unsigned char *)server_key.data);
    random_bytes(session_key.data, 8);
    odd_parity((unsigned char *)session_key.data);

    char ticket[MAXKTCTICKETLEN];
    int ticket_len = 0;
    afs_uint32 start = (afs_uint32)time(NULL) - CLOCK_SLACK;
    int code = tkt_MakeTicket(ticket, &ticket_len, &server_key, CLIENT_NAME, "", "", start,
                              start + CLOCK_SLACK + TICKET_LIFETIME, &session_key,
                              client_host, SERVICE_NAME, "");
    if (code != 0)
        die("tkt_MakeTicket failed (%d)", code);
    struct rx_securityClass *sc =
        rxkad_NewClientSecurityObject((rxkad_level)level, &session_key, kvno, ticket_len,
                                      ticket);
    if (sc == NULL)
        die("rxkad_NewClientSecurityObject failed");
    return sc;
}

/* The server's key, and the one kvno it answers for (-1: any). */
static struct ktc_encryptionKey service_key;
static int service_kvno = -1;

static int
get_key(void *rock, int kvno, struct ktc_encryptionKey *key)
{
    (void)rock;
    if (service_kvno >= 0 && kvno != service_kvno)
        return RXKADUNKNOWNKEY;
    *key = service_key;
    return 0;
}

struct rx_securityClass *
server_rxkad(const unsigned char key[8], int kvno, int min_level)
{
    memcpy(service_key.data, key, 8);
    odd_parity((unsigned char *)service_key.data);
    service_kvno = kvno;
    struct rx_securityClass *sc =
        rxkad_NewServerSecurityObject((rxkad_level)min_level, NULL, get_key, NULL);
    if (sc == NULL)
        die("rxkad_NewServerSecurityObject failed");
    return sc;
}

int
call_level(struct rx_call *call)
{
    struct rx_connection *conn = rx_ConnectionOf(call);
    rxkad_level level;
    if (rx_SecurityClassOf(conn) != SEC_INDEX_RXKAD
        || rxkad_GetServerInfo(conn, &level, NULL, NULL, NULL, NULL, NULL) != 0)
        return LEVEL_NULL;
    return level;
}
