// A fixed arena for a runtime's allocations (wasm3's, through calloc/realloc/free renamed at its
// compile: see the Makefile), reset whole when the board restarts the firmware. With the C heap,
// re-instantiation after re-instantiation fragmented newlib's heap and the RAM taken grew with
// every restart; a reset arena cannot grow: each instance starts from the same empty block.
#ifndef CALMFOOT_ARENA_H
#define CALMFOOT_ARENA_H

#include <stddef.h>
#include <stdint.h>

/** Forgets every block: the whole arena is free again. */
void cf_arena_reset(void);
void* cf_arena_calloc(size_t count, size_t size);
/** Grows the last block in place; any other block moves (its old bytes are not reused). */
void* cf_arena_realloc(void* block, size_t size);
/** Gives back the last block only (a bump allocator); other blocks wait for the reset. */
void cf_arena_free(void* block);
/** The highest the arena has been filled since the last reset, bytes. */
uint32_t cf_arena_high_water(void);
uint32_t cf_arena_bytes(void);

#endif
