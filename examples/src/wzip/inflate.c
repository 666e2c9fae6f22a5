/* An RFC 1951 DEFLATE decompressor: canonical Huffman decoding by code length
 * counts (one bit at a time, the way the RFC describes it), with every malformed
 * input reported rather than trusted. */
#include "wzip.h"

#include <stdlib.h>
#include <string.h>

#define MAXBITS 15
#define MAXLCODES 286
#define MAXDCODES 30
#define MAXCODES (MAXLCODES + MAXDCODES)
#define FIXLCODES 288

enum {
    ERR_INPUT_END = -1,
    ERR_BLOCK_TYPE = -2,
    ERR_STORED_LENGTH = -3,
    ERR_TOO_MANY_LENGTHS = -4,
    ERR_CODE_LENGTHS = -5,
    ERR_REPEAT_FIRST = -6,
    ERR_REPEAT_TOO_LONG = -7,
    ERR_LITLEN_CODE = -8,
    ERR_DIST_CODE = -9,
    ERR_NO_END_CODE = -10,
    ERR_BAD_SYMBOL = -11,
    ERR_DIST_TOO_FAR = -12,
};

const char *inflate_error(int code) {
    switch (code) {
    case ERR_INPUT_END: return "input ended inside the stream";
    case ERR_BLOCK_TYPE: return "invalid block type";
    case ERR_STORED_LENGTH: return "stored block length does not match its complement";
    case ERR_TOO_MANY_LENGTHS: return "too many length or distance codes";
    case ERR_CODE_LENGTHS: return "invalid code lengths code";
    case ERR_REPEAT_FIRST: return "repeat of no previous length";
    case ERR_REPEAT_TOO_LONG: return "repeat past the last length";
    case ERR_LITLEN_CODE: return "invalid literal/length code";
    case ERR_DIST_CODE: return "invalid distance code";
    case ERR_NO_END_CODE: return "no end-of-block code";
    case ERR_BAD_SYMBOL: return "invalid symbol";
    case ERR_DIST_TOO_FAR: return "distance too far back";
    default: return code < 0 ? "unknown error" : "ok";
    }
}

typedef struct {
    const uint8_t *in;
    size_t n;
    size_t pos;
    uint32_t bitbuf;
    int bitcnt;
    Buf *out;
    int eof; /* set once a read ran past the input; checked at each symbol */
} State;

static int bits(State *s, int need) {
    uint32_t val = s->bitbuf;
    while (s->bitcnt < need) {
        if (s->pos == s->n) {
            /* Out of input: read zeros and let the caller notice the flag. */
            s->eof = 1;
            s->bitbuf = 0;
            s->bitcnt = 0;
            return 0;
        }
        val |= (uint32_t)s->in[s->pos++] << s->bitcnt;
        s->bitcnt += 8;
    }
    s->bitbuf = val >> need;
    s->bitcnt -= need;
    return (int)(val & ((1u << need) - 1));
}

typedef struct {
    short count[MAXBITS + 1];
    short symbol[FIXLCODES];
} Huffman;

static int decode(State *s, const Huffman *h) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= MAXBITS; len++) {
        code |= bits(s, 1);
        int count = h->count[len];
        if (code - count < first) {
            return h->symbol[index + (code - first)];
        }
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    return ERR_BAD_SYMBOL;
}

/* Returns 0 for a complete code, > 0 for an incomplete one, < 0 if oversubscribed. */
static int construct(Huffman *h, const short *length, int n) {
    for (int len = 0; len <= MAXBITS; len++) {
        h->count[len] = 0;
    }
    for (int symbol = 0; symbol < n; symbol++) {
        h->count[length[symbol]]++;
    }
    if (h->count[0] == n) {
        return 0;
    }
    int left = 1;
    for (int len = 1; len <= MAXBITS; len++) {
        left <<= 1;
        left -= h->count[len];
        if (left < 0) {
            return left;
        }
    }
    short offs[MAXBITS + 1];
    offs[1] = 0;
    for (int len = 1; len < MAXBITS; len++) {
        offs[len + 1] = (short)(offs[len] + h->count[len]);
    }
    for (int symbol = 0; symbol < n; symbol++) {
        if (length[symbol] != 0) {
            h->symbol[offs[length[symbol]]++] = (short)symbol;
        }
    }
    return left;
}

static const short LBASE[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const short LEXT[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const short DBASE[30] = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,    33,   49,   65,   97,   129,
                                193,  257,  385,  513,  769,  1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const short DEXT[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static int codes(State *s, const Huffman *lencode, const Huffman *distcode) {
    int symbol;
    do {
        symbol = decode(s, lencode);
        if (s->eof) {
            return ERR_INPUT_END;
        }
        if (symbol < 0) {
            return symbol;
        }
        if (symbol < 256) {
            buf_byte(s->out, (uint8_t)symbol);
        } else if (symbol > 256) {
            symbol -= 257;
            if (symbol >= 29) {
                return ERR_LITLEN_CODE;
            }
            int len = LBASE[symbol] + bits(s, LEXT[symbol]);
            symbol = decode(s, distcode);
            if (symbol < 0) {
                return symbol;
            }
            if (symbol >= 30) {
                return ERR_DIST_CODE;
            }
            size_t dist = (size_t)DBASE[symbol] + (size_t)bits(s, DEXT[symbol]);
            if (s->eof) {
                return ERR_INPUT_END;
            }
            if (dist > s->out->len) {
                return ERR_DIST_TOO_FAR;
            }
            /* Byte by byte: the source may overlap what is being written. */
            buf_reserve(s->out, (size_t)len);
            uint8_t *dst = s->out->data + s->out->len;
            const uint8_t *src = dst - dist;
            for (int i = 0; i < len; i++) {
                dst[i] = src[i];
            }
            s->out->len += (size_t)len;
        }
    } while (symbol != 256);
    return 0;
}

static int stored(State *s) {
    s->bitbuf = 0;
    s->bitcnt = 0;
    if (s->pos + 4 > s->n) {
        return ERR_INPUT_END;
    }
    unsigned len = get_u16(s->in + s->pos);
    unsigned nlen = get_u16(s->in + s->pos + 2);
    s->pos += 4;
    if (len != (~nlen & 0xffff)) {
        return ERR_STORED_LENGTH;
    }
    if (s->pos + len > s->n) {
        return ERR_INPUT_END;
    }
    buf_put(s->out, s->in + s->pos, len);
    s->pos += len;
    return 0;
}

static int fixed(State *s) {
    static Huffman lencode, distcode;
    static int ready;
    if (!ready) {
        short lengths[FIXLCODES];
        int symbol = 0;
        for (; symbol < 144; symbol++) lengths[symbol] = 8;
        for (; symbol < 256; symbol++) lengths[symbol] = 9;
        for (; symbol < 280; symbol++) lengths[symbol] = 7;
        for (; symbol < FIXLCODES; symbol++) lengths[symbol] = 8;
        construct(&lencode, lengths, FIXLCODES);
        for (symbol = 0; symbol < MAXDCODES; symbol++) lengths[symbol] = 5;
        construct(&distcode, lengths, MAXDCODES);
        ready = 1;
    }
    return codes(s, &lencode, &distcode);
}

static int dynamic(State *s) {
    static const short order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    short lengths[MAXCODES];
    Huffman lencode, distcode;
    int nlen = bits(s, 5) + 257;
    int ndist = bits(s, 5) + 1;
    int ncode = bits(s, 4) + 4;
    if (s->eof) {
        return ERR_INPUT_END;
    }
    if (nlen > MAXLCODES || ndist > MAXDCODES) {
        return ERR_TOO_MANY_LENGTHS;
    }
    int index;
    for (index = 0; index < ncode; index++) {
        lengths[order[index]] = (short)bits(s, 3);
    }
    for (; index < 19; index++) {
        lengths[order[index]] = 0;
    }
    if (s->eof) {
        return ERR_INPUT_END;
    }
    if (construct(&lencode, lengths, 19) != 0) {
        return ERR_CODE_LENGTHS;
    }
    index = 0;
    while (index < nlen + ndist) {
        int symbol = decode(s, &lencode);
        if (s->eof) {
            return ERR_INPUT_END;
        }
        if (symbol < 0) {
            return symbol;
        }
        if (symbol < 16) {
            lengths[index++] = (short)symbol;
        } else {
            int len = 0;
            if (symbol == 16) {
                if (index == 0) {
                    return ERR_REPEAT_FIRST;
                }
                len = lengths[index - 1];
                symbol = 3 + bits(s, 2);
            } else if (symbol == 17) {
                symbol = 3 + bits(s, 3);
            } else {
                symbol = 11 + bits(s, 7);
            }
            if (index + symbol > nlen + ndist) {
                return ERR_REPEAT_TOO_LONG;
            }
            while (symbol--) {
                lengths[index++] = (short)len;
            }
        }
    }
    if (lengths[256] == 0) {
        return ERR_NO_END_CODE;
    }
    /* An incomplete code is allowed only when it is a single code of one bit. */
    int err = construct(&lencode, lengths, nlen);
    if (err && (err < 0 || nlen != lencode.count[0] + lencode.count[1])) {
        return ERR_LITLEN_CODE;
    }
    err = construct(&distcode, lengths + nlen, ndist);
    if (err && (err < 0 || ndist != distcode.count[0] + distcode.count[1])) {
        return ERR_DIST_CODE;
    }
    return codes(s, &lencode, &distcode);
}

int inflate_decompress(const uint8_t *in, size_t n, Buf *out, size_t *consumed) {
    State *s = xmalloc(sizeof(State));
    s->in = in;
    s->n = n;
    s->pos = 0;
    s->bitbuf = 0;
    s->bitcnt = 0;
    s->out = out;
    s->eof = 0;
    int err = 0;
    int last;
    do {
        last = bits(s, 1);
        int type = bits(s, 2);
        if (s->eof) {
            err = ERR_INPUT_END;
            break;
        }
        err = type == 0 ? stored(s) : type == 1 ? fixed(s) : type == 2 ? dynamic(s) : ERR_BLOCK_TYPE;
        if (err == 0 && s->eof) {
            err = ERR_INPUT_END;
        }
    } while (err == 0 && !last);
    if (consumed) {
        *consumed = s->pos;
    }
    free(s);
    return err;
}
