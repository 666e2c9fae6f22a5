/* WZA, a small archive format: a directory tree packed into one file, each file
 * DEFLATE-compressed (or stored when that is smaller) with its CRC-32 and SHA-256.
 *
 *   "WZA1"  u32 entry count
 *   per entry: u16 path length, path, u8 kind (0 file, 1 directory),
 *              u8 method (0 stored, 8 deflate), u32 size, u32 stored size,
 *              u32 crc32, 32-byte sha256, the stored bytes
 *   u32 crc32 of everything before it
 * All integers little-endian. */
#include "wzip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "WZA1"

typedef struct {
    char *path;
    int is_dir;
    int method;
    uint32_t size;
    uint32_t stored_size;
    uint32_t crc;
    uint8_t sha[32];
    const uint8_t *data;
} Entry;

typedef struct {
    Buf raw;
    Entry *entries;
    uint32_t count;
} Archive;

static void archive_free(Archive *a) {
    for (uint32_t i = 0; i < a->count; i++) {
        free(a->entries[i].path);
    }
    free(a->entries);
    buf_free(&a->raw);
}

static void hex32(const uint8_t *sha, char out[65]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[sha[i] >> 4];
        out[2 * i + 1] = digits[sha[i] & 15];
    }
    out[64] = 0;
}

static void sha_of(const uint8_t *p, size_t n, uint8_t out[32]) {
    Sha256 s;
    sha256_init(&s);
    /* Fed in uneven pieces to exercise the partial-block path. */
    size_t step = 1;
    while (n > 0) {
        size_t k = n < step ? n : step;
        sha256_update(&s, p, k);
        p += k;
        n -= k;
        step = step * 2 + 5;
    }
    sha256_final(&s, out);
}

/* A path inside an archive must stay inside the directory it is unpacked into. */
static int safe_path(const char *p) {
    if (p[0] == 0 || p[0] == '/') {
        return 0;
    }
    const char *seg = p;
    for (const char *c = p;; c++) {
        if (*c == '/' || *c == 0) {
            size_t len = (size_t)(c - seg);
            if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.')) {
                return 0;
            }
            if (*c == 0) {
                return 1;
            }
            seg = c + 1;
        }
    }
}

static int archive_load(const char *file, Archive *a, FILE *report) {
    a->entries = NULL;
    a->count = 0;
    buf_init(&a->raw);
    if (read_file(file, &a->raw) != 0) {
        fprintf(report, "cannot read %s: %s\n", file, strerror(errno));
        return EXIT_IO;
    }
    const uint8_t *p = a->raw.data;
    size_t n = a->raw.len;
    if (n < 12 || memcmp(p, MAGIC, 4) != 0) {
        fprintf(report, "%s: not a WZA archive\n", file);
        return EXIT_CORRUPT;
    }
    uint32_t want = get_u32(p + n - 4);
    uint32_t have = crc32_update(0, p, n - 4);
    if (want != have) {
        fprintf(report, "%s: archive checksum %08x, expected %08x\n", file, have, want);
        return EXIT_CORRUPT;
    }
    uint32_t count = get_u32(p + 4);
    size_t end = n - 4, pos = 8;
    if (count > end / 47) {
        fprintf(report, "%s: entry count %u is impossible\n", file, count);
        return EXIT_CORRUPT;
    }
    a->entries = xcalloc(count ? count : 1, sizeof(Entry));
    for (uint32_t i = 0; i < count; i++) {
        if (pos + 2 > end) {
            goto truncated;
        }
        size_t len = get_u16(p + pos);
        pos += 2;
        if (pos + len + 46 > end) {
            goto truncated;
        }
        Entry *e = &a->entries[i];
        e->path = xmalloc(len + 1);
        memcpy(e->path, p + pos, len);
        e->path[len] = 0;
        a->count = i + 1;
        pos += len;
        e->is_dir = p[pos] == 1;
        e->method = p[pos + 1];
        e->size = get_u32(p + pos + 2);
        e->stored_size = get_u32(p + pos + 6);
        e->crc = get_u32(p + pos + 10);
        memcpy(e->sha, p + pos + 14, 32);
        pos += 46;
        if (e->stored_size > end - pos) {
            goto truncated;
        }
        e->data = p + pos;
        pos += e->stored_size;
        if (strlen(e->path) != len || !safe_path(e->path)) {
            fprintf(report, "%s: entry %u has an unsafe path\n", file, i);
            return EXIT_CORRUPT;
        }
        if (e->method != 0 && e->method != 8) {
            fprintf(report, "%s: %s: unknown method %d\n", file, e->path, e->method);
            return EXIT_CORRUPT;
        }
    }
    if (pos != end) {
        fprintf(report, "%s: %zu bytes of trailing garbage\n", file, end - pos);
        return EXIT_CORRUPT;
    }
    return 0;
truncated:
    fprintf(report, "%s: truncated at byte %zu\n", file, pos);
    return EXIT_CORRUPT;
}

/* The entry's contents, checked against its size, CRC and SHA-256. */
static int entry_contents(const Entry *e, Buf *out, FILE *report) {
    buf_init(out);
    if (e->method == 0) {
        buf_put(out, e->data, e->stored_size);
    } else {
        size_t used = 0;
        int rc = inflate_decompress(e->data, e->stored_size, out, &used);
        if (rc != 0) {
            fprintf(report, "%s: %s\n", e->path, inflate_error(rc));
            return EXIT_CORRUPT;
        }
        if (used != e->stored_size) {
            fprintf(report, "%s: %zu bytes after the compressed data\n", e->path, e->stored_size - used);
            return EXIT_CORRUPT;
        }
    }
    if (out->len != e->size) {
        fprintf(report, "%s: size %zu, expected %u\n", e->path, out->len, e->size);
        return EXIT_CORRUPT;
    }
    uint32_t crc = crc32_update(0, out->data, out->len);
    if (crc != e->crc) {
        fprintf(report, "%s: crc %08x, expected %08x\n", e->path, crc, e->crc);
        return EXIT_CORRUPT;
    }
    uint8_t sha[32];
    sha_of(out->data, out->len, sha);
    if (memcmp(sha, e->sha, 32) != 0) {
        fprintf(report, "%s: sha256 mismatch\n", e->path);
        return EXIT_CORRUPT;
    }
    return 0;
}

int archive_pack(const char *dir, const char *archive, int level, FILE *report) {
    WalkList files;
    if (walk_tree(dir, &files) != 0) {
        fprintf(report, "cannot walk %s: %s\n", dir, strerror(errno));
        return EXIT_IO;
    }
    Buf out;
    buf_init(&out);
    buf_put(&out, MAGIC, 4);
    buf_u32(&out, (uint32_t)files.count);
    DeflateParams params = deflate_params(level);
    DeflateStats stats = {0};
    uint64_t total_in = 0, total_stored = 0;
    int rc = 0;
    for (size_t i = 0; i < files.count && rc == 0; i++) {
        WalkEntry *w = &files.items[i];
        Buf content, packed;
        buf_init(&content);
        buf_init(&packed);
        if (!w->is_dir) {
            char *abs = path_join(dir, w->rel);
            if (read_file(abs, &content) != 0) {
                fprintf(report, "cannot read %s: %s\n", abs, strerror(errno));
                rc = EXIT_IO;
            }
            free(abs);
            if (rc) {
                break;
            }
            deflate_compress(content.data, content.len, &params, &packed, &stats);
        }
        int method = !w->is_dir && packed.len < content.len ? 8 : 0;
        const Buf *body = method == 8 ? &packed : &content;
        uint8_t sha[32];
        sha_of(content.data, content.len, sha);
        size_t len = strlen(w->rel);
        buf_u16(&out, (uint32_t)len);
        buf_put(&out, w->rel, len);
        buf_byte(&out, (uint8_t)w->is_dir);
        buf_byte(&out, (uint8_t)method);
        buf_u32(&out, (uint32_t)content.len);
        buf_u32(&out, (uint32_t)body->len);
        buf_u32(&out, crc32_update(0, content.data, content.len));
        buf_put(&out, sha, 32);
        buf_put(&out, body->data, body->len);
        total_in += content.len;
        total_stored += body->len;
        if (w->is_dir) {
            fprintf(report, "  dir   %s/\n", w->rel);
        } else {
            fprintf(report, "  %-5s %-34s %8zu -> %8zu\n", method == 8 ? "defl" : "store", w->rel, content.len,
                    body->len);
        }
        buf_free(&content);
        buf_free(&packed);
    }
    if (rc == 0) {
        buf_u32(&out, crc32_update(0, out.data, out.len));
        if (write_file(archive, out.data, out.len) != 0) {
            fprintf(report, "cannot write %s: %s\n", archive, strerror(errno));
            rc = EXIT_IO;
        } else {
            fprintf(report, "packed %zu entries: %llu bytes -> %llu stored, archive %zu bytes\n", files.count,
                    (unsigned long long)total_in, (unsigned long long)total_stored, out.len);
            fprintf(report, "blocks: %u stored, %u fixed, %u dynamic; %llu literals, %llu matches (%llu bytes)\n",
                    stats.blocks_stored, stats.blocks_fixed, stats.blocks_dynamic,
                    (unsigned long long)stats.literals, (unsigned long long)stats.matches,
                    (unsigned long long)stats.match_bytes);
        }
    }
    buf_free(&out);
    walk_list_free(&files);
    return rc;
}

int archive_list(const char *file, FILE *report) {
    Archive a;
    int rc = archive_load(file, &a, report);
    if (rc == 0) {
        uint64_t size = 0, stored = 0;
        for (uint32_t i = 0; i < a.count; i++) {
            const Entry *e = &a.entries[i];
            char hex[65];
            hex32(e->sha, hex);
            if (e->is_dir) {
                fprintf(report, "d %8s %8s %8s %.16s %s/\n", "-", "-", "-", "-", e->path);
            } else {
                unsigned permille = e->size ? (unsigned)((uint64_t)e->stored_size * 1000 / e->size) : 1000;
                fprintf(report, "f %8u %8u %3u.%u%% %08x %.12s %s\n", e->size, e->stored_size, permille / 10,
                        permille % 10, e->crc, hex, e->path);
            }
            size += e->size;
            stored += e->stored_size;
        }
        fprintf(report, "%u entries, %llu bytes, %llu stored\n", a.count, (unsigned long long)size,
                (unsigned long long)stored);
    }
    archive_free(&a);
    return rc;
}

int archive_unpack(const char *file, const char *dir, FILE *report) {
    Archive a;
    int rc = archive_load(file, &a, report);
    if (rc == 0 && make_dirs(dir) != 0) {
        fprintf(report, "cannot create %s: %s\n", dir, strerror(errno));
        rc = EXIT_IO;
    }
    unsigned files = 0, dirs = 0;
    for (uint32_t i = 0; rc == 0 && i < a.count; i++) {
        const Entry *e = &a.entries[i];
        char *target = path_join(dir, e->path);
        if (e->is_dir) {
            if (make_dirs(target) != 0) {
                fprintf(report, "cannot create %s: %s\n", target, strerror(errno));
                rc = EXIT_IO;
            }
            dirs++;
        } else {
            Buf content;
            rc = entry_contents(e, &content, report);
            if (rc == 0 && write_file(target, content.data, content.len) != 0) {
                fprintf(report, "cannot write %s: %s\n", target, strerror(errno));
                rc = EXIT_IO;
            }
            buf_free(&content);
            files++;
        }
        free(target);
    }
    if (rc == 0) {
        fprintf(report, "unpacked %u files and %u directories into %s\n", files, dirs, dir);
    }
    archive_free(&a);
    return rc;
}

/* Depth-first order: '/' sorts before every other character, so a directory's
 * contents come right after it, as walk_tree lists them. */
static int path_compare(const char *a, const char *b) {
    for (;; a++, b++) {
        int ca = *a == '/' ? 1 : (unsigned char)*a;
        int cb = *b == '/' ? 1 : (unsigned char)*b;
        if (ca != cb || ca == 0) {
            return ca - cb;
        }
    }
}

int archive_verify(const char *file, const char *dir, FILE *report) {
    Archive a;
    int rc = archive_load(file, &a, report);
    if (rc != 0) {
        archive_free(&a);
        return rc;
    }
    WalkList tree;
    if (walk_tree(dir, &tree) != 0) {
        fprintf(report, "cannot walk %s: %s\n", dir, strerror(errno));
        archive_free(&a);
        return EXIT_IO;
    }
    unsigned problems = 0, same = 0;
    size_t i = 0, j = 0;
    /* Both lists are in the same depth-first sorted order: merge them. */
    while (i < a.count || j < tree.count) {
        int cmp = i == a.count ? 1 : j == tree.count ? -1 : path_compare(a.entries[i].path, tree.items[j].rel);
        if (cmp < 0) {
            fprintf(report, "missing on disk: %s\n", a.entries[i++].path);
            problems++;
        } else if (cmp > 0) {
            fprintf(report, "not in archive: %s\n", tree.items[j++].rel);
            problems++;
        } else {
            const Entry *e = &a.entries[i++];
            const WalkEntry *w = &tree.items[j++];
            if (e->is_dir != w->is_dir) {
                fprintf(report, "kind differs: %s\n", e->path);
                problems++;
                continue;
            }
            if (e->is_dir) {
                same++;
                continue;
            }
            Buf content, disk;
            if (entry_contents(e, &content, report) != 0) {
                buf_free(&content);
                problems++;
                continue;
            }
            char *abs = path_join(dir, w->rel);
            if (read_file(abs, &disk) != 0) {
                fprintf(report, "cannot read %s: %s\n", abs, strerror(errno));
                problems++;
            } else {
                if (disk.len != content.len || memcmp(disk.data, content.data, disk.len) != 0) {
                    size_t k = 0;
                    while (k < disk.len && k < content.len && disk.data[k] == content.data[k]) {
                        k++;
                    }
                    fprintf(report, "differs: %s (first difference at byte %zu)\n", e->path, k);
                    problems++;
                } else {
                    same++;
                }
                buf_free(&disk);
            }
            free(abs);
            buf_free(&content);
        }
    }
    fprintf(report, "verify: %u entries match, %u problems\n", same, problems);
    walk_list_free(&tree);
    archive_free(&a);
    return problems ? EXIT_CORRUPT : 0;
}
