/* Text statistics: word and bigram frequencies in open-addressing hash tables,
 * letter counts, a word-length histogram, and the top words by qsort. */
#include "wzip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key;      /* NULL for an empty slot */
    uint32_t hash;
    uint64_t count;
} Slot;

typedef struct {
    Slot *slots;
    size_t cap;     /* a power of two */
    size_t used;
} Table;

struct TextStats {
    Table words;
    Table bigrams;
    uint64_t letters[26];
    uint64_t length_hist[16];   /* the last bucket holds 15 letters and more */
    uint64_t total_words;
    uint64_t lines;
    uint64_t sentences;
    uint64_t bytes;
    double sum_len;
    double sum_len_sq;
    char prev[64];              /* the previous word, for bigrams */
    char longest[64];
};

static uint32_t fnv1a(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static void table_init(Table *t, size_t cap) {
    t->slots = xcalloc(cap, sizeof(Slot));
    t->cap = cap;
    t->used = 0;
}

static void table_grow(Table *t) {
    Slot *old = t->slots;
    size_t old_cap = t->cap;
    table_init(t, old_cap * 2);
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].key) {
            size_t j = old[i].hash & (t->cap - 1);
            while (t->slots[j].key) {
                j = (j + 1) & (t->cap - 1);
            }
            t->slots[j] = old[i];
            t->used++;
        }
    }
    free(old);
}

static void table_add(Table *t, const char *key, size_t n) {
    if ((t->used + 1) * 10 > t->cap * 7) {
        table_grow(t);
    }
    uint32_t h = fnv1a(key, n);
    size_t j = h & (t->cap - 1);
    while (t->slots[j].key) {
        if (t->slots[j].hash == h && strncmp(t->slots[j].key, key, n) == 0 && t->slots[j].key[n] == 0) {
            t->slots[j].count++;
            return;
        }
        j = (j + 1) & (t->cap - 1);
    }
    char *copy = xmalloc(n + 1);
    memcpy(copy, key, n);
    copy[n] = 0;
    t->slots[j] = (Slot){copy, h, 1};
    t->used++;
}

static void table_free(Table *t) {
    for (size_t i = 0; i < t->cap; i++) {
        free(t->slots[i].key);
    }
    free(t->slots);
}

TextStats *textstats_new(void) {
    TextStats *t = xcalloc(1, sizeof(TextStats));
    table_init(&t->words, 64);
    table_init(&t->bigrams, 64);
    return t;
}

static void add_word(TextStats *t, const char *w, size_t n) {
    table_add(&t->words, w, n);
    if (t->prev[0]) {
        char pair[130];
        size_t lp = strlen(t->prev);
        memcpy(pair, t->prev, lp);
        pair[lp] = ' ';
        memcpy(pair + lp + 1, w, n);
        table_add(&t->bigrams, pair, lp + 1 + n);
    }
    memcpy(t->prev, w, n);
    t->prev[n] = 0;
    t->total_words++;
    t->length_hist[n < 15 ? n : 15]++;
    t->sum_len += (double)n;
    t->sum_len_sq += (double)n * (double)n;
    size_t ll = strlen(t->longest);
    if (n > ll || (n == ll && strcmp(t->prev, t->longest) < 0)) {
        memcpy(t->longest, w, n); /* n < 64: words are cut at 63 letters */
        t->longest[n] = 0;
    }
}

void textstats_add(TextStats *t, const uint8_t *p, size_t n) {
    char word[64];
    size_t wl = 0;
    t->bytes += n;
    t->prev[0] = 0; /* bigrams do not span files */
    for (size_t i = 0; i <= n; i++) {
        int c = i < n ? p[i] : ' ';
        if (c >= 'A' && c <= 'Z') {
            c += 'a' - 'A';
        }
        if ((c >= 'a' && c <= 'z') || (c == '\'' && wl > 0)) {
            if (c != '\'') {
                t->letters[c - 'a']++;
            }
            if (wl < sizeof word - 1) {
                word[wl++] = (char)c;
            }
            continue;
        }
        while (wl > 0 && word[wl - 1] == '\'') {
            wl--;
        }
        if (wl > 0) {
            add_word(t, word, wl);
            wl = 0;
        }
        if (c == '\n' && i < n) {
            t->lines++;
        }
        if (c == '.' || c == '!' || c == '?') {
            t->sentences++;
            t->prev[0] = 0;
        }
    }
}

static int by_count_then_key(const void *a, const void *b) {
    const Slot *x = a, *y = b;
    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

static Slot *sorted_slots(const Table *t) {
    Slot *all = xmalloc((t->used ? t->used : 1) * sizeof(Slot));
    size_t k = 0;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->slots[i].key) {
            all[k++] = t->slots[i];
        }
    }
    qsort(all, k, sizeof(Slot), by_count_then_key);
    return all;
}

void textstats_report(TextStats *t, int top, FILE *out) {
    fprintf(out, "bytes %llu, lines %llu, sentences %llu, words %llu, distinct %zu, bigrams %zu\n",
            (unsigned long long)t->bytes, (unsigned long long)t->lines, (unsigned long long)t->sentences,
            (unsigned long long)t->total_words, t->words.used, t->bigrams.used);
    if (t->total_words) {
        double mean = t->sum_len / (double)t->total_words;
        double var = t->sum_len_sq / (double)t->total_words - mean * mean;
        fprintf(out, "word length: mean %.4f, stddev %.4f, longest '%s'\n", mean, sqrt(var > 0 ? var : 0),
                t->longest);
    }
    fprintf(out, "length histogram:");
    for (int i = 1; i < 16; i++) {
        fprintf(out, " %d:%llu", i, (unsigned long long)t->length_hist[i]);
    }
    fputc('\n', out);
    uint64_t letters = 0;
    for (int i = 0; i < 26; i++) {
        letters += t->letters[i];
    }
    fprintf(out, "letters (per mille):");
    for (int i = 0; i < 26; i++) {
        fprintf(out, " %c%llu", 'a' + i, letters ? (unsigned long long)(t->letters[i] * 1000 / letters) : 0ULL);
    }
    fputc('\n', out);

    Slot *words = sorted_slots(&t->words);
    size_t shown = (size_t)top < t->words.used ? (size_t)top : t->words.used;
    fprintf(out, "top %zu words:\n", shown);
    for (size_t i = 0; i < shown; i++) {
        double share = 100.0 * (double)words[i].count / (double)t->total_words;
        fprintf(out, "  %3zu %-14s %7llu %6.2f%%\n", i + 1, words[i].key, (unsigned long long)words[i].count,
                share);
    }
    /* Zipf's law says rank * frequency is roughly constant: show how close it is. */
    if (shown >= 10) {
        double c1 = (double)words[0].count, c10 = (double)words[9].count * 10.0;
        fprintf(out, "zipf ratio (rank 10 vs rank 1): %.3f\n", c10 / c1);
    }
    free(words);
    Slot *pairs = sorted_slots(&t->bigrams);
    shown = (size_t)top / 2 < t->bigrams.used ? (size_t)top / 2 : t->bigrams.used;
    fprintf(out, "top %zu bigrams:\n", shown);
    for (size_t i = 0; i < shown; i++) {
        fprintf(out, "  %3zu %-26s %6llu\n", i + 1, pairs[i].key, (unsigned long long)pairs[i].count);
    }
    free(pairs);
}

void textstats_free(TextStats *t) {
    table_free(&t->words);
    table_free(&t->bigrams);
    free(t);
}
