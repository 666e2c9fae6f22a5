/*
 * A small SQLite workload for the compile/start-up benchmarks (scripts/bench-compile.sh):
 * an in-memory database, a table of N rows, an index, a few queries with
 * aggregates, joins and string functions. SQLite is a large real program (about
 * 2,500 functions once compiled for wasm32-wasi); a run like this one calls only
 * part of it, which is what lazy compilation is about.
 *
 * Usage: sqlite_bench [ROWS]   (default 2000)
 * Built by scripts/bigprograms/build.sh from SQLite's amalgamation (sqlite3.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include "sqlite3.h"

static int print_row(void *unused, int n, char **values, char **names) {
    (void) unused;
    for (int i = 0; i < n; i++) {
        printf("%s%s=%s", i ? " " : "", names[i], values[i] ? values[i] : "NULL");
    }
    printf("\n");
    return 0;
}

static void exec(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, print_row, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite_bench: %s\n  in: %s\n", err, sql);
        sqlite3_free(err);
        exit(1);
    }
}

int main(int argc, char **argv) {
    int rows = argc > 1 ? atoi(argv[1]) : 2000;
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        fprintf(stderr, "sqlite_bench: cannot open an in-memory database\n");
        return 1;
    }
    exec(db, "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, price REAL, qty INTEGER)");
    exec(db, "CREATE TABLE sale(item INTEGER, day INTEGER, n INTEGER)");
    sqlite3_stmt *ins;
    sqlite3_prepare_v2(db, "INSERT INTO item(name, price, qty) VALUES (?1, ?2, ?3)", -1, &ins, NULL);
    exec(db, "BEGIN");
    unsigned seed = 12345;
    for (int i = 0; i < rows; i++) {
        char name[32];
        seed = seed * 1103515245u + 12345u;
        snprintf(name, sizeof name, "item-%05u", (seed >> 8) % 100000);
        sqlite3_bind_text(ins, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ins, 2, (double) ((seed >> 4) % 10000) / 100.0);
        sqlite3_bind_int(ins, 3, (int) (seed % 50));
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    exec(db, "INSERT INTO sale SELECT id % 97 + 1, id % 31, id % 7 FROM item");
    exec(db, "COMMIT");
    exec(db, "CREATE INDEX item_name ON item(name)");
    exec(db, "SELECT count(*) AS items, round(sum(price * qty), 2) AS stock, max(name) AS last FROM item");
    exec(db, "SELECT substr(name, 1, 6) AS prefix, count(*) AS n, round(avg(price), 3) AS avg_price "
             "FROM item GROUP BY prefix ORDER BY n DESC, prefix LIMIT 3");
    exec(db, "SELECT s.day, sum(s.n * i.price) AS revenue FROM sale s JOIN item i ON i.id = s.item "
             "GROUP BY s.day ORDER BY revenue DESC LIMIT 3");
    exec(db, "SELECT upper(name) AS name, length(name) AS len FROM item WHERE name LIKE 'item-0%' "
             "ORDER BY name LIMIT 2");
    sqlite3_close(db);
    return 0;
}
