// The WAMR backend: WAMR 2.4.5's classic or fast interpreter (chosen when WAMR is built, see
// wamr/CMakeLists.txt). Everything WAMR allocates, the module's linear memory included, comes from
// one static pool (Alloc_With_Pool); cf_runtime_start builds the runtime afresh on it, so a
// restarted instance takes exactly the RAM the first one took.
//
// Low RAM: when the module exports __heap_base and __data_end and never grows its memory, WAMR's
// loader shrinks the memory to __heap_base (WASM_ENABLE_SHRUNK_MEMORY): the firmware then costs
// its static data, not a 64 KiB page; an access past it traps into the safe restart path.
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "wasm_export.h"
#include "../core/board.h"
#include "../core/hal.h"
#include "runtime.h"

/** 1: the fast interpreter (WAMR built with WAMR_BUILD_FAST_INTERP=1), 0: the classic one. */
#ifndef CF_WAMR_FAST
#define CF_WAMR_FAST 0
#endif
/** The pool every WAMR allocation comes from, bytes. */
#ifndef CF_WAMR_POOL_BYTES
#define CF_WAMR_POOL_BYTES (160u * 1024u)
#endif
/** The interpreter's stack for the module's operands, locals and frames, bytes. */
#ifndef CF_WAMR_STACK_BYTES
#define CF_WAMR_STACK_BYTES 4096u
#endif
#ifndef CF_ARENA_SECTION
#define CF_ARENA_SECTION
#endif

static uint8_t pool[CF_WAMR_POOL_BYTES] CF_ARENA_SECTION __attribute__((aligned(8)));
static wasm_module_t module;
static wasm_module_inst_t instance;
static wasm_exec_env_t exec_env;
static wasm_function_inst_t functions[CF_EXPORT_COUNT];
/** The classic interpreter runs the module's bytes in place and rewrites some: they live in RAM. */
static uint8_t* module_bytes;
static char error_text[128];
static bool runtime_up = false;
static uint32_t pool_high_water = 0;

// ─── HAL imports (module "hal"): native functions get the exec env first ──────────────────

static void hal_set_vibration(wasm_exec_env_t env, int32_t duty_permille) { (void)env; cf_hal_set_vibration(duty_permille); }
static void hal_set_heater(wasm_exec_env_t env, int32_t duty_permille) { (void)env; cf_hal_set_heater(duty_permille); }
static void hal_set_led(wasm_exec_env_t env, int32_t pattern) { (void)env; cf_hal_set_led(pattern); }
static void hal_emit(wasm_exec_env_t env, int32_t kind, int32_t now, int32_t a, int32_t b) {
  (void)env;
  cf_hal_emit(kind, (uint32_t)now, a, b);
}
static void hal_panic(wasm_exec_env_t env, int32_t code) { (void)env; cf_hal_panic(code); }

/** WAMR sorts this table in place when it registers it. */
static NativeSymbol hal_natives[] = {
  { "set_vibration", (void*)hal_set_vibration, "(i)", NULL },
  { "set_heater", (void*)hal_set_heater, "(i)", NULL },
  { "set_led", (void*)hal_set_led, "(i)", NULL },
  { "emit", (void*)hal_emit, "(iiii)", NULL },
  { "panic", (void*)hal_panic, "(i)", NULL },
};

// ─── What platform/platform.c asks of the board ─────────────────────────────────────────────

void cf_wamr_log(const char* text) {
  // WAMR's log lines end in a newline; a note has none.
  char line[160];
  size_t n = strlen(text);
  if (n >= sizeof line) n = sizeof line - 1;
  memcpy(line, text, n);
  while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
  line[n] = '\0';
  if (n > 0) cf_platform_note(line);
}

/** The lowest address the C stack may reach (0: no native stack check), from the platform. */
__attribute__((weak)) uint8_t* cf_platform_stack_limit(void) { return 0; }
uint8_t* cf_wamr_stack_boundary(void) { return cf_platform_stack_limit(); }

// ─── The backend ─────────────────────────────────────────────────────────────────────────

const char* cf_runtime_name(void) { return CF_WAMR_FAST ? "wamr-fast" : "wamr-classic"; }

static uint32_t pool_in_use_high_water(void) {
  mem_alloc_info_t info;
  if (!runtime_up || !wasm_runtime_get_mem_alloc_info(&info)) return pool_high_water;
  // The pool's own header sits before the area the allocator hands out.
  uint32_t used = (CF_WAMR_POOL_BYTES - info.total_size) + info.highmark_size;
  if (used > pool_high_water) pool_high_water = used;
  return pool_high_water;
}

static bool fail(const char* why, const char** error) {
  size_t n = strlen(why);
  if (n >= sizeof error_text) n = sizeof error_text - 1;
  memcpy(error_text, why, n);
  error_text[n] = '\0';
  *error = error_text;
  return false;
}

bool cf_runtime_start(const cf_module_t* bytes, const char** error) {
  RuntimeInitArgs init;
  memset(&init, 0, sizeof init);
  init.mem_alloc_type = Alloc_With_Pool;
  init.mem_alloc_option.pool.heap_buf = pool;
  init.mem_alloc_option.pool.heap_size = CF_WAMR_POOL_BYTES;
  init.native_module_name = "hal";
  init.native_symbols = hal_natives;
  init.n_native_symbols = sizeof hal_natives / sizeof hal_natives[0];
  pool_high_water = 0;
  if (!wasm_runtime_full_init(&init)) return fail("WAMR: the runtime does not fit its pool", error);
  runtime_up = true;

  module_bytes = wasm_runtime_malloc(bytes->size);
  if (!module_bytes) return fail("WAMR: no room in the pool for the module's bytes", error);
  memcpy(module_bytes, bytes->bytes, bytes->size);
  LoadArgs load;
  memset(&load, 0, sizeof load);
  load.name = "firmware";
  // The fast interpreter translates the code into its own form: the bytes can go after loading.
  // The classic one keeps running them, so nothing needs copying out of them.
  load.wasm_binary_freeable = CF_WAMR_FAST;
  module = wasm_runtime_load_ex(module_bytes, bytes->size, &load, error_text, sizeof error_text);
  if (!module) return fail(error_text, error);
  if (wasm_runtime_is_underlying_binary_freeable(module)) {
    wasm_runtime_free(module_bytes);
    module_bytes = 0;
  }
  // App heap 0: the firmware never allocates through the host.
  instance = wasm_runtime_instantiate(module, CF_WAMR_STACK_BYTES, 0, error_text, sizeof error_text);
  if (!instance) return fail(error_text, error);
  exec_env = wasm_runtime_create_exec_env(instance, CF_WAMR_STACK_BYTES);
  if (!exec_env) return fail("WAMR: no room in the pool for the exec env", error);
  for (int fn = 0; fn < CF_EXPORT_COUNT; fn++) {
    functions[fn] = wasm_runtime_lookup_function(instance, cf_export_name[fn]);
    if (!functions[fn]) return fail("WAMR: the module lacks an export of HAL ABI v1", error);
  }
  return true;
}

void cf_runtime_stop(void) {
  if (!runtime_up) return;
  pool_in_use_high_water();
  if (exec_env) wasm_runtime_destroy_exec_env(exec_env);
  if (instance) wasm_runtime_deinstantiate(instance);
  if (module) wasm_runtime_unload(module);
  if (module_bytes) wasm_runtime_free(module_bytes);
  exec_env = 0;
  instance = 0;
  module = 0;
  module_bytes = 0;
  memset(functions, 0, sizeof functions);
  // The pool is handed back whole; the next start lays the runtime out on it from scratch.
  wasm_runtime_destroy();
  runtime_up = false;
}

bool cf_runtime_call(cf_export_t fn, const uint32_t* args, uint32_t* result, const char** trap) {
  uint32_t argv[4] = { 0, 0, 0, 0 };
  for (int i = 0; i < cf_export_params[fn]; i++) argv[i] = args[i];
  cf_platform_call_begin(fn);
  bool ok = wasm_runtime_call_wasm(exec_env, functions[fn], cf_export_params[fn], argv);
  cf_platform_call_end(fn);
  if (!ok) {
    const char* exception = wasm_runtime_get_exception(instance);
    *trap = exception ? exception : "trap";
    return false;
  }
  if (cf_export_has_result[fn]) *result = argv[0];
  return true;
}

uint8_t* cf_runtime_memory(uint32_t* bytes) {
  wasm_memory_inst_t memory = wasm_runtime_get_default_memory(instance);
  *bytes = (uint32_t)((uint64_t)wasm_memory_get_bytes_per_page(memory) * wasm_memory_get_cur_page_count(memory));
  return wasm_memory_get_base_address(memory);
}

uint32_t cf_runtime_heap_high_water(void) { return pool_in_use_high_water(); }
