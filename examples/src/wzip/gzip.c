/* The gzip (RFC 1952) and zlib (RFC 1950) containers around a DEFLATE stream. */
#include "wzip.h"

#include <string.h>

void gzip_wrap(const uint8_t *in, size_t n, int level, const char *name, Buf *out) {
    buf_byte(out, 0x1f);
    buf_byte(out, 0x8b);
    buf_byte(out, 8);                    /* CM: deflate */
    buf_byte(out, name ? 0x08 : 0);      /* FLG: FNAME */
    buf_u32(out, 0);                     /* MTIME: none, so output is reproducible */
    buf_byte(out, level >= 9 ? 2 : level <= 1 ? 4 : 0);
    buf_byte(out, 3);                    /* OS: Unix */
    if (name) {
        buf_put(out, name, strlen(name) + 1);
    }
    DeflateParams params = deflate_params(level);
    DeflateStats stats = {0};
    deflate_compress(in, n, &params, out, &stats);
    buf_u32(out, crc32_update(0, in, n));
    buf_u32(out, (uint32_t)n);
}

int gzip_unwrap(const uint8_t *in, size_t n, Buf *out, char *name, size_t name_cap) {
    if (n < 18 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8) {
        return -100;
    }
    int flags = in[3];
    size_t pos = 10;
    if (flags & 0x04) { /* FEXTRA */
        if (pos + 2 > n) {
            return -101;
        }
        pos += 2 + get_u16(in + pos);
    }
    if (name && name_cap) {
        name[0] = 0;
    }
    if (flags & 0x08) { /* FNAME */
        size_t start = pos;
        while (pos < n && in[pos]) {
            pos++;
        }
        if (name && name_cap) {
            size_t len = pos - start < name_cap - 1 ? pos - start : name_cap - 1;
            memcpy(name, in + start, len);
            name[len] = 0;
        }
        pos++;
    }
    if (flags & 0x10) { /* FCOMMENT */
        while (pos < n && in[pos]) {
            pos++;
        }
        pos++;
    }
    if (flags & 0x02) { /* FHCRC */
        pos += 2;
    }
    if (pos >= n) {
        return -101;
    }
    size_t used = 0;
    size_t before = out->len;
    int rc = inflate_decompress(in + pos, n - pos, out, &used);
    if (rc != 0) {
        return rc;
    }
    pos += used;
    if (pos + 8 > n) {
        return -102;
    }
    uint32_t crc = get_u32(in + pos), size = get_u32(in + pos + 4);
    if (crc != crc32_update(0, out->data + before, out->len - before)) {
        return -103;
    }
    if (size != (uint32_t)(out->len - before)) {
        return -104;
    }
    return 0;
}

void zlib_wrap(const uint8_t *in, size_t n, int level, Buf *out) {
    int flevel = level >= 7 ? 3 : level >= 6 ? 2 : level >= 2 ? 1 : 0;
    uint32_t header = 0x78u << 8 | (uint32_t)flevel << 6;
    header += 31 - header % 31; /* FCHECK: the header is a multiple of 31 */
    buf_byte(out, (uint8_t)(header >> 8));
    buf_byte(out, (uint8_t)header);
    DeflateParams params = deflate_params(level);
    DeflateStats stats = {0};
    deflate_compress(in, n, &params, out, &stats);
    uint32_t adler = adler32_update(1, in, n);
    buf_byte(out, (uint8_t)(adler >> 24));
    buf_byte(out, (uint8_t)(adler >> 16));
    buf_byte(out, (uint8_t)(adler >> 8));
    buf_byte(out, (uint8_t)adler);
}

int zlib_unwrap(const uint8_t *in, size_t n, Buf *out) {
    if (n < 6 || (in[0] & 0x0f) != 8 || ((uint32_t)in[0] << 8 | in[1]) % 31 != 0 || (in[1] & 0x20)) {
        return -110;
    }
    size_t used = 0, before = out->len;
    int rc = inflate_decompress(in + 2, n - 2, out, &used);
    if (rc != 0) {
        return rc;
    }
    if (2 + used + 4 > n) {
        return -111;
    }
    const uint8_t *t = in + 2 + used;
    uint32_t want = (uint32_t)t[0] << 24 | (uint32_t)t[1] << 16 | (uint32_t)t[2] << 8 | t[3];
    if (want != adler32_update(1, out->data + before, out->len - before)) {
        return -112;
    }
    return 0;
}
