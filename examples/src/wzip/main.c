/* wzip: command line.  Every command prints only deterministic text on stdout
 * (timings go to stderr, and only when WZIP_TIMING is set), so two runtimes can
 * be compared byte for byte. */
#include "wzip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int level;
    int top;
    uint64_t seed;
    int timing;
} Settings;

static Settings settings_from_env(void) {
    Settings s = {6, 20, 0x5eed2026u, 0};
    const char *v;
    if ((v = getenv("WZIP_LEVEL")) != NULL) {
        s.level = atoi(v);
        if (s.level < 1 || s.level > 9) {
            die(EXIT_USAGE, "WZIP_LEVEL must be 1..9, got '%s'", v);
        }
    }
    if ((v = getenv("WZIP_TOP")) != NULL) {
        s.top = atoi(v);
        if (s.top < 1) {
            die(EXIT_USAGE, "WZIP_TOP must be positive, got '%s'", v);
        }
    }
    if ((v = getenv("WZIP_SEED")) != NULL) {
        s.seed = strtoull(v, NULL, 0);
    }
    s.timing = getenv("WZIP_TIMING") != NULL;
    return s;
}

/* Phase timings: stderr only, so stdout stays comparable. */
typedef struct {
    int on;
    double start;
} Timer;

static void phase_done(Timer *t, const char *what) {
    if (t->on) {
        double now = now_seconds();
        fprintf(stderr, "wzip: %-10s %8.3f s\n", what, now - t->start);
        t->start = now;
    }
}

static unsigned parse_unsigned(const char *s, const char *what) {
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s == 0 || *end != 0 || v > 1000000) {
        die(EXIT_USAGE, "%s must be a number up to 1000000, got '%s'", what, s);
    }
    return (unsigned)v;
}

static int ends_with(const char *s, const char *suffix) {
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* ---- sha256 and stats over a tree ---- */

static int sha256_tree(const char *root, FILE *out, char digest_of_digests[65]) {
    WalkList tree;
    if (walk_tree(root, &tree) != 0) {
        fprintf(out, "cannot walk %s: %s\n", root, strerror(errno));
        return EXIT_IO;
    }
    Buf all;
    buf_init(&all);
    int rc = 0;
    for (size_t i = 0; i < tree.count && rc == 0; i++) {
        if (tree.items[i].is_dir) {
            continue;
        }
        char *abs = path_join(root, tree.items[i].rel);
        Buf content;
        if (read_file(abs, &content) != 0) {
            fprintf(out, "cannot read %s: %s\n", abs, strerror(errno));
            rc = EXIT_IO;
        } else {
            char hex[65];
            sha256_hex(content.data, content.len, hex);
            fprintf(out, "%s  %s\n", hex, tree.items[i].rel);
            buf_printf(&all, "%s  %s\n", hex, tree.items[i].rel);
            buf_free(&content);
        }
        free(abs);
    }
    if (digest_of_digests) {
        sha256_hex(all.data, all.len, digest_of_digests);
    }
    buf_free(&all);
    walk_list_free(&tree);
    return rc;
}

static int stats_tree(const char *root, int top, FILE *out) {
    WalkList tree;
    if (walk_tree(root, &tree) != 0) {
        fprintf(out, "cannot walk %s: %s\n", root, strerror(errno));
        return EXIT_IO;
    }
    TextStats *t = textstats_new();
    unsigned files = 0;
    int rc = 0;
    for (size_t i = 0; i < tree.count && rc == 0; i++) {
        if (tree.items[i].is_dir || !ends_with(tree.items[i].rel, ".txt")) {
            continue;
        }
        char *abs = path_join(root, tree.items[i].rel);
        Buf content;
        if (read_file(abs, &content) != 0) {
            fprintf(out, "cannot read %s: %s\n", abs, strerror(errno));
            rc = EXIT_IO;
        } else {
            textstats_add(t, content.data, content.len);
            buf_free(&content);
            files++;
        }
        free(abs);
    }
    if (rc == 0) {
        fprintf(out, "text files: %u\n", files);
        textstats_report(t, top, out);
    }
    textstats_free(t);
    walk_list_free(&tree);
    return rc;
}

/* ---- gzip / gunzip of single files ---- */

static const char *base_name(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int gzip_file(const char *in, const char *out, int level, FILE *report) {
    Buf src, dst;
    if (read_file(in, &src) != 0) {
        fprintf(report, "cannot read %s: %s\n", in, strerror(errno));
        return EXIT_IO;
    }
    buf_init(&dst);
    gzip_wrap(src.data, src.len, level, base_name(in), &dst);
    int rc = write_file(out, dst.data, dst.len) == 0 ? 0 : EXIT_IO;
    if (rc == 0) {
        fprintf(report, "gzip %s: %zu -> %zu bytes (crc32 %08x)\n", base_name(in), src.len, dst.len,
                crc32_update(0, src.data, src.len));
    } else {
        fprintf(report, "cannot write %s: %s\n", out, strerror(errno));
    }
    buf_free(&src);
    buf_free(&dst);
    return rc;
}

static int gunzip_file(const char *in, const char *out, FILE *report) {
    Buf src, dst;
    if (read_file(in, &src) != 0) {
        fprintf(report, "cannot read %s: %s\n", in, strerror(errno));
        return EXIT_IO;
    }
    buf_init(&dst);
    char name[256];
    int rc = gzip_unwrap(src.data, src.len, &dst, name, sizeof name);
    if (rc != 0) {
        fprintf(report, "gunzip %s: corrupt (%d: %s)\n", base_name(in), rc, inflate_error(rc));
        rc = EXIT_CORRUPT;
    } else if (write_file(out, dst.data, dst.len) != 0) {
        fprintf(report, "cannot write %s: %s\n", out, strerror(errno));
        rc = EXIT_IO;
    } else {
        fprintf(report, "gunzip %s: %zu -> %zu bytes, original name '%s'\n", base_name(in), src.len, dst.len, name);
    }
    buf_free(&src);
    buf_free(&dst);
    return rc;
}

/* ---- self test: known answers and round trips ---- */

static int check(int ok, const char *what, FILE *out) {
    fprintf(out, "  %-48s %s\n", what, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}

static int round_trip(const uint8_t *p, size_t n, int level, size_t *packed_len) {
    DeflateParams params = deflate_params(level);
    DeflateStats stats = {0};
    Buf packed, back;
    buf_init(&packed);
    buf_init(&back);
    deflate_compress(p, n, &params, &packed, &stats);
    size_t used = 0;
    int rc = inflate_decompress(packed.data, packed.len, &back, &used);
    int ok = rc == 0 && used == packed.len && back.len == n && (n == 0 || memcmp(back.data, p, n) == 0);
    if (packed_len) {
        *packed_len = packed.len;
    }
    buf_free(&packed);
    buf_free(&back);
    return ok;
}

static int selftest(FILE *out) {
    int failures = 0;
    char hex[65];
    fprintf(out, "selftest:\n");
    sha256_hex((const uint8_t *)"abc", 3, hex);
    failures += check(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
                      "sha256(abc)", out);
    sha256_hex((const uint8_t *)"", 0, hex);
    failures += check(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0,
                      "sha256(empty)", out);
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex((const uint8_t *)two_blocks, strlen(two_blocks), hex);
    failures += check(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0,
                      "sha256(448-bit message)", out);
    failures += check(crc32_update(0, (const uint8_t *)"123456789", 9) == 0xcbf43926u, "crc32(123456789)", out);
    uint32_t split = crc32_update(crc32_update(0, (const uint8_t *)"12345", 5), (const uint8_t *)"6789", 4);
    failures += check(split == 0xcbf43926u, "crc32 in two pieces", out);
    failures += check(adler32_update(1, (const uint8_t *)"Wikipedia", 9) == 0x11e60398u, "adler32(Wikipedia)", out);

    /* A fixed-Huffman stream made by zlib: "hello hello hello\n". */
    static const uint8_t zlib_hello[] = {0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x90, 0x5c, 0x00};
    Buf b;
    buf_init(&b);
    size_t used = 0;
    int rc = inflate_decompress(zlib_hello, sizeof zlib_hello, &b, &used);
    failures += check(rc == 0 && b.len == 18 && memcmp(b.data, "hello hello hello\n", 18) == 0,
                      "inflate a stream made by zlib", out);
    buf_free(&b);

    Rng r;
    rng_seed(&r, 42);
    size_t n = 16000;
    uint8_t *data = xmalloc(n);
    struct {
        const char *name;
        int kind;
    } inputs[] = {{"empty", 0}, {"one byte", 1}, {"zeros", 2}, {"random", 3}, {"text-like", 4}, {"mixed", 5}};
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        size_t len = inputs[k].kind == 0 ? 0 : inputs[k].kind == 1 ? 1 : n;
        for (size_t i = 0; i < len; i++) {
            switch (inputs[k].kind) {
            case 1: data[i] = 'x'; break;
            case 2: data[i] = 0; break;
            case 3: data[i] = (uint8_t)rng_next(&r); break;
            case 4: data[i] = (uint8_t)("etaoin shrdlu"[rng_below(&r, 13)]); break;
            default: data[i] = i % 5000 < 2500 ? (uint8_t)(i * 7 >> 3) : (uint8_t)rng_next(&r); break;
            }
        }
        char what[64];
        for (int level = 1; level <= 6; level += 5) {
            size_t packed = 0;
            int ok = round_trip(data, len, level, &packed);
            snprintf(what, sizeof what, "round trip %s, level %d (%zu -> %zu)", inputs[k].name, level, len, packed);
            failures += check(ok, what, out);
        }
    }

    /* Damaged streams must be rejected (or at least not crash); count outcomes. */
    for (size_t i = 0; i < n; i++) {
        data[i] = (uint8_t)("the quick brown fox "[i % 20] ^ (i % 97 == 0 ? 1 : 0));
    }
    DeflateParams params = deflate_params(6);
    DeflateStats stats = {0};
    Buf packed;
    buf_init(&packed);
    deflate_compress(data, 5000, &params, &packed, &stats);
    unsigned rejected = 0, wrong = 0, truncated_rejected = 0;
    for (size_t i = 0; i < packed.len * 8; i += 5) {
        packed.data[i / 8] ^= (uint8_t)(1u << (i % 8));
        Buf out2;
        buf_init(&out2);
        int e = inflate_decompress(packed.data, packed.len, &out2, NULL);
        if (e != 0) {
            rejected++;
        } else if (out2.len != 5000 || memcmp(out2.data, data, 5000) != 0) {
            wrong++;
        }
        buf_free(&out2);
        packed.data[i / 8] ^= (uint8_t)(1u << (i % 8));
    }
    for (size_t cut = 0; cut < packed.len; cut += 7) {
        Buf out2;
        buf_init(&out2);
        truncated_rejected += inflate_decompress(packed.data, cut, &out2, NULL) != 0;
        buf_free(&out2);
    }
    fprintf(out, "  bit flips: %u rejected, %u decoded to other data\n", rejected, wrong);
    failures += check(truncated_rejected == (packed.len + 6) / 7, "every truncation rejected", out);
    buf_free(&packed);
    free(data);
    fprintf(out, "selftest: %d failures\n", failures);
    return failures ? EXIT_CORRUPT : 0;
}

/* ---- demo: the whole pipeline over a generated tree ---- */

static int demo(const char *dir, unsigned kb, const Settings *s) {
    Timer t = {s->timing, now_seconds()};
    double clock_start = now_seconds();
    int rc = 0;
    char *in = path_join(dir, "in");
    char *out = path_join(dir, "out");
    char *archive = path_join(dir, "tree.wza");
    char *gz = path_join(dir, "chapter-01.txt.gz");
    char *gunz = path_join(dir, "chapter-01.txt");
    char *bad = path_join(dir, "damaged.wza");
    char sum_in[65], sum_out[65];
    if (rc == 0) {
        printf("== gen %s (%u KiB, seed %#llx)\n", in, kb, (unsigned long long)s->seed);
        rc = generate_tree(in, s->seed, kb, stdout);
        phase_done(&t, "gen");
    }
    if (rc == 0) {
        printf("\n== pack (level %d)\n", s->level);
        rc = archive_pack(in, archive, s->level, stdout);
        phase_done(&t, "pack");
    }
    if (rc == 0) {
        printf("\n== list\n");
        rc = archive_list(archive, stdout);
    }
    if (rc == 0) {
        printf("\n== unpack\n");
        rc = archive_unpack(archive, out, stdout);
        phase_done(&t, "unpack");
    }
    if (rc == 0) {
        printf("\n== verify\n");
        rc = archive_verify(archive, out, stdout);
        phase_done(&t, "verify");
    }
    if (rc == 0) {
        printf("\n== sha256 in\n");
        rc = sha256_tree(in, stdout, sum_in);
    }
    if (rc == 0) {
        printf("\n== sha256 out\n");
        rc = sha256_tree(out, stdout, sum_out);
        printf("trees %s (%.16s / %.16s)\n", strcmp(sum_in, sum_out) == 0 ? "identical" : "DIFFER", sum_in,
               sum_out);
        if (strcmp(sum_in, sum_out) != 0) {
            rc = EXIT_CORRUPT;
        }
        phase_done(&t, "sha256");
    }
    if (rc == 0) {
        printf("\n== stats\n");
        rc = stats_tree(in, s->top, stdout);
        phase_done(&t, "stats");
    }
    if (rc == 0) {
        printf("\n== gzip\n");
        char *chapter = path_join(in, "docs/chapter-01.txt");
        rc = gzip_file(chapter, gz, 9, stdout);
        if (rc == 0) {
            rc = gunzip_file(gz, gunz, stdout);
        }
        free(chapter);
        phase_done(&t, "gzip");
    }
    if (rc == 0) {
        printf("\n== zlib, every level\n");
        char *chapter = path_join(in, "docs/chapter-02.txt");
        Buf src;
        if (read_file(chapter, &src) != 0) {
            rc = EXIT_IO;
        } else {
            for (int level = 1; level <= 9 && rc == 0; level++) {
                Buf z, back;
                buf_init(&z);
                buf_init(&back);
                zlib_wrap(src.data, src.len, level, &z);
                int e = zlib_unwrap(z.data, z.len, &back);
                int ok = e == 0 && back.len == src.len && memcmp(back.data, src.data, src.len) == 0;
                printf("  level %d: %zu -> %zu bytes %s\n", level, src.len, z.len, ok ? "ok" : "FAILED");
                rc = ok ? 0 : EXIT_CORRUPT;
                buf_free(&z);
                buf_free(&back);
            }
            buf_free(&src);
        }
        free(chapter);
        phase_done(&t, "zlib");
    }
    if (rc == 0) {
        /* A damaged copy must be caught: the demo succeeds only if verify fails. */
        printf("\n== damaged archive\n");
        Buf a;
        if (read_file(archive, &a) != 0) {
            rc = EXIT_IO;
        } else {
            a.data[a.len / 2] ^= 0x20;
            rc = write_file(bad, a.data, a.len) == 0 ? 0 : EXIT_IO;
            buf_free(&a);
        }
        if (rc == 0) {
            int v = archive_verify(bad, out, stdout);
            printf("verify of the damaged copy: exit %d\n", v);
            rc = v == EXIT_CORRUPT ? 0 : EXIT_CORRUPT;
        }
    }
    double elapsed = now_seconds() - clock_start;
    printf("\nclock: %s\n", elapsed >= 0.0 ? "monotonic" : "went backwards");
    printf("demo: %s\n", rc == 0 ? "ok" : "FAILED");
    free(in);
    free(out);
    free(archive);
    free(gz);
    free(gunz);
    free(bad);
    return rc;
}

static int usage(void) {
    fputs("usage: wzip COMMAND ...\n"
          "  demo DIR [KIB]            generate DIR/in, pack, list, unpack, verify, hash, stats, gzip, zlib\n"
          "  gen DIR [KIB]             generate a deterministic test tree\n"
          "  pack DIR ARCHIVE          pack a directory tree\n"
          "  list ARCHIVE              list an archive\n"
          "  unpack ARCHIVE DIR        unpack an archive\n"
          "  verify ARCHIVE DIR        compare an archive with a directory (exit 3 if they differ)\n"
          "  sha256 DIR                SHA-256 of every file under DIR\n"
          "  stats DIR                 word statistics of the .txt files under DIR\n"
          "  gzip FILE OUT | gunzip FILE OUT\n"
          "  selftest                  known-answer tests\n"
          "environment: WZIP_LEVEL (1..9, default 6), WZIP_TOP (default 20), WZIP_SEED, WZIP_TIMING\n",
          stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv) {
    Settings s = settings_from_env();
    if (argc < 2) {
        return usage();
    }
    const char *cmd = argv[1];
    int n = argc - 2;
    char **a = argv + 2;
    int rc;
    if (strcmp(cmd, "demo") == 0 && (n == 1 || n == 2)) {
        rc = demo(a[0], n == 2 ? parse_unsigned(a[1], "KIB") : 64, &s);
    } else if (strcmp(cmd, "gen") == 0 && (n == 1 || n == 2)) {
        rc = generate_tree(a[0], s.seed, n == 2 ? parse_unsigned(a[1], "KIB") : 64, stdout);
    } else if (strcmp(cmd, "pack") == 0 && n == 2) {
        rc = archive_pack(a[0], a[1], s.level, stdout);
    } else if (strcmp(cmd, "list") == 0 && n == 1) {
        rc = archive_list(a[0], stdout);
    } else if (strcmp(cmd, "unpack") == 0 && n == 2) {
        rc = archive_unpack(a[0], a[1], stdout);
    } else if (strcmp(cmd, "verify") == 0 && n == 2) {
        rc = archive_verify(a[0], a[1], stdout);
    } else if (strcmp(cmd, "sha256") == 0 && n == 1) {
        rc = sha256_tree(a[0], stdout, NULL);
    } else if (strcmp(cmd, "stats") == 0 && n == 1) {
        rc = stats_tree(a[0], s.top, stdout);
    } else if (strcmp(cmd, "gzip") == 0 && n == 2) {
        rc = gzip_file(a[0], a[1], s.level, stdout);
    } else if (strcmp(cmd, "gunzip") == 0 && n == 2) {
        rc = gunzip_file(a[0], a[1], stdout);
    } else if (strcmp(cmd, "selftest") == 0 && n == 0) {
        rc = selftest(stdout);
    } else {
        return usage();
    }
    if (fflush(stdout) != 0) {
        return EXIT_IO;
    }
    return rc;
}
