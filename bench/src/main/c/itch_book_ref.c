/*
 * C reference for `hft bench book-vs-c`: ITCH 5.0 decode + L3 book the way C/C++ feed handlers do it.
 * Packed structs are cast over the message bytes, big-endian fields read with be16toh/be32toh/be64toh.
 * Book: open-addressing hash map ref -> order (linear probing, backward-shift delete) and a hash map
 * (locate, side, price) -> level {shares, orders}. Only A F E C X D U change resting orders, as in the Java book.
 *
 * Usage: itch_book_ref FILE.itch ROUNDS
 * The BinaryFILE (2-byte big-endian length + message) is read into memory once; each round rebuilds the book
 * from empty. Prints the totals of the last round and the nanoseconds of every round.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PACKED __attribute__((packed))

typedef struct PACKED { char type; uint16_t locate; uint16_t tracking; uint8_t ts[6]; } header_t;
typedef struct PACKED { header_t h; uint64_t ref; char side; uint32_t shares; char stock[8]; uint32_t price; } add_t;
typedef struct PACKED { header_t h; uint64_t ref; char side; uint32_t shares; char stock[8]; uint32_t price; char mpid[4]; } add_mpid_t;
typedef struct PACKED { header_t h; uint64_t ref; uint32_t shares; uint64_t match; } executed_t;
typedef struct PACKED { header_t h; uint64_t ref; uint32_t shares; uint64_t match; char printable; uint32_t price; } executed_price_t;
typedef struct PACKED { header_t h; uint64_t ref; uint32_t shares; } cancel_t;
typedef struct PACKED { header_t h; uint64_t ref; } delete_t;
typedef struct PACKED { header_t h; uint64_t ref; uint64_t new_ref; uint32_t shares; uint32_t price; } replace_t;

typedef struct { uint64_t ref; uint32_t price; uint32_t shares; uint16_t locate; uint8_t side; uint8_t used; } order_t;
typedef struct { uint64_t key; int64_t shares; int64_t orders; uint8_t used; } level_t;

static order_t *orders;
static uint64_t order_mask;
static level_t *levels;
static uint64_t level_mask;
static int64_t live_orders, executed_shares, messages;

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL; x ^= x >> 33;
    return x;
}

static order_t *find_order(uint64_t ref) {
    for (uint64_t i = mix(ref) & order_mask;; i = (i + 1) & order_mask) {
        if (!orders[i].used) return NULL;
        if (orders[i].ref == ref) return &orders[i];
    }
}

static void remove_order(order_t *o) {
    uint64_t i = (uint64_t)(o - orders);
    for (uint64_t j = i;;) {
        j = (j + 1) & order_mask;
        if (!orders[j].used) break;
        uint64_t k = mix(orders[j].ref) & order_mask;
        if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
            orders[i] = orders[j];
            i = j;
        }
    }
    orders[i].used = 0;
    live_orders--;
}

static level_t *level(uint16_t locate, uint8_t side, uint32_t price) {
    uint64_t key = ((uint64_t)locate << 40) | ((uint64_t)side << 32) | price;
    for (uint64_t i = mix(key) & level_mask;; i = (i + 1) & level_mask) {
        if (!levels[i].used) {
            levels[i].used = 1;
            levels[i].key = key;
            return &levels[i];
        }
        if (levels[i].key == key) return &levels[i];
    }
}

static void add(uint16_t locate, uint64_t ref, char side, uint32_t shares, uint32_t price) {
    uint64_t i = mix(ref) & order_mask;
    while (orders[i].used) {
        if (orders[i].ref == ref) return; /* duplicate reference: ignored, as a counted anomaly would be */
        i = (i + 1) & order_mask;
    }
    orders[i] = (order_t){ref, price, shares, locate, side == 'B', 1};
    live_orders++;
    level_t *l = level(locate, side == 'B', price);
    l->shares += shares;
    l->orders++;
}

static void reduce(uint64_t ref, uint32_t shares, int executed) {
    order_t *o = find_order(ref);
    if (!o) return;
    if (shares > o->shares) shares = o->shares;
    if (executed) executed_shares += shares;
    level_t *l = level(o->locate, o->side, o->price);
    l->shares -= shares;
    o->shares -= shares;
    if (o->shares == 0) {
        l->orders--;
        remove_order(o);
    }
}

static void delete_order(uint64_t ref) {
    order_t *o = find_order(ref);
    if (!o) return;
    level_t *l = level(o->locate, o->side, o->price);
    l->shares -= o->shares;
    l->orders--;
    remove_order(o);
}

static void replace(uint64_t ref, uint64_t new_ref, uint32_t shares, uint32_t price) {
    order_t *o = find_order(ref);
    if (!o) return;
    uint16_t locate = o->locate;
    char side = o->side ? 'B' : 'S';
    delete_order(ref);
    add(locate, new_ref, side, shares, price);
}

static void apply(const uint8_t *m) {
    messages++;
    switch (m[0]) {
    case 'A': { const add_t *a = (const add_t *)m; add(be16toh(a->h.locate), be64toh(a->ref), a->side, be32toh(a->shares), be32toh(a->price)); break; }
    case 'F': { const add_mpid_t *a = (const add_mpid_t *)m; add(be16toh(a->h.locate), be64toh(a->ref), a->side, be32toh(a->shares), be32toh(a->price)); break; }
    case 'E': { const executed_t *e = (const executed_t *)m; reduce(be64toh(e->ref), be32toh(e->shares), 1); break; }
    case 'C': { const executed_price_t *e = (const executed_price_t *)m; reduce(be64toh(e->ref), be32toh(e->shares), 1); break; }
    case 'X': { const cancel_t *x = (const cancel_t *)m; reduce(be64toh(x->ref), be32toh(x->shares), 0); break; }
    case 'D': { const delete_t *d = (const delete_t *)m; delete_order(be64toh(d->ref)); break; }
    case 'U': { const replace_t *u = (const replace_t *)m; replace(be64toh(u->ref), be64toh(u->new_ref), be32toh(u->shares), be32toh(u->price)); break; }
    default: break;
    }
}

static uint64_t pow2_at_least(uint64_t n) {
    uint64_t p = 1024;
    while (p < n) p <<= 1;
    return p;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE.itch ROUNDS\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc((size_t)size);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
    fclose(f);
    int rounds = atoi(argv[2]);
    uint64_t most_orders = (uint64_t)size / 36 + 1; /* the smallest add message with its length prefix is 38 bytes */
    order_mask = pow2_at_least(2 * most_orders) - 1;
    level_mask = pow2_at_least(2 * most_orders) - 1;
    orders = calloc(order_mask + 1, sizeof(order_t));
    levels = calloc(level_mask + 1, sizeof(level_t));
    if (!orders || !levels) { fprintf(stderr, "out of memory\n"); return 2; }
    for (int round = 0; round < rounds; round++) {
        memset(orders, 0, (order_mask + 1) * sizeof(order_t));
        memset(levels, 0, (level_mask + 1) * sizeof(level_t));
        live_orders = executed_shares = messages = 0;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long off = 0; off + 2 <= size;) {
            uint16_t len = be16toh(*(const uint16_t *)(data + off));
            if (len == 0 || off + 2 + len > size) break;
            apply(data + off + 2);
            off += 2 + len;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("round_ns %lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
    }
    int64_t resting = 0, level_count = 0;
    for (uint64_t i = 0; i <= level_mask; i++) {
        if (levels[i].used && levels[i].orders > 0) {
            resting += levels[i].shares;
            level_count++;
        }
    }
    printf("messages %lld\nlive_orders %lld\nresting_shares %lld\nlevels %lld\nexecuted_shares %lld\n",
           (long long)messages, (long long)live_orders, (long long)resting, (long long)level_count, (long long)executed_shares);
    return 0;
}
