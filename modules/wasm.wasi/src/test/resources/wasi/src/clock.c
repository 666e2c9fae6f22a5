// Reads the clocks and sleeps (clock_time_get, clock_res_get, poll_oneoff); prints only checks, never times.
#include <stdio.h>
#include <time.h>

static long long ns(struct timespec t) {
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
    struct timespec real, m1, m2, res, cpu;
    clock_gettime(CLOCK_REALTIME, &real);
    printf("realtime after 2020: %s\n", real.tv_sec > 1577836800 ? "yes" : "no");
    clock_gettime(CLOCK_MONOTONIC, &m1);
    struct timespec nap = {0, 20 * 1000 * 1000};
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &m2);
    printf("monotonic advanced by the 20ms sleep: %s\n", ns(m2) - ns(m1) >= 20000000LL ? "yes" : "no");
    printf("monotonic resolution known: %s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 ? "yes" : "no");
    printf("process cputime readable: %s\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0 ? "yes" : "no");
    // time() next to a fresh realtime read: between the first read and here a loaded machine may
    // spend seconds (the sleep, the prints, lazy compiles); a first call to time() warms it up
    time(NULL);
    struct timespec real2;
    clock_gettime(CLOCK_REALTIME, &real2);
    time_t now = time(NULL);
    printf("time() agrees with realtime: %s\n",
           now >= real.tv_sec && now >= real2.tv_sec && now - real2.tv_sec <= 2 ? "yes" : "no");
    return 0;
}
