/*
 * anonymous-krb5.c: a preload library that makes Kerberos 5 unavailable to OpenAFS tools.
 *
 * Debian's afsio (OpenAFS 1.8.9, built against Heimdal) looks for a Kerberos 5 ticket before
 * it falls back to anonymous (rxnull) calls.  When no credential cache exists it frees a
 * credentials structure that Heimdal's krb5_free_cred_contents cannot handle and crashes
 * before making any call.  With krb5_init_context failing, afsio takes its anonymous path at
 * once, which is what the test cell needs anyway.  afsio.sh builds and preloads this.
 */
int krb5_init_context(void **context)
{
    *context = 0;
    return -1765328188; /* KRB5_CONFIG_CANTOPEN: "can't open/find Kerberos configuration" */
}
