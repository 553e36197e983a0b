#ifndef MALLOC_COUNTER_H
#define MALLOC_COUNTER_H
#include <stdint.h>

/// Number of malloc/calloc/realloc/aligned allocations made by the process so far
/// (0 when interposition is unavailable, e.g. on non-glibc platforms).
uint64_t malloc_counter_allocations(void);

#endif
