// calmfoot's own wasm2c runtime: everything the generated firmware.c needs from "wasm-rt.h",
// and nothing that allocates. One static block is the firmware's linear memory; a trap unwinds
// with longjmp to the backend's guard (wasm2c.c), after which the board core puts the actuators
// in a safe state and restarts the firmware, as a microcontroller board would.
//
// The block is the module's one page (64 KiB) unless CF_MEMORY_BYTES says less: the low-RAM
// profile gives the firmware only the bytes it can reach (its static data, up to __heap_base).
// The module still sees one page (memory.size is 1), but every bounds check is made against
// CF_MEMORY_BYTES, so an access past it traps, and the trap takes the safe restart path. This is
// where the profile departs from the WebAssembly spec; docs/porting.md says why it is safe.
//
// Written for the wasm-rt.h that ships with the installed wabt (1.0.3x). The few places where
// wasm-rt.h differs between wabt releases are selected with the header's own macros, or with
// CF_RT_* flags that boards/Makefile derives from the header.

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "wasm-rt.h"
#include "wasm_rt_static.h"

/** HAL ABI v1 fixes the module's memory at one page, initial and maximum. */
#define CF_PAGE_BYTES 65536u
#ifndef CF_MEMORY_BYTES
#define CF_MEMORY_BYTES CF_PAGE_BYTES
#endif
_Static_assert(CF_MEMORY_BYTES > 0 && CF_MEMORY_BYTES <= CF_PAGE_BYTES, "the board gives at most the module's one page");
static uint8_t cf_linear_memory[CF_MEMORY_BYTES] __attribute__((aligned(16)));
static bool cf_memory_in_use = false;

static bool cf_initialized = false;
static cf_trap_handler_t cf_trap_handler = 0;
static cf_fatal_handler_t cf_fatal_handler = 0;

#if WASM_RT_USE_STACK_DEPTH_COUNT
#ifdef WASM_RT_THREAD_LOCAL
WASM_RT_THREAD_LOCAL
#endif
uint32_t wasm_rt_call_stack_depth = 0;
#endif

void cf_rt_set_handlers(cf_trap_handler_t on_trap, cf_fatal_handler_t on_fatal) {
  cf_trap_handler = on_trap;
  cf_fatal_handler = on_fatal;
}

uint8_t* cf_rt_memory_base(void) { return cf_linear_memory; }
uint32_t cf_rt_memory_bytes(void) { return CF_MEMORY_BYTES; }

/** Something the runtime cannot do without allocating: not a firmware trap, a build mistake. */
static void cf_fatal(const char* why) {
  if (cf_fatal_handler) cf_fatal_handler(why);
  __builtin_trap();
}

void wasm_rt_init(void) { cf_initialized = true; }
bool wasm_rt_is_initialized(void) { return cf_initialized; }
void wasm_rt_free(void) { cf_initialized = false; }

void wasm_rt_trap(wasm_rt_trap_t code) {
#if WASM_RT_USE_STACK_DEPTH_COUNT
  // The unwound frames never ran their epilogues.
  wasm_rt_call_stack_depth = 0;
#endif
  if (cf_trap_handler) cf_trap_handler((int)code);  // longjmps; does not return
  cf_fatal("trap with no handler");
  __builtin_unreachable();
}

const char* wasm_rt_strerror(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_NONE: return "no error";
    case WASM_RT_TRAP_OOB: return "out of bounds memory access";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable";
    case WASM_RT_TRAP_CALL_INDIRECT: return "indirect call type mismatch";
    default: return "trap";
  }
}

// ─── Function types: interned in a fixed table, equal signatures get equal indices ──────────

#ifndef CF_MAX_FUNC_TYPES
#define CF_MAX_FUNC_TYPES 32
#endif
#define CF_MAX_TYPE_ARITY 12
typedef struct {
  uint8_t params, results;
  uint8_t types[CF_MAX_TYPE_ARITY];
} cf_func_type_t;
static cf_func_type_t cf_func_types[CF_MAX_FUNC_TYPES];
static uint32_t cf_func_type_count = 0;

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  if (params + results > CF_MAX_TYPE_ARITY) cf_fatal("function type with too many values");
  cf_func_type_t t;
  memset(&t, 0, sizeof t);
  t.params = (uint8_t)params;
  t.results = (uint8_t)results;
  va_list args;
  va_start(args, results);
  for (uint32_t i = 0; i < params + results; i++) t.types[i] = (uint8_t)va_arg(args, int);
  va_end(args);
  for (uint32_t i = 0; i < cf_func_type_count; i++) {
    if (memcmp(&cf_func_types[i], &t, sizeof t) == 0) return i + 1;
  }
  if (cf_func_type_count == CF_MAX_FUNC_TYPES) cf_fatal("too many function types");
  cf_func_types[cf_func_type_count++] = t;
  return cf_func_type_count;  // 0 stays free: no valid type
}

// ─── Linear memory: the one static page ───────────────────────────────────────

static void cf_take_memory(wasm_rt_memory_t* memory, uint64_t initial_pages, uint64_t max_pages) {
  if (initial_pages != 1 || max_pages != 1) cf_fatal("firmware memory must be exactly 1 page (HAL ABI v1)");
  if (cf_memory_in_use) cf_fatal("only one firmware instance at a time");
  cf_memory_in_use = true;
  // WebAssembly memory starts zeroed; a restarted firmware gets a clean page, like a power-on.
  memset(cf_linear_memory, 0, CF_MEMORY_BYTES);
  memory->data = cf_linear_memory;
  memory->pages = 1;
  memory->max_pages = 1;
  memory->size = CF_MEMORY_BYTES;  // what the generated bounds checks compare against
}

#if CF_RT_IS64_API
void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint64_t initial_pages, uint64_t max_pages, bool is64) {
  if (is64) cf_fatal("memory64 is not supported");
  memory->is64 = false;
  cf_take_memory(memory, initial_pages, max_pages);
}
uint64_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint64_t pages) {
  return pages == 0 ? memory->pages : (uint64_t)-1;
}
#else
void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages, uint32_t max_pages) {
  cf_take_memory(memory, initial_pages, max_pages);
}
uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t pages) {
  // The page is all there is: memory.grow fails (returns -1), it never allocates.
  return pages == 0 ? memory->pages : UINT32_MAX;
}
#endif

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  if (memory->data == cf_linear_memory) cf_memory_in_use = false;
  memory->data = 0;
  memory->size = 0;
}

// ─── Tables: a small static pool for a module that uses call_indirect ─────────────────────

#ifndef CF_TABLE_SLOTS
#define CF_TABLE_SLOTS 64
#endif
static wasm_rt_funcref_t cf_funcref_slots[CF_TABLE_SLOTS];
static bool cf_funcref_in_use = false;

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t* table, uint32_t elements, uint32_t max_elements) {
  (void)max_elements;
  if (elements > CF_TABLE_SLOTS || cf_funcref_in_use) cf_fatal("function table larger than the static pool");
  cf_funcref_in_use = true;
  for (uint32_t i = 0; i < CF_TABLE_SLOTS; i++) cf_funcref_slots[i] = wasm_rt_funcref_null_value;
  table->data = cf_funcref_slots;
  table->size = elements;
  table->max_size = elements;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t* table) {
  if (table->data == cf_funcref_slots) cf_funcref_in_use = false;
  table->data = 0;
  table->size = 0;
}

uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t* table, uint32_t delta, wasm_rt_funcref_t init) {
  (void)init;
  return delta == 0 ? table->size : UINT32_MAX;
}
