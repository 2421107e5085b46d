// The board core (see board.h): guarded calls, restart after a trap, kept config, the FIFO, replay.
#include "board.h"

#include "event_log.h"
#include "hal.h"

enum { CONFIG_SAMPLE_HZ = 1, CONFIG_INTENSITY = 4, CONFIG_HEAT_ENABLED = 6 };
enum { TICK_MS = 100, CLOCK_JUMP_MS = 60000 };
/** What configSet answers when the firmware trapped inside it: nothing was changed (board.ts). */
enum { CONFIG_REFUSED = -2 };
#define CONFIG_GET_UNKNOWN ((int32_t)0x80000000u)

cf_board_stats_t cf_board_stats;
bool cf_board_trace = false;

static const cf_module_t* module = 0;
/** Kept config, in the order keys were first set (a JS Map's order on Node). */
static struct { int32_t key, value; } kept[CF_MAX_CONFIG];
static int kept_count = 0;
static bool restarting = false;
static uint32_t heap_high_water = 0;
/** The FIFO area of the running instance: offset in linear memory and samples it holds. */
static uint32_t fifo_area = 0;
static uint32_t fifo_capacity = 0;

static void note_call(cf_export_t fn, const uint32_t* args) {
  char line[96];
  cf_text_t t;
  cf_text_init(&t, line, sizeof line);
  cf_text_str(&t, cf_export_name[fn]);
  for (int i = 0; i < cf_export_params[fn]; i++) {
    cf_text_str(&t, " ");
    cf_text_i32(&t, (int32_t)args[i]);
  }
  cf_platform_note(line);
}

static void fatal(const char* why) {
  cf_hal_safe_state();
  cf_log_flush();
  cf_platform_fatal(why);
}

/** A call outside the guard (start-up, restart, bookkeeping): a trap here is fatal, as on Node. */
static uint32_t call_unguarded(cf_export_t fn, const uint32_t* args) {
  uint32_t result = 0;
  const char* trap = 0;
  cf_board_stats.calls[fn]++;
  if (!cf_runtime_call(fn, args, &result, &trap)) fatal("the firmware trapped outside a guarded call");
  return result;
}

static void start_instance(void) {
  const char* error = "?";
  cf_hal.panic_pending = false;
  if (!cf_runtime_start(module, &error)) fatal(error);
  // As the Node loader does when it makes an instance: where the FIFO area is, and its size.
  fifo_capacity = call_unguarded(CF_FW_ACCEL_CAPACITY, 0);
  fifo_area = call_unguarded(CF_FW_ACCEL_BUFFER, 0);
}

static void stop_instance(void) {
  uint32_t used = cf_runtime_heap_high_water();
  if (used > heap_high_water) heap_high_water = used;
  cf_runtime_stop();
}

uint32_t cf_board_heap_high_water(void) {
  uint32_t used = cf_runtime_heap_high_water();
  return used > heap_high_water ? used : heap_high_water;
}

void cf_board_power_on(const cf_module_t* m) {
  module = m;
  kept_count = 0;
  cf_hal_safe_state();
  start_instance();
}

void cf_board_power_off(void) {
  stop_instance();
  module = 0;
}

/** The firmware is gone: actuators off, a fresh instance from power-on, its config back. */
static void restart_after_trap(uint32_t now_ms, const char* trap) {
  cf_hal_safe_state();
  if (restarting) fatal("the firmware trapped again while restarting");
  restarting = true;
  cf_board_stats.restarts++;
  char line[160];
  cf_text_t t;
  cf_text_init(&t, line, sizeof line);
  cf_text_str(&t, "firmware trapped at ");
  cf_text_u32(&t, now_ms);
  cf_text_str(&t, " ms (");
  cf_text_str(&t, trap);
  if (cf_hal.panic_pending) {
    cf_text_str(&t, ", panic ");
    cf_text_i32(&t, cf_hal.panic_code);
  } else {
    cf_text_str(&t, ", no panic");
  }
  cf_text_str(&t, "); restarted");
  cf_platform_note(line);
  stop_instance();
  start_instance();
  uint32_t init_args[1] = { now_ms };
  call_unguarded(CF_FW_INIT, init_args);
  for (int i = 0; i < kept_count; i++) {
    uint32_t set_args[2] = { (uint32_t)kept[i].key, (uint32_t)kept[i].value };
    call_unguarded(CF_FW_CONFIG_SET, set_args);
  }
  restarting = false;
  cf_platform_restarted();
}

static void keep_config(int32_t key, int32_t value) {
  for (int i = 0; i < kept_count; i++) {
    if (kept[i].key == key) {
      kept[i].value = value;
      return;
    }
  }
  if (kept_count == CF_MAX_CONFIG) fatal("too many config keys");
  kept[kept_count].key = key;
  kept[kept_count].value = value;
  kept_count++;
}

/**
 * One call into the firmware under the guard (Board.guard on Node). `now_ms` is the time a restart
 * is made at. Returns whether the call completed; `*result` is left alone if it trapped.
 */
static bool guarded(uint32_t now_ms, cf_export_t fn, const uint32_t* args, uint32_t* result) {
  if (cf_board_trace) note_call(fn, args);
  const char* trap = "trap";
  uint32_t value = 0;
  cf_board_stats.calls[fn]++;
  bool ok = cf_runtime_call(fn, args, &value, &trap);
  if (!ok) {
    // A gesture seen before the trap stays noted, as on Node: the next call that completes keeps
    // what the restarted firmware then says.
    restart_after_trap(now_ms, trap);
    return false;
  }
  if (result) *result = value;
  if (cf_hal.gesture_changed_config) {
    cf_hal.gesture_changed_config = false;
    const int32_t changed[2] = { CONFIG_INTENSITY, CONFIG_HEAT_ENABLED };
    for (int i = 0; i < 2; i++) {
      uint32_t get_args[1] = { (uint32_t)changed[i] };
      keep_config(changed[i], (int32_t)call_unguarded(CF_FW_CONFIG_GET, get_args));
    }
  }
  return true;
}

// ─── Board calls, one for each Board method on Node ───────────────────────────────────────

static void board_init(uint32_t now) {
  uint32_t args[1] = { now };
  guarded(now, CF_FW_INIT, args, 0);
  for (int i = 0; i < kept_count; i++) {
    uint32_t set_args[2] = { (uint32_t)kept[i].key, (uint32_t)kept[i].value };
    guarded(now, CF_FW_CONFIG_SET, set_args, 0);
  }
}

static int32_t board_config_set(uint32_t now, int32_t key, int32_t value) {
  uint32_t args[2] = { (uint32_t)key, (uint32_t)value };
  uint32_t result = (uint32_t)CONFIG_REFUSED;
  guarded(now, CF_FW_CONFIG_SET, args, &result);
  if ((int32_t)result == 0) keep_config(key, value);
  return (int32_t)result;
}

static int32_t board_config_get(uint32_t now, int32_t key) {
  uint32_t args[1] = { (uint32_t)key };
  uint32_t result = (uint32_t)CONFIG_GET_UNKNOWN;
  guarded(now, CF_FW_CONFIG_GET, args, &result);
  return (int32_t)result;
}

static void board_call(uint32_t now, cf_export_t fn, uint32_t a, uint32_t b, uint32_t c) {
  uint32_t args[4] = { now, a, b, c };
  guarded(now, fn, args, 0);
}

// ─── The FIFO: samples as a 16-bit sensor register holds them ──────────────────────────────

static int16_t fifo[CF_FIFO_MAX * 3];
static uint32_t fifo_count = 0;

static int16_t saturate16(int32_t v) {
  return (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
}

/** Copies the FIFO into the firmware's area (i16 x, y, z little-endian) and hands it over. */
static void board_accel_batch(uint32_t now) {
  uint32_t memory_bytes = 0;
  uint8_t* memory = cf_runtime_memory(&memory_bytes);
  uint32_t n = fifo_count < fifo_capacity ? fifo_count : fifo_capacity;
  if ((uint64_t)fifo_area + (uint64_t)n * 6u > memory_bytes) fatal("fw_accel_buffer() lies outside the firmware's memory");
  for (uint32_t i = 0; i < n * 3; i++) {
    uint16_t v = (uint16_t)fifo[i];
    memory[fifo_area + 2 * i] = (uint8_t)v;
    memory[fifo_area + 2 * i + 1] = (uint8_t)(v >> 8);
  }
  uint32_t count = fifo_count;
  fifo_count = 0;
  uint32_t args[2] = { now, count };
  guarded(now, CF_FW_ACCEL_BATCH, args, 0);
}

// ─── Replay ──────────────────────────────────────────────────────────────────────────────

/**
 * host/replay/replay.ts, step for step:
 *   fw_init(t0); without a temp_cdeg column HEAT_ENABLED := 0; the given config; the tick timer
 *   starts at t0 + 100. Each row at t: 0. (FIFO) a row not exactly one sample period after the
 *   last sample hands the FIFO over first  1. clock jump (t - next_tick as i32 > 60000 or < -100):
 *   next_tick := t  2. ticks up to t  3. button level when it changed (0 before the first row)
 *   4. temperature when present  5. fw_accel(t, ax, ay, az), or into the FIFO, handed over when it
 *   holds N samples and at the end of the recording.
 */
int cf_board_replay(cf_row_source_t next, void* source, const cf_replay_options_t* options) {
  uint32_t next_tick = 0;
  int32_t last_button = 0;
  uint32_t last_sample_ms = 0;
  uint32_t period_ms = 20;
  uint32_t batch = options->batch > 0 ? (uint32_t)options->batch : 0;
  if (batch > CF_FIFO_MAX) fatal("batch larger than the board's FIFO");
  bool first = true;
  fifo_count = 0;
  cf_row_t row;
  int got;
  while ((got = next(source, &row)) == 1) {
    uint32_t t = row.t_ms;
    if (first) {
      first = false;
      board_init(t);
      if (!options->has_temp_column) board_config_set(t, CONFIG_HEAT_ENABLED, 0);
      for (int i = 0; i < options->config_count; i++) board_config_set(t, options->config[i][0], options->config[i][1]);
      next_tick = t + TICK_MS;
      int32_t hz = board_config_get(t, CONFIG_SAMPLE_HZ);
      period_ms = hz > 0 ? (uint32_t)(1000 / hz) : 20;
    }
    if (batch > 0 && fifo_count > 0 && t - last_sample_ms != period_ms) board_accel_batch(last_sample_ms);
    int32_t ahead = (int32_t)(t - next_tick);
    if (ahead > CLOCK_JUMP_MS || ahead < -TICK_MS) next_tick = t;
    while ((int32_t)(t - next_tick) >= 0) {
      board_call(next_tick, CF_FW_TICK, 0, 0, 0);
      next_tick += TICK_MS;
      cf_log_flush_if_half_full();
    }
    if (row.has_button && row.button != last_button) {
      board_call(t, CF_FW_BUTTON, (uint32_t)row.button, 0, 0);
      last_button = row.button;
    }
    if (row.has_temp) board_call(t, CF_FW_TEMPERATURE, (uint32_t)row.temp_cdeg, 0, 0);
    if (batch > 0) {
      fifo[fifo_count * 3] = saturate16(row.ax_mg);
      fifo[fifo_count * 3 + 1] = saturate16(row.ay_mg);
      fifo[fifo_count * 3 + 2] = saturate16(row.az_mg);
      fifo_count++;
      last_sample_ms = t;
      if (fifo_count == batch) board_accel_batch(t);
    } else {
      board_call(t, CF_FW_ACCEL, (uint32_t)row.ax_mg, (uint32_t)row.ay_mg, (uint32_t)row.az_mg);
    }
    cf_board_stats.samples++;
    cf_board_stats.rows++;
    cf_log_flush_if_half_full();
  }
  if (got >= 0 && batch > 0 && fifo_count > 0) board_accel_batch(last_sample_ms);
  cf_log_flush();
  return got < 0 ? -1 : 0;
}
