/* wzip: a small archiver and text analyser written to exercise a WebAssembly
 * runtime's WASI layer and code generator with real work.  Shared declarations. */
#ifndef WZIP_H
#define WZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes: the runtime under test must pass them through unchanged. */
enum {
    EXIT_OK = 0,
    EXIT_IO = 1,       /* a file could not be read or written */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_CORRUPT = 3,  /* an archive or stream failed its checks */
};

/* ---- util.c: memory, growable byte buffers, files, paths, PRNG ---- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void die(int code, const char *fmt, ...);

typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_put(Buf *b, const void *p, size_t n);
void buf_byte(Buf *b, uint8_t v);
void buf_u16(Buf *b, uint32_t v);
void buf_u32(Buf *b, uint32_t v);
void buf_printf(Buf *b, const char *fmt, ...);

uint32_t get_u16(const uint8_t *p);
uint32_t get_u32(const uint8_t *p);

/* Whole-file I/O; read_file returns 0 on success and fills *out. */
int read_file(const char *path, Buf *out);
int write_file(const char *path, const void *data, size_t len);
int make_dirs(const char *path);
int is_directory(const char *path);
char *path_join(const char *a, const char *b);

/* A sorted list of directory entries (names only, "." and ".." left out). */
typedef struct {
    char **names;
    size_t count;
} NameList;

int list_directory(const char *path, NameList *out);
void name_list_free(NameList *l);

/* Recursive walk: every file and directory under root, relative paths, sorted
 * depth-first (a directory comes before its contents). */
typedef struct {
    char *rel;      /* path relative to the root, '/'-separated */
    int is_dir;
    uint64_t size;
} WalkEntry;

typedef struct {
    WalkEntry *items;
    size_t count;
    size_t cap;
} WalkList;

int walk_tree(const char *root, WalkList *out);
void walk_list_free(WalkList *l);

/* xoshiro-style 64-bit generator: the same sequence on every platform. */
typedef struct {
    uint64_t s[4];
} Rng;

void rng_seed(Rng *r, uint64_t seed);
uint64_t rng_next(Rng *r);
uint32_t rng_below(Rng *r, uint32_t n);
double rng_unit(Rng *r);

double now_seconds(void);

/* ---- crc32.c ---- */
uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n);
uint32_t adler32_update(uint32_t adler, const uint8_t *p, size_t n);

/* ---- sha256.c ---- */
typedef struct {
    uint32_t h[8];
    uint64_t total;
    uint8_t block[64];
    size_t used;
} Sha256;

void sha256_init(Sha256 *s);
void sha256_update(Sha256 *s, const uint8_t *p, size_t n);
void sha256_final(Sha256 *s, uint8_t out[32]);
void sha256_hex(const uint8_t *p, size_t n, char out[65]);

/* ---- deflate.c: RFC 1951 compressor ---- */
typedef struct {
    int max_chain;      /* hash chain positions examined per match */
    int lazy;           /* 1: try one position ahead before taking a match */
    int block_symbols;  /* symbols collected per block */
} DeflateParams;

DeflateParams deflate_params(int level);

typedef struct {
    unsigned blocks_stored;
    unsigned blocks_fixed;
    unsigned blocks_dynamic;
    uint64_t matches;
    uint64_t literals;
    uint64_t match_bytes;
} DeflateStats;

void deflate_compress(const uint8_t *in, size_t n, const DeflateParams *params, Buf *out,
                      DeflateStats *stats);

/* ---- inflate.c: RFC 1951 decompressor ---- */
/* Returns 0 on success, a negative code naming the first problem otherwise;
 * *consumed is set to the number of input bytes the stream occupied. */
int inflate_decompress(const uint8_t *in, size_t n, Buf *out, size_t *consumed);
const char *inflate_error(int code);

/* ---- gzip.c: RFC 1952 and RFC 1950 wrappers ---- */
void gzip_wrap(const uint8_t *in, size_t n, int level, const char *name, Buf *out);
int gzip_unwrap(const uint8_t *in, size_t n, Buf *out, char *name, size_t name_cap);
void zlib_wrap(const uint8_t *in, size_t n, int level, Buf *out);
int zlib_unwrap(const uint8_t *in, size_t n, Buf *out);

/* ---- archive.c: the WZA archive format ---- */
int archive_pack(const char *dir, const char *archive, int level, FILE *report);
int archive_list(const char *archive, FILE *report);
int archive_unpack(const char *archive, const char *dir, FILE *report);
int archive_verify(const char *archive, const char *dir, FILE *report);

/* ---- textstats.c ---- */
typedef struct TextStats TextStats;
TextStats *textstats_new(void);
void textstats_add(TextStats *t, const uint8_t *p, size_t n);
void textstats_report(TextStats *t, int top, FILE *out);
void textstats_free(TextStats *t);

/* ---- gen.c: deterministic test tree ---- */
int generate_tree(const char *dir, uint64_t seed, unsigned kilobytes, FILE *report);

#endif
