/* An RFC 1951 DEFLATE compressor: LZ77 over a 32 KiB window with hash chains and
 * one-step lazy matching, then per block the cheapest of stored, fixed-Huffman and
 * dynamic-Huffman coding (length-limited canonical Huffman codes, run-length coded
 * code lengths). */
#include "wzip.h"

#include <stdlib.h>
#include <string.h>

#define WSIZE 32768u
#define WMASK (WSIZE - 1)
#define HASH_BITS 15
#define HASH_SIZE (1u << HASH_BITS)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define TOO_FAR 4096
#define LITLEN_CODES 286
#define DIST_CODES 30
#define CL_CODES 19

static const uint16_t LEN_BASE[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t LEN_EXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t DIST_BASE[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                       33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t DIST_EXTRA[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t CL_ORDER[CL_CODES] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

DeflateParams deflate_params(int level) {
    DeflateParams p;
    if (level < 1) {
        level = 1;
    }
    if (level > 9) {
        level = 9;
    }
    static const int chains[10] = {0, 4, 8, 16, 32, 64, 128, 256, 1024, 4096};
    p.max_chain = chains[level];
    p.lazy = level >= 4;
    p.block_symbols = level <= 2 ? 8192 : 16384;
    return p;
}

/* ---- bit output, least significant bit first ---- */

typedef struct {
    Buf *out;
    uint64_t acc;
    int count;
} BitWriter;

static void bw_put(BitWriter *w, uint32_t value, int bits) {
    w->acc |= (uint64_t)value << w->count;
    w->count += bits;
    while (w->count >= 8) {
        buf_byte(w->out, (uint8_t)w->acc);
        w->acc >>= 8;
        w->count -= 8;
    }
}

static void bw_align(BitWriter *w) {
    if (w->count > 0) {
        buf_byte(w->out, (uint8_t)w->acc);
    }
    w->acc = 0;
    w->count = 0;
}

/* ---- Huffman code construction ---- */

typedef struct {
    uint32_t freq;
    int left, right; /* children, or -1 for a leaf */
    int symbol;
} HNode;

/* A min-heap of node indices keyed by (freq, index): ties broken by index keep the
 * result independent of the heap's internal order. */
typedef struct {
    int *items;
    int count;
    const HNode *nodes;
} Heap;

static int heap_less(const Heap *h, int a, int b) {
    uint32_t fa = h->nodes[a].freq, fb = h->nodes[b].freq;
    return fa < fb || (fa == fb && a < b);
}

static void heap_push(Heap *h, int v) {
    int i = h->count++;
    h->items[i] = v;
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (!heap_less(h, h->items[i], h->items[parent])) {
            break;
        }
        int t = h->items[i];
        h->items[i] = h->items[parent];
        h->items[parent] = t;
        i = parent;
    }
}

static int heap_pop(Heap *h) {
    int top = h->items[0];
    h->items[0] = h->items[--h->count];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->count && heap_less(h, h->items[l], h->items[m])) {
            m = l;
        }
        if (r < h->count && heap_less(h, h->items[r], h->items[m])) {
            m = r;
        }
        if (m == i) {
            break;
        }
        int t = h->items[i];
        h->items[i] = h->items[m];
        h->items[m] = t;
        i = m;
    }
    return top;
}

static void assign_depths(const HNode *nodes, int root, uint8_t *lengths, int *max_depth) {
    /* Iterative walk with an explicit stack: deep trees must not recurse. */
    int stack[2 * 320];
    int depth[2 * 320];
    int sp = 0;
    stack[sp] = root;
    depth[sp++] = 0;
    *max_depth = 0;
    while (sp > 0) {
        sp--;
        int n = stack[sp], d = depth[sp];
        if (nodes[n].left < 0) {
            lengths[nodes[n].symbol] = (uint8_t)(d == 0 ? 1 : d);
            if (d > *max_depth) {
                *max_depth = d;
            }
        } else {
            stack[sp] = nodes[n].left;
            depth[sp++] = d + 1;
            stack[sp] = nodes[n].right;
            depth[sp++] = d + 1;
        }
    }
}

/* Code lengths for freq[0..n) of at most max_bits bits.  Every code gets at least
 * two symbols so the code is complete, which every inflater accepts. */
static void build_lengths(const uint32_t *freq_in, int n, int max_bits, uint8_t *lengths) {
    uint32_t freq[LITLEN_CODES + 2];
    memcpy(freq, freq_in, (size_t)n * sizeof(uint32_t));
    int used = 0;
    for (int i = 0; i < n; i++) {
        used += freq[i] != 0;
    }
    for (int i = 0; used < 2 && i < n; i++) {
        if (freq[i] == 0) {
            freq[i] = 1;
            used++;
        }
    }
    HNode nodes[2 * (LITLEN_CODES + 2)];
    int heap_items[LITLEN_CODES + 2];
    for (;;) {
        memset(lengths, 0, (size_t)n);
        int count = 0;
        Heap heap = {heap_items, 0, nodes};
        for (int i = 0; i < n; i++) {
            if (freq[i]) {
                nodes[count] = (HNode){freq[i], -1, -1, i};
                heap_push(&heap, count);
                count++;
            }
        }
        while (heap.count > 1) {
            int a = heap_pop(&heap);
            int b = heap_pop(&heap);
            nodes[count] = (HNode){nodes[a].freq + nodes[b].freq, a, b, -1};
            heap_push(&heap, count);
            count++;
        }
        int max_depth;
        assign_depths(nodes, heap_pop(&heap), lengths, &max_depth);
        if (max_depth <= max_bits) {
            return;
        }
        /* Too deep: flatten the distribution and try again. */
        for (int i = 0; i < n; i++) {
            if (freq[i]) {
                freq[i] = (freq[i] >> 1) | 1;
            }
        }
    }
}

/* Canonical codes (RFC 1951 3.2.2), bit-reversed for the LSB-first writer. */
static void build_codes(const uint8_t *lengths, int n, uint16_t *codes) {
    uint16_t bl_count[16] = {0};
    uint16_t next[16];
    for (int i = 0; i < n; i++) {
        bl_count[lengths[i]]++;
    }
    bl_count[0] = 0;
    uint16_t code = 0;
    for (int bits = 1; bits < 16; bits++) {
        code = (uint16_t)((code + bl_count[bits - 1]) << 1);
        next[bits] = code;
    }
    for (int i = 0; i < n; i++) {
        int len = lengths[i];
        if (len) {
            uint16_t c = next[len]++, r = 0;
            for (int b = 0; b < len; b++) {
                r = (uint16_t)(r << 1 | (c & 1));
                c >>= 1;
            }
            codes[i] = r;
        } else {
            codes[i] = 0;
        }
    }
}

/* ---- symbol classification ---- */

static uint8_t len_code_table[MAX_MATCH + 1];
static uint8_t dist_code_table[512];
static int tables_ready;

static void init_tables(void) {
    for (int code = 0; code < 29; code++) {
        int top = code == 28 ? MAX_MATCH : LEN_BASE[code] + (1 << LEN_EXTRA[code]) - 1;
        for (int len = LEN_BASE[code]; len <= top && len <= MAX_MATCH; len++) {
            len_code_table[len] = (uint8_t)code;
        }
    }
    len_code_table[MAX_MATCH] = 28;
    /* Distances 1..256 directly, larger ones by (d-1) >> 7 in the upper half. */
    for (int code = 0; code < 30; code++) {
        int top = DIST_BASE[code] + (1 << DIST_EXTRA[code]) - 1;
        for (int d = DIST_BASE[code]; d <= top; d++) {
            if (d <= 256) {
                dist_code_table[d - 1] = (uint8_t)code;
            } else {
                dist_code_table[256 + ((d - 1) >> 7)] = (uint8_t)code;
            }
        }
    }
    tables_ready = 1;
}

static int dist_code(unsigned d) {
    return d <= 256 ? dist_code_table[d - 1] : dist_code_table[256 + ((d - 1) >> 7)];
}

/* ---- blocks ---- */

typedef struct {
    uint16_t *len;  /* 0 for a literal */
    uint16_t *val;  /* the literal byte, or the distance */
    int count;
} Symbols;

typedef struct {
    uint8_t lit_len[LITLEN_CODES + 2];
    uint8_t dist_len[DIST_CODES + 2];
    uint16_t lit_code[LITLEN_CODES + 2];
    uint16_t dist_code[DIST_CODES + 2];
} Codes;

static uint64_t data_cost(const Symbols *s, const Codes *c) {
    uint64_t bits = c->lit_len[256];
    for (int i = 0; i < s->count; i++) {
        if (s->len[i] == 0) {
            bits += c->lit_len[s->val[i]];
        } else {
            int lc = len_code_table[s->len[i]];
            int dc = dist_code(s->val[i]);
            bits += c->lit_len[257 + lc] + LEN_EXTRA[lc] + c->dist_len[dc] + DIST_EXTRA[dc];
        }
    }
    return bits;
}

static void write_data(BitWriter *w, const Symbols *s, const Codes *c) {
    for (int i = 0; i < s->count; i++) {
        if (s->len[i] == 0) {
            bw_put(w, c->lit_code[s->val[i]], c->lit_len[s->val[i]]);
        } else {
            int len = s->len[i], d = s->val[i];
            int lc = len_code_table[len];
            bw_put(w, c->lit_code[257 + lc], c->lit_len[257 + lc]);
            if (LEN_EXTRA[lc]) {
                bw_put(w, (uint32_t)(len - LEN_BASE[lc]), LEN_EXTRA[lc]);
            }
            int dc = dist_code((unsigned)d);
            bw_put(w, c->dist_code[dc], c->dist_len[dc]);
            if (DIST_EXTRA[dc]) {
                bw_put(w, (uint32_t)(d - DIST_BASE[dc]), DIST_EXTRA[dc]);
            }
        }
    }
    bw_put(w, c->lit_code[256], c->lit_len[256]);
}

static void fixed_codes(Codes *c) {
    for (int i = 0; i < 288 && i < LITLEN_CODES + 2; i++) {
        c->lit_len[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    }
    for (int i = 0; i < DIST_CODES + 2; i++) {
        c->dist_len[i] = 5;
    }
    build_codes(c->lit_len, LITLEN_CODES + 2, c->lit_code);
    build_codes(c->dist_len, DIST_CODES + 2, c->dist_code);
}

/* The run-length coded code lengths of a dynamic header. */
typedef struct {
    uint8_t sym[LITLEN_CODES + DIST_CODES];
    uint8_t extra[LITLEN_CODES + DIST_CODES];
    int count;
} ClRuns;

static void rle_lengths(const uint8_t *lens, int n, ClRuns *r) {
    r->count = 0;
    int i = 0;
    while (i < n) {
        int v = lens[i], run = 1;
        while (i + run < n && lens[i + run] == v) {
            run++;
        }
        int left = run;
        if (v == 0) {
            while (left >= 11) {
                int k = left > 138 ? 138 : left;
                r->sym[r->count] = 18;
                r->extra[r->count++] = (uint8_t)(k - 11);
                left -= k;
            }
            if (left >= 3) {
                r->sym[r->count] = 17;
                r->extra[r->count++] = (uint8_t)(left - 3);
                left = 0;
            }
        } else {
            r->sym[r->count] = (uint8_t)v;
            r->extra[r->count++] = 0;
            left--;
            while (left >= 3) {
                int k = left > 6 ? 6 : left;
                r->sym[r->count] = 16;
                r->extra[r->count++] = (uint8_t)(k - 3);
                left -= k;
            }
        }
        while (left-- > 0) {
            r->sym[r->count] = (uint8_t)v;
            r->extra[r->count++] = 0;
        }
        i += run;
    }
}

static const int CL_EXTRA_BITS[CL_CODES] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7};

typedef struct {
    Codes codes;
    int hlit, hdist, hclen;
    ClRuns runs;
    uint8_t cl_len[CL_CODES];
    uint16_t cl_code[CL_CODES];
    uint64_t header_bits;
} Dynamic;

static void plan_dynamic(const Symbols *s, Dynamic *d) {
    uint32_t lit_freq[LITLEN_CODES] = {0};
    uint32_t dist_freq[DIST_CODES] = {0};
    for (int i = 0; i < s->count; i++) {
        if (s->len[i] == 0) {
            lit_freq[s->val[i]]++;
        } else {
            lit_freq[257 + len_code_table[s->len[i]]]++;
            dist_freq[dist_code(s->val[i])]++;
        }
    }
    lit_freq[256] = 1;
    memset(&d->codes, 0, sizeof d->codes);
    build_lengths(lit_freq, LITLEN_CODES, 15, d->codes.lit_len);
    build_lengths(dist_freq, DIST_CODES, 15, d->codes.dist_len);
    build_codes(d->codes.lit_len, LITLEN_CODES, d->codes.lit_code);
    build_codes(d->codes.dist_len, DIST_CODES, d->codes.dist_code);

    d->hlit = LITLEN_CODES;
    while (d->hlit > 257 && d->codes.lit_len[d->hlit - 1] == 0) {
        d->hlit--;
    }
    d->hdist = DIST_CODES;
    while (d->hdist > 1 && d->codes.dist_len[d->hdist - 1] == 0) {
        d->hdist--;
    }
    uint8_t all[LITLEN_CODES + DIST_CODES];
    memcpy(all, d->codes.lit_len, (size_t)d->hlit);
    memcpy(all + d->hlit, d->codes.dist_len, (size_t)d->hdist);
    rle_lengths(all, d->hlit + d->hdist, &d->runs);

    uint32_t cl_freq[CL_CODES] = {0};
    for (int i = 0; i < d->runs.count; i++) {
        cl_freq[d->runs.sym[i]]++;
    }
    build_lengths(cl_freq, CL_CODES, 7, d->cl_len);
    build_codes(d->cl_len, CL_CODES, d->cl_code);
    d->hclen = CL_CODES;
    while (d->hclen > 4 && d->cl_len[CL_ORDER[d->hclen - 1]] == 0) {
        d->hclen--;
    }
    d->header_bits = 5 + 5 + 4 + 3 * (uint64_t)d->hclen;
    for (int i = 0; i < d->runs.count; i++) {
        d->header_bits += d->cl_len[d->runs.sym[i]] + CL_EXTRA_BITS[d->runs.sym[i]];
    }
}

static void write_dynamic_header(BitWriter *w, const Dynamic *d) {
    bw_put(w, (uint32_t)(d->hlit - 257), 5);
    bw_put(w, (uint32_t)(d->hdist - 1), 5);
    bw_put(w, (uint32_t)(d->hclen - 4), 4);
    for (int i = 0; i < d->hclen; i++) {
        bw_put(w, d->cl_len[CL_ORDER[i]], 3);
    }
    for (int i = 0; i < d->runs.count; i++) {
        int sym = d->runs.sym[i];
        bw_put(w, d->cl_code[sym], d->cl_len[sym]);
        if (CL_EXTRA_BITS[sym]) {
            bw_put(w, d->runs.extra[i], CL_EXTRA_BITS[sym]);
        }
    }
}

static void write_stored(BitWriter *w, const uint8_t *p, size_t n, int final) {
    /* A stored block holds at most 65535 bytes; longer spans become several. */
    do {
        size_t chunk = n > 65535 ? 65535 : n;
        int last = final && chunk == n;
        bw_put(w, (uint32_t)last, 1);
        bw_put(w, 0, 2);
        bw_align(w);
        buf_u16(w->out, (uint32_t)chunk);
        buf_u16(w->out, (uint32_t)(~chunk & 0xffff));
        buf_put(w->out, p, chunk);
        p += chunk;
        n -= chunk;
    } while (n > 0);
}

static void flush_block(BitWriter *w, const Symbols *s, const uint8_t *raw, size_t raw_len, int final,
                        DeflateStats *stats) {
    static Codes fixed;
    static int fixed_ready;
    if (!fixed_ready) {
        fixed_codes(&fixed);
        fixed_ready = 1;
    }
    Dynamic *dyn = xmalloc(sizeof(Dynamic));
    plan_dynamic(s, dyn);
    uint64_t dynamic_bits = 3 + dyn->header_bits + data_cost(s, &dyn->codes);
    uint64_t fixed_bits = 3 + data_cost(s, &fixed);
    uint64_t stored_bits = (3 + 7 + 32) * ((raw_len + 65534) / 65535 + (raw_len == 0)) + 8 * (uint64_t)raw_len;
    if (stored_bits < dynamic_bits && stored_bits < fixed_bits) {
        write_stored(w, raw, raw_len, final);
        stats->blocks_stored++;
    } else if (fixed_bits <= dynamic_bits) {
        bw_put(w, (uint32_t)final, 1);
        bw_put(w, 1, 2);
        write_data(w, s, &fixed);
        stats->blocks_fixed++;
    } else {
        bw_put(w, (uint32_t)final, 1);
        bw_put(w, 2, 2);
        write_dynamic_header(w, dyn);
        write_data(w, s, &dyn->codes);
        stats->blocks_dynamic++;
    }
    free(dyn);
}

/* ---- LZ77 matching ---- */

typedef struct {
    const uint8_t *in;
    size_t n;
    int32_t *head;
    int32_t *prev;
    int max_chain;
} Matcher;

static uint32_t hash3(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static void insert_pos(Matcher *m, size_t pos) {
    if (pos + MIN_MATCH > m->n) {
        return;
    }
    uint32_t h = hash3(m->in + pos);
    m->prev[pos & WMASK] = m->head[h];
    m->head[h] = (int32_t)pos;
}

static int find_match(const Matcher *m, size_t pos, unsigned *dist_out) {
    if (pos + MIN_MATCH > m->n) {
        return 0;
    }
    size_t limit = m->n - pos < MAX_MATCH ? m->n - pos : MAX_MATCH;
    const uint8_t *cur = m->in + pos;
    int32_t cand = m->head[hash3(cur)];
    int best = MIN_MATCH - 1;
    unsigned best_dist = 0;
    int chain = m->max_chain;
    while (cand >= 0 && chain-- > 0) {
        size_t dist = pos - (size_t)cand;
        if (dist > WSIZE - 1 || dist == 0) {
            break;
        }
        const uint8_t *c = m->in + cand;
        if (c[best] == cur[best] && c[0] == cur[0] && c[1] == cur[1]) {
            size_t len = 2;
            while (len < limit && c[len] == cur[len]) {
                len++;
            }
            if ((int)len > best) {
                best = (int)len;
                best_dist = (unsigned)dist;
                if (len == limit) {
                    break;
                }
            }
        }
        int32_t next = m->prev[cand & WMASK];
        if (next >= cand) {
            break;
        }
        cand = next;
    }
    if (best < MIN_MATCH || (best == MIN_MATCH && best_dist > TOO_FAR)) {
        return 0;
    }
    *dist_out = best_dist;
    return best;
}

void deflate_compress(const uint8_t *in, size_t n, const DeflateParams *params, Buf *out, DeflateStats *stats) {
    if (!tables_ready) {
        init_tables();
    }
    BitWriter w = {out, 0, 0};
    Matcher m = {in, n, xmalloc(HASH_SIZE * sizeof(int32_t)), xmalloc(WSIZE * sizeof(int32_t)), params->max_chain};
    for (size_t i = 0; i < HASH_SIZE; i++) {
        m.head[i] = -1;
    }
    for (size_t i = 0; i < WSIZE; i++) {
        m.prev[i] = -1;
    }
    int cap = params->block_symbols;
    Symbols s = {xmalloc((size_t)cap * sizeof(uint16_t)), xmalloc((size_t)cap * sizeof(uint16_t)), 0};
    size_t block_start = 0;
    size_t pos = 0;
    while (pos < n) {
        unsigned dist = 0;
        int len = find_match(&m, pos, &dist);
        insert_pos(&m, pos);
        if (len && params->lazy && len < 32 && pos + 1 < n) {
            unsigned dist2 = 0;
            int len2 = find_match(&m, pos + 1, &dist2);
            if (len2 > len) {
                len = 0; /* emit a literal; the longer match is found again next round */
            }
        }
        if (len) {
            s.len[s.count] = (uint16_t)len;
            s.val[s.count++] = (uint16_t)dist;
            for (int i = 1; i < len; i++) {
                insert_pos(&m, pos + (size_t)i);
            }
            pos += (size_t)len;
            stats->matches++;
            stats->match_bytes += (uint64_t)len;
        } else {
            s.len[s.count] = 0;
            s.val[s.count++] = in[pos];
            pos++;
            stats->literals++;
        }
        if (s.count == cap) {
            flush_block(&w, &s, in + block_start, pos - block_start, pos == n, stats);
            block_start = pos;
            s.count = 0;
        }
    }
    if (s.count > 0 || n == 0) {
        flush_block(&w, &s, in + block_start, pos - block_start, 1, stats);
    }
    bw_align(&w);
    free(s.len);
    free(s.val);
    free(m.head);
    free(m.prev);
}
