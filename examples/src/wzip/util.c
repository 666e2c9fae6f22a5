/* Memory, byte buffers, whole-file I/O, directory walking and a portable PRNG. */
#include "wzip.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void die(int code, const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fputs("wzip: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(code);
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        die(EXIT_IO, "out of memory (%zu bytes)", n);
    }
    return p;
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        die(EXIT_IO, "out of memory (%zu x %zu bytes)", n, size);
    }
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        die(EXIT_IO, "out of memory (%zu bytes)", n);
    }
    return q;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

void buf_init(Buf *b) {
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void buf_free(Buf *b) {
    free(b->data);
    buf_init(b);
}

void buf_reserve(Buf *b, size_t extra) {
    if (b->len + extra <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra) {
        cap += cap / 2 + 64;
    }
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_put(Buf *b, const void *p, size_t n) {
    buf_reserve(b, n);
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
}

void buf_byte(Buf *b, uint8_t v) {
    buf_reserve(b, 1);
    b->data[b->len++] = v;
}

void buf_u16(Buf *b, uint32_t v) {
    buf_byte(b, (uint8_t)v);
    buf_byte(b, (uint8_t)(v >> 8));
}

void buf_u32(Buf *b, uint32_t v) {
    buf_u16(b, v & 0xffff);
    buf_u16(b, v >> 16);
}

void buf_printf(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    buf_reserve(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

uint32_t get_u16(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

uint32_t get_u32(const uint8_t *p) {
    return get_u16(p) | get_u16(p + 2) << 16;
}

/* Reads in odd-sized chunks on purpose: the runtime must handle short reads and
 * reads that straddle its own buffers. */
int read_file(const char *path, Buf *out) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return -1;
    }
    buf_init(out);
    uint8_t chunk[3001];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        buf_put(out, chunk, got);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(out);
        return -1;
    }
    return 0;
}

int write_file(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -1;
    }
    const uint8_t *p = data;
    size_t done = 0;
    /* Several fwrite calls of varying size, then one fflush. */
    size_t step = 1;
    while (done < len) {
        size_t n = len - done < step ? len - done : step;
        if (fwrite(p + done, 1, n, f) != n) {
            fclose(f);
            return -1;
        }
        done += n;
        step = step * 3 + 7;
    }
    if (fclose(f) != 0) {
        return -1;
    }
    return 0;
}

int is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int make_dirs(const char *path) {
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int r = mkdir(p, 0755);
    if (r != 0 && errno == EEXIST && is_directory(p)) {
        r = 0;
    }
    free(p);
    return r;
}

char *path_join(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    while (la > 1 && a[la - 1] == '/') {
        la--;
    }
    char *r = xmalloc(la + lb + 2);
    memcpy(r, a, la);
    r[la] = '/';
    memcpy(r + la + 1, b, lb + 1);
    return r;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int list_directory(const char *path, NameList *out) {
    DIR *d = opendir(path);
    if (!d) {
        return -1;
    }
    size_t cap = 8;
    out->names = xmalloc(cap * sizeof(char *));
    out->count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        if (out->count == cap) {
            cap *= 2;
            out->names = xrealloc(out->names, cap * sizeof(char *));
        }
        out->names[out->count++] = xstrdup(e->d_name);
    }
    closedir(d);
    /* readdir's order is the host file system's; sort for deterministic output. */
    qsort(out->names, out->count, sizeof(char *), compare_names);
    return 0;
}

void name_list_free(NameList *l) {
    for (size_t i = 0; i < l->count; i++) {
        free(l->names[i]);
    }
    free(l->names);
    l->names = NULL;
    l->count = 0;
}

static void walk_push(WalkList *l, const char *rel, int is_dir, uint64_t size) {
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof(WalkEntry));
    }
    WalkEntry *e = &l->items[l->count++];
    e->rel = xstrdup(rel);
    e->is_dir = is_dir;
    e->size = size;
}

static int walk_into(const char *root, const char *rel, WalkList *out, int depth) {
    if (depth > 32) {
        return -1;
    }
    char *abs = rel[0] ? path_join(root, rel) : xstrdup(root);
    NameList names;
    if (list_directory(abs, &names) != 0) {
        free(abs);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < names.count && rc == 0; i++) {
        char *child_rel = rel[0] ? path_join(rel, names.names[i]) : xstrdup(names.names[i]);
        char *child_abs = path_join(abs, names.names[i]);
        struct stat st;
        if (stat(child_abs, &st) != 0) {
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            walk_push(out, child_rel, 1, 0);
            rc = walk_into(root, child_rel, out, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            walk_push(out, child_rel, 0, (uint64_t)st.st_size);
        }
        free(child_rel);
        free(child_abs);
    }
    name_list_free(&names);
    free(abs);
    return rc;
}

int walk_tree(const char *root, WalkList *out) {
    out->items = NULL;
    out->count = 0;
    out->cap = 0;
    return walk_into(root, "", out, 0);
}

void walk_list_free(WalkList *l) {
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].rel);
    }
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

static uint64_t rotl64(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(Rng *r, uint64_t seed) {
    for (int i = 0; i < 4; i++) {
        r->s[i] = splitmix64(&seed);
    }
}

/* xoshiro256** */
uint64_t rng_next(Rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl64(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

uint32_t rng_below(Rng *r, uint32_t n) {
    /* Lemire's multiply-shift; the small bias does not matter for test data. */
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double rng_unit(Rng *r) {
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double now_seconds(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 0.0;
    }
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
