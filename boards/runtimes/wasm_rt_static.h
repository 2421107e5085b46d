// The board's side of calmfoot's static wasm2c runtime (wasm_rt_static.c).
#ifndef CALMFOOT_WASM_RT_STATIC_H
#define CALMFOOT_WASM_RT_STATIC_H

#include <stdint.h>

/** Called by wasm_rt_trap with the trap code; must not return (the board longjmps). */
typedef void (*cf_trap_handler_t)(int trap_code);
/** Called for a runtime misuse that no firmware restart can fix; must not return. */
typedef void (*cf_fatal_handler_t)(const char* why);

void cf_rt_set_handlers(cf_trap_handler_t on_trap, cf_fatal_handler_t on_fatal);
/** The static block that is the firmware's linear memory, and its size (CF_MEMORY_BYTES). */
uint8_t* cf_rt_memory_base(void);
uint32_t cf_rt_memory_bytes(void);

#endif
