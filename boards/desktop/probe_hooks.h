// Declarations boards/Makefile puts at the top of the probe build's copy of the generated
// firmware.c.
#include <stdint.h>
void probe_touch(uint64_t offset, uint64_t len);
uint32_t probe_depth(uint32_t depth);
