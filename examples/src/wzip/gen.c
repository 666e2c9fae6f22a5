/* A deterministic input tree: pseudo-English prose with a Zipf-like word
 * distribution, a CSV of computed numbers, incompressible and highly repetitive
 * binaries, an empty file and a deep directory chain. Same seed, same bytes. */
#include "wzip.h"

#include <math.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const WORDS[] = {
    "the", "of", "and", "to", "a", "in", "is", "that", "it", "was", "for", "on", "are", "as", "with",
    "his", "they", "at", "be", "this", "from", "have", "or", "by", "one", "had", "not", "but", "what",
    "all", "were", "when", "we", "there", "can", "an", "your", "which", "their", "said", "if", "do",
    "will", "each", "about", "how", "up", "out", "them", "then", "she", "many", "some", "so", "these",
    "would", "other", "into", "has", "more", "her", "two", "like", "him", "see", "time", "could", "no",
    "make", "than", "first", "been", "its", "who", "now", "people", "my", "made", "over", "did", "down",
    "only", "way", "find", "use", "may", "water", "long", "little", "very", "after", "words", "called",
    "just", "where", "most", "know", "stack", "memory", "module", "function", "table", "global",
    "instruction", "compiler", "runtime", "register", "branch", "loop", "block", "value", "type",
    "import", "export", "linear", "page", "trap", "signature", "interpreter", "validation", "section",
    "encoding", "little-endian", "deflate", "huffman", "window", "archive", "checksum", "directory",
    "preopened", "descriptor", "rights", "clock", "random", "environment", "argument", "exit",
    "status", "buffer", "stream", "sandbox", "capability", "vector", "lane", "reference", "element",
    "segment", "data", "start", "custom", "name", "local", "operand", "result", "parameter",
    "threshold", "lighthouse", "harbour", "mountain", "river", "orchard", "lantern", "meadow",
    "quietly", "suddenly", "carefully", "although", "because", "between", "through", "against",
};

#define WORD_COUNT (sizeof WORDS / sizeof WORDS[0])

/* A Zipf-like choice: small indices much more likely than large ones. */
static const char *pick_word(Rng *r) {
    double u = rng_unit(r);
    size_t i = (size_t)(pow(u, 2.6) * (double)WORD_COUNT);
    return WORDS[i < WORD_COUNT ? i : WORD_COUNT - 1];
}

static void prose(Rng *r, Buf *b, size_t bytes) {
    while (b->len < bytes) {
        int sentences = 2 + (int)rng_below(r, 5);
        for (int s = 0; s < sentences; s++) {
            int words = 4 + (int)rng_below(r, 14);
            for (int w = 0; w < words; w++) {
                const char *word = pick_word(r);
                if (w == 0) {
                    buf_byte(b, (uint8_t)(word[0] - 'a' + 'A'));
                    buf_printf(b, "%s", word + 1);
                } else {
                    buf_printf(b, " %s", word);
                }
                if (w + 1 < words && rng_below(r, 11) == 0) {
                    buf_byte(b, ',');
                }
            }
            static const char ends[] = "...!?";
            buf_byte(b, (uint8_t)ends[rng_below(r, 5)]);
            buf_byte(b, s + 1 < sentences ? ' ' : '\n');
        }
        buf_byte(b, '\n');
    }
}

static void numbers_csv(Rng *r, Buf *b, int rows) {
    buf_printf(b, "i,square,cube,sqrt,sin,exp_decay,log1p,hex,random\n");
    for (int i = 0; i < rows; i++) {
        double x = (double)i;
        buf_printf(b, "%d,%d,%lld,%.9f,%.9f,%.6e,%.9f,%08x,%u\n", i, i * i, (long long)i * i * i, sqrt(x),
                   sin(x / 7.0), exp(-x / 64.0) * 1000.0, log1p(x), (unsigned)(i * 2654435761u),
                   rng_below(r, 1000000));
    }
}

static void code_like(Rng *r, Buf *b, int functions) {
    static const char *const types[] = {"int", "long", "double", "size_t", "uint32_t"};
    for (int f = 0; f < functions; f++) {
        const char *t = types[rng_below(r, 5)];
        buf_printf(b, "static %s step_%d(%s x, %s y) {\n", t, f, t, t);
        int lines = 2 + (int)rng_below(r, 6);
        for (int l = 0; l < lines; l++) {
            buf_printf(b, "    x = (x * %u + y) ^ (y >> %u);\n", 3 + rng_below(r, 97), 1 + rng_below(r, 7));
        }
        buf_printf(b, "    return x + y; /* %s %s */\n}\n\n", pick_word(r), pick_word(r));
    }
}

static int emit(const char *dir, const char *rel, const Buf *b, FILE *report) {
    char *path = path_join(dir, rel);
    char *slash = strrchr(path, '/');
    *slash = 0;
    int rc = make_dirs(path);
    *slash = '/';
    if (rc == 0) {
        rc = write_file(path, b->data, b->len);
    }
    if (rc != 0) {
        fprintf(report, "cannot write %s: %s\n", path, strerror(errno));
    } else {
        fprintf(report, "  wrote %-36s %8zu bytes\n", rel, b->len);
    }
    free(path);
    return rc;
}

int generate_tree(const char *dir, uint64_t seed, unsigned kilobytes, FILE *report) {
    Rng r;
    rng_seed(&r, seed);
    size_t budget = (size_t)kilobytes * 1024;
    int rc = 0;
    struct {
        const char *name;
        unsigned share; /* per mille of the budget */
    } docs[] = {
        {"docs/chapter-01.txt", 260}, {"docs/chapter-02.txt", 180}, {"docs/chapter-03.txt", 120},
        {"docs/appendix/glossary.txt", 60}, {"docs/appendix/notes/deep/er/still/deeper.txt", 20},
        {"README.txt", 10},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0] && rc == 0; i++) {
        Buf b;
        buf_init(&b);
        prose(&r, &b, budget * docs[i].share / 1000 + 1);
        rc = emit(dir, docs[i].name, &b, report);
        buf_free(&b);
    }
    Buf b;
    if (rc == 0) {
        buf_init(&b);
        numbers_csv(&r, &b, (int)(budget / 1000) + 20);
        rc = emit(dir, "data/numbers.csv", &b, report);
        buf_free(&b);
    }
    if (rc == 0) {
        buf_init(&b);
        size_t n = budget / 10 + 100;
        buf_reserve(&b, n);
        for (size_t i = 0; i < n; i++) {
            b.data[i] = (uint8_t)(rng_next(&r) >> 56);
        }
        b.len = n;
        rc = emit(dir, "data/random.bin", &b, report);
        buf_free(&b);
    }
    if (rc == 0) {
        /* Long runs and a repeated 1000-byte pattern: maximal matches and the
         * overlapping copies (distance 1) a decompressor must get right. */
        buf_init(&b);
        size_t n = budget / 8 + 3000;
        while (b.len < n) {
            uint8_t v = (uint8_t)rng_below(&r, 4);
            size_t run = 1 + rng_below(&r, 700);
            for (size_t k = 0; k < run; k++) {
                buf_byte(&b, v);
            }
        }
        size_t pattern_at = b.len;
        for (int k = 0; k < 1000; k++) {
            buf_byte(&b, (uint8_t)rng_next(&r));
        }
        for (int rep = 0; rep < 20; rep++) {
            buf_put(&b, b.data + pattern_at, 1000);
        }
        rc = emit(dir, "data/runs.bin", &b, report);
        buf_free(&b);
    }
    if (rc == 0) {
        buf_init(&b);
        code_like(&r, &b, (int)(budget / 2000) + 5);
        rc = emit(dir, "src/steps.c", &b, report);
        buf_free(&b);
    }
    if (rc == 0) {
        buf_init(&b);
        rc = emit(dir, "data/empty.txt", &b, report);
    }
    if (rc == 0) {
        char *empty_dir = path_join(dir, "empty-dir");
        rc = make_dirs(empty_dir);
        free(empty_dir);
    }
    return rc == 0 ? 0 : EXIT_IO;
}
