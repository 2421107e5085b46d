// The stack's peak, measured: the reserved stack is painted with a pattern at reset and, later,
// scanned for the deepest word that no longer holds it.
#ifndef CALMFOOT_STACK_H
#define CALMFOOT_STACK_H

#include <stdint.h>

/** Paints the stack from its bottom up to just below the caller's frame. */
void cf_stack_paint(void);
/** Bytes of the stack used at the deepest so far (the whole stack: it overflowed, or nearly). */
uint32_t cf_stack_peak(void);
/** Bytes reserved for the stack. */
uint32_t cf_stack_bytes(void);

#endif
