/*
 * C reference for `hft bench book-vs-c`: ITCH 5.0 decode + full L3 book, written the way a plain, strong C feed
 * handler would be, to measure the Java book (dev.hft.book.OrderBooks) against. It does the same work:
 *
 *  - decode: every message's type and length are checked against the ITCH 5.0 length table (a bad one is
 *    neither counted nor applied); fields are read big-endian straight from the buffer.
 *  - R names the locate, H and h set its trading state, P adds to its P shares; A F E C X D U change resting
 *    orders with the Java book's rules (duplicate adds, zero shares, bad sides, unknown references and
 *    references resting under another locate are skipped; oversized E/C/X are clamped; E/C count their wire
 *    shares as executed).
 *  - book: per locate and side, price-ordered levels (best last, so top of book is O(1)), each level a FIFO
 *    queue of its orders (doubly linked), with total shares and order count.
 *
 * Data structures (no hash where an index will do):
 *  - orders: one array indexed by the order reference itself (16 bytes: shares, level, queue links), mapped
 *    with MAP_NORESERVE so only the pages of references actually used are committed, and grown (mremap) by
 *    reference. References must be below 2^32 - 1 (NASDAQ's are); a larger one stops the run.
 *  - levels: one 32-byte record per level in one array (free list), found from an order by its index.
 *  - price -> level, per locate and side: a sorted array of (key << 32 | level), binary searched on add; a new
 *    or emptied level is inserted or removed with memmove.
 *
 * Compiled with -DHUGE_PAGES, the order array and the file buffer are madvise(MADV_HUGEPAGE)d (transparent huge
 * pages, to compare with a JVM run with -XX:+UseTransparentHugePages).
 *
 * Usage: itch_book_ref FILE.itch ROUNDS
 * The BinaryFILE (2-byte big-endian length + message) is read into memory once; each round rebuilds the books
 * from empty (the order pages stay committed and are zeroed between rounds, outside the timing). Prints the
 * nanoseconds of every round (wall clock, then the thread's CPU time), then the totals of the last round.
 */
#define _GNU_SOURCE
#include <endian.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define NONE 0xFFFFFFFFu
#define LOCATES 65536

typedef struct { uint32_t shares, level, prev, next; } order_t; /* level 0 is never used: not resting */
typedef struct { uint64_t shares; uint32_t price, orders, head, tail, owner, next_free; } level_t;
typedef struct { uint64_t *entries; uint32_t count, cap; } side_t;
typedef struct { uint64_t stock; int64_t executed_shares, trades_p_shares; uint8_t trading_state, halt, active, declared; } book_t;

static order_t *orders;
static uint64_t order_limit; /* references the mapping covers */
static uint64_t max_ref_seen;
static level_t *levels;
static uint32_t level_cap, free_level;
static side_t sides[LOCATES * 2]; /* locate << 1 | side; side 0 bid, 1 ask */
static book_t books[LOCATES];
static int64_t live_orders, messages;
static uint8_t lengths[256];

static inline uint16_t u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return be16toh(v); }
static inline uint32_t u32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return be32toh(v); }
static inline uint64_t u64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return be64toh(v); }

/* Ascending keys put the best level last: bids by price, asks by the complement of the price. */
static inline uint32_t key_of(int side, uint32_t price) { return side == 0 ? price : ~price; }

static void grow_orders(uint64_t ref) {
    if (ref >= NONE) {
        fprintf(stderr, "order reference %llu: this baseline indexes orders by reference below 2^32 - 1\n", (unsigned long long)ref);
        exit(3);
    }
    uint64_t limit = order_limit;
    while (limit <= ref) limit *= 2;
    void *p = mremap(orders, order_limit * sizeof(order_t), limit * sizeof(order_t), MREMAP_MAYMOVE);
    if (p == MAP_FAILED) { perror("mremap"); exit(2); }
#ifdef HUGE_PAGES
    madvise(p, limit * sizeof(order_t), MADV_HUGEPAGE);
#endif
    orders = p;
    order_limit = limit;
}

/* Index of key in the side, or -(insertion point) - 1. */
static inline int search(const side_t *s, uint32_t key) {
    const uint64_t *e = s->entries;
    int lo = 0, hi = (int)s->count - 1;
    while (lo <= hi) {
        int mid = (int)((unsigned)(lo + hi) >> 1);
        uint32_t k = (uint32_t)(e[mid] >> 32);
        if (k < key) lo = mid + 1; else if (k > key) hi = mid - 1; else return mid;
    }
    return -(lo + 1);
}

static uint32_t new_level(uint32_t owner, uint32_t price) {
    if (free_level == NONE) {
        uint32_t old = level_cap;
        level_cap *= 2;
        levels = realloc(levels, (size_t)level_cap * sizeof(level_t));
        if (!levels) { fprintf(stderr, "out of memory\n"); exit(2); }
        for (uint32_t i = level_cap; i-- > old;) { levels[i].next_free = free_level; free_level = i; }
    }
    uint32_t l = free_level;
    level_t *L = &levels[l];
    free_level = L->next_free;
    L->shares = 0; L->price = price; L->orders = 0; L->head = NONE; L->tail = NONE; L->owner = owner;
    return l;
}

static void add(uint32_t locate, uint64_t ref, int side, uint32_t shares, uint32_t price) {
    if (shares == 0) return;
    if (ref >= order_limit) grow_orders(ref);
    order_t *o = &orders[ref];
    if (o->level != 0) return; /* the reference is resting: duplicate add skipped */
    if (ref > max_ref_seen) max_ref_seen = ref;
    books[locate].active = 1;
    side_t *s = &sides[locate << 1 | side];
    uint32_t key = key_of(side, price);
    int i = search(s, key);
    uint32_t l;
    if (i >= 0) {
        l = (uint32_t)s->entries[i];
    } else {
        i = -i - 1;
        if (s->count == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 16;
            s->entries = realloc(s->entries, s->cap * sizeof(uint64_t));
            if (!s->entries) { fprintf(stderr, "out of memory\n"); exit(2); }
        }
        memmove(s->entries + i + 1, s->entries + i, (s->count - i) * sizeof(uint64_t));
        l = new_level(locate << 1 | side, price);
        s->entries[i] = (uint64_t)key << 32 | l;
        s->count++;
    }
    level_t *L = &levels[l];
    uint32_t r = (uint32_t)ref;
    o->shares = shares; o->level = l; o->prev = L->tail; o->next = NONE;
    if (L->tail == NONE) L->head = r; else orders[L->tail].next = r;
    L->tail = r;
    L->shares += shares;
    L->orders++;
    live_orders++;
}

/* The resting order of ref under locate, or NULL (unknown, or resting under another locate). */
static inline order_t *lookup(uint32_t locate, uint64_t ref) {
    if (ref >= order_limit) return NULL;
    order_t *o = &orders[ref];
    if (o->level == 0 || levels[o->level].owner >> 1 != locate) return NULL;
    return o;
}

static void remove_order(order_t *o) {
    uint32_t l = o->level;
    level_t *L = &levels[l];
    if (o->prev == NONE) L->head = o->next; else orders[o->prev].next = o->next;
    if (o->next == NONE) L->tail = o->prev; else orders[o->next].prev = o->prev;
    L->shares -= o->shares;
    L->orders--;
    o->level = 0;
    live_orders--;
    if (L->orders == 0) {
        side_t *s = &sides[L->owner];
        int i = search(s, key_of(L->owner & 1, L->price));
        memmove(s->entries + i, s->entries + i + 1, (s->count - i - 1) * sizeof(uint64_t));
        s->count--;
        L->next_free = free_level;
        free_level = l;
    }
}

static void reduce(uint32_t locate, uint64_t ref, uint32_t shares, int executed) {
    order_t *o = lookup(locate, ref);
    if (!o) return;
    if (executed) books[locate].executed_shares += shares;
    if (shares >= o->shares) {
        remove_order(o);
    } else if (shares > 0) {
        o->shares -= shares;
        levels[o->level].shares -= shares;
    }
}

static inline void apply(const uint8_t *m, uint32_t len) {
    if (lengths[m[0]] != len) return; /* unknown type or bad length */
    messages++;
    uint32_t locate = u16(m + 1);
    switch (m[0]) {
    case 'R': books[locate].stock = u64(m + 11); books[locate].declared = 1; break;
    case 'H': books[locate].trading_state = m[19]; break;
    case 'h': books[locate].halt = m[20]; break;
    case 'A': case 'F': {
        uint8_t bs = m[19];
        if (bs == 'B' || bs == 'S') add(locate, u64(m + 11), bs == 'S', u32(m + 20), u32(m + 32));
        break;
    }
    case 'E': case 'C': reduce(locate, u64(m + 11), u32(m + 19), 1); break;
    case 'X': reduce(locate, u64(m + 11), u32(m + 19), 0); break;
    case 'D': { order_t *o = lookup(locate, u64(m + 11)); if (o) remove_order(o); break; }
    case 'U': {
        order_t *o = lookup(locate, u64(m + 11));
        if (!o) break;
        int side = levels[o->level].owner & 1;
        remove_order(o);
        add(locate, u64(m + 19), side, u32(m + 27), u32(m + 31));
        break;
    }
    case 'P': books[locate].active = 1; books[locate].trades_p_shares += u32(m + 20); break;
    default: break;
    }
}

static void reset(void) {
    memset(orders, 0, (max_ref_seen + 1) * sizeof(order_t));
    max_ref_seen = 0;
    for (int i = 0; i < LOCATES * 2; i++) sides[i].count = 0;
    memset(books, 0, sizeof(books));
    free_level = NONE;
    for (uint32_t i = level_cap; i-- > 1;) { levels[i].next_free = free_level; free_level = i; }
    live_orders = messages = 0;
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
    uint8_t *data = mmap(NULL, (size_t)size + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data == MAP_FAILED) { fprintf(stderr, "out of memory\n"); return 2; }
#ifdef HUGE_PAGES
    madvise(data, (size_t)size + 1, MADV_HUGEPAGE);
#endif
    if (fread(data, 1, (size_t)size, f) != (size_t)size) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
    fclose(f);
    int rounds = atoi(argv[2]);
    const char *types = "SRHYLVWKJhAFECXDUPQBINO";
    const uint8_t type_lengths[] = {12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44, 40, 19, 50, 20, 48};
    for (int t = 0; types[t]; t++) lengths[(uint8_t)types[t]] = type_lengths[t];
    order_limit = 1 << 20;
    orders = mmap(NULL, order_limit * sizeof(order_t), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
#ifdef HUGE_PAGES
    madvise(orders, order_limit * sizeof(order_t), MADV_HUGEPAGE);
#endif
    level_cap = 1024;
    levels = malloc(level_cap * sizeof(level_t));
    if (orders == MAP_FAILED || !levels) { fprintf(stderr, "out of memory\n"); return 2; }
    for (int round = 0; round < rounds; round++) {
        reset();
        struct timespec t0, t1, c0, c1;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (long off = 0; off + 2 <= size;) {
            uint32_t len = u16(data + off);
            if (len == 0 || off + 2 + len > size) break;
            apply(data + off + 2, len);
            off += 2 + len;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
        printf("round_ns %lld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
        printf("round_cpu_ns %lld\n", (long long)(c1.tv_sec - c0.tv_sec) * 1000000000LL + (c1.tv_nsec - c0.tv_nsec));
    }
    int64_t resting = 0, level_count = 0, executed = 0;
    for (int i = 0; i < LOCATES * 2; i++) {
        level_count += sides[i].count;
        for (uint32_t k = 0; k < sides[i].count; k++) resting += (int64_t)levels[(uint32_t)sides[i].entries[k]].shares;
    }
    for (int i = 0; i < LOCATES; i++) executed += books[i].executed_shares;
    printf("messages %lld\nlive_orders %lld\nresting_shares %lld\nlevels %lld\nexecuted_shares %lld\n",
           (long long)messages, (long long)live_orders, (long long)resting, (long long)level_count, (long long)executed);
    return 0;
}
