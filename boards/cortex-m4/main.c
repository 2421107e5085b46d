// The Cortex-M4 board (QEMU mps2-an386): replays the embedded recording through the board core
// and one runtime backend, once per pass (fw_accel per sample; FIFO batches), each pass into a
// freshly started firmware. On stdout, per pass, a header line `== pass N batch B` and the
// canonical event log; on stderr one JSON line of measurements (SysTick ticks per export, the
// counter's calibration, start-up, arena or pool high-water, stack peak, restarts).
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "../core/board.h"
#include "../core/event_log.h"
#include "../core/hal.h"
#include "counter.h"
#include "recording.h"
#include "semihost.h"
#include "stack.h"

extern const uint8_t cf_module_bytes[];
extern const uint32_t cf_module_size;
extern uint32_t cf_stack_bottom;

#ifndef CF_IMAGE_NAME
#define CF_IMAGE_NAME "cortex-m4"
#endif
#define MAX_PASSES 4
#define MAX_RESTARTS_RECORDED 128

/** What one pass measured. */
typedef struct {
  uint64_t start_ticks;      // cf_runtime_start: parse, load, instantiate
  uint64_t first_init_ticks; // the first fw_init
  uint64_t ticks[CF_EXPORT_COUNT];
  uint64_t calls[CF_EXPORT_COUNT];
  uint64_t samples;
  uint32_t restarts;
  uint32_t memory_bytes;     // the linear memory the runtime gave the firmware
} pass_figures_t;

static pass_figures_t figures[MAX_PASSES];
static pass_figures_t* current = 0;
static uint64_t call_started = 0;
/** Heap high-water of each restarted instance once its config is back, and the stack peak then. */
static uint32_t restart_heap[MAX_RESTARTS_RECORDED];
static uint32_t restart_stack_first = 0;
/** The board's arena or pool high-water over every instance so far, taken at the first restart. */
static uint32_t restart_board_heap_first = 0;
static uint32_t restart_count = 0;

// ─── Platform hooks ──────────────────────────────────────────────────────────────────────

void cf_platform_write(const char* bytes, uint32_t length) { cf_semihost_stdout(bytes, length); }

void cf_platform_note(const char* line) {
  cf_semihost_stderr("cortex-m4: ", 11);
  uint32_t n = 0;
  while (line[n]) n++;
  cf_semihost_stderr(line, n);
  cf_semihost_stderr("\n", 1);
}

void cf_platform_fatal(const char* why) {
  cf_platform_note(why);
  cf_semihost_exit(70);
}

void cf_platform_call_begin(cf_export_t fn) {
  (void)fn;
  call_started = cf_counter_now();
}

void cf_platform_call_end(cf_export_t fn) {
  uint64_t ticks = cf_counter_now() - call_started;
  if (!current) return;
  if (fn == CF_FW_INIT && current->calls[CF_FW_INIT] == 0) current->first_init_ticks = ticks;
  current->ticks[fn] += ticks;
  current->calls[fn]++;
}

void cf_platform_restarted(void) {
  if (restart_count < MAX_RESTARTS_RECORDED) restart_heap[restart_count] = cf_runtime_heap_high_water();
  if (restart_count == 0) {
    restart_stack_first = cf_stack_peak();
    restart_board_heap_first = cf_board_heap_high_water();
  }
  restart_count++;
}

/** The lowest address the C stack may reach: WAMR checks its native stack against it. */
uint8_t* cf_platform_stack_limit(void) { return (uint8_t*)&cf_stack_bottom; }

// ─── The embedded recording as a row source ────────────────────────────────────────────────

typedef struct {
  const cf_recording_t* recording;
  uint32_t next;
} cursor_t;

static int next_recorded_row(void* source, cf_row_t* row) {
  cursor_t* cursor = source;
  if (cursor->next >= cursor->recording->row_count) return 0;
  const cf_recorded_row_t* r = &cursor->recording->rows[cursor->next++];
  row->line = cursor->next;
  row->t_ms = r->t_ms;
  row->ax_mg = r->ax_mg;
  row->ay_mg = r->ay_mg;
  row->az_mg = r->az_mg;
  row->has_temp = (r->flags & CF_ROW_HAS_TEMP) != 0;
  row->temp_cdeg = r->temp_cdeg;
  row->has_button = (r->flags & CF_ROW_HAS_BUTTON) != 0;
  row->button = r->button;
  return 1;
}

// ─── The measurements as one JSON line ─────────────────────────────────────────────────────

static char json_buffer[256];
static cf_text_t json;

static void json_flush(void) {
  cf_semihost_stderr(json.text, json.length);
  cf_text_init(&json, json_buffer, sizeof json_buffer);
}
static void json_str(const char* s) {
  uint32_t n = 0;
  while (s[n]) n++;
  if (json.length + n + 1 >= sizeof json_buffer) json_flush();
  if (n + 1 >= sizeof json_buffer) {
    cf_semihost_stderr(s, n);
    return;
  }
  cf_text_str(&json, s);
}
static void json_u64(uint64_t v) {
  if (json.length + 21 >= sizeof json_buffer) json_flush();
  cf_text_u64(&json, v);
}
static void json_key(const char* key, uint64_t v, bool comma) {
  json_str("\"");
  json_str(key);
  json_str("\":");
  json_u64(v);
  if (comma) json_str(",");
}

static void json_per_export(const char* key, const uint64_t* values) {
  json_str("\"");
  json_str(key);
  json_str("\":{");
  for (int fn = 0; fn < CF_EXPORT_COUNT; fn++) json_key(cf_export_name[fn], values[fn], fn + 1 < CF_EXPORT_COUNT);
  json_str("}");
}

/** The wasm2c backend's trap guard is one setjmp per call: its cost, ticks for `count` of them. */
static jmp_buf guard_probe;
static uint64_t setjmp_ticks(uint32_t count) {
  uint64_t started = cf_counter_now();
  for (volatile uint32_t i = 0; i < count; i++) {
    if (setjmp(guard_probe) != 0) break;
  }
  uint64_t loop_only = cf_counter_now();
  for (volatile uint32_t i = 0; i < count; i++) {
  }
  uint64_t ended = cf_counter_now();
  return (loop_only - started) - (ended - loop_only);
}

static void report(const cf_counter_calibration_t* calibration) {
  cf_text_init(&json, json_buffer, sizeof json_buffer);
  json_str("{\"image\":\"" CF_IMAGE_NAME "\",\"runtime\":\"");
  json_str(cf_runtime_name());
  json_str("\",\"recording\":\"");
  json_str(cf_recording.name);
  json_str("\",");
  json_key("calibration_loop_instructions", calibration->loop_instructions, true);
  json_key("calibration_loop_ticks", calibration->loop_ticks, true);
  json_key("calibration_empty_ticks", calibration->empty_ticks, true);
  json_key("calibration_empty_reads", calibration->empty_reads, true);
  json_key("setjmp_ticks_per_1000", setjmp_ticks(1000), true);
  json_key("heap_high_water_bytes", cf_board_heap_high_water(), true);
  json_key("stack_peak_bytes", cf_stack_peak(), true);
  json_key("stack_reserved_bytes", cf_stack_bytes(), true);
  json_key("restarts", restart_count, true);
  json_str("\"restart_heap_high_water_bytes\":[");
  uint32_t recorded = restart_count < MAX_RESTARTS_RECORDED ? restart_count : MAX_RESTARTS_RECORDED;
  for (uint32_t i = 0; i < recorded; i++) {
    json_u64(restart_heap[i]);
    if (i + 1 < recorded) json_str(",");
  }
  json_str("],");
  json_key("restart_stack_peak_first_bytes", restart_stack_first, true);
  json_key("restart_heap_high_water_first_bytes", restart_board_heap_first, true);
  json_str("\"passes\":[");
  for (uint32_t p = 0; p < cf_recording.pass_count && p < MAX_PASSES; p++) {
    json_str("{");
    json_key("batch", (uint64_t)cf_recording.passes[p].batch, true);
    json_key("samples", figures[p].samples, true);
    json_key("restarts", figures[p].restarts, true);
    json_key("memory_bytes", figures[p].memory_bytes, true);
    json_key("start_ticks", figures[p].start_ticks, true);
    json_key("first_init_ticks", figures[p].first_init_ticks, true);
    json_per_export("calls", figures[p].calls);
    json_str(",");
    json_per_export("ticks", figures[p].ticks);
    json_str(p + 1 < cf_recording.pass_count ? "}," : "}");
  }
  json_str("]}\n");
  json_flush();
}

// ─── main ────────────────────────────────────────────────────────────────────────────────

int main(void) {
  cf_semihost_open();
  cf_counter_start();
  cf_counter_calibration_t calibration;
  cf_counter_calibrate(&calibration);
  const cf_module_t module = { cf_module_bytes, cf_module_size };

  for (uint32_t p = 0; p < cf_recording.pass_count && p < MAX_PASSES; p++) {
    const cf_pass_t* pass = &cf_recording.passes[p];
    char header[48];
    cf_text_t t;
    cf_text_init(&t, header, sizeof header);
    cf_text_str(&t, "== pass ");
    cf_text_u32(&t, p + 1);
    cf_text_str(&t, " batch ");
    cf_text_i32(&t, pass->batch);
    cf_text_str(&t, "\n");
    cf_semihost_stdout(t.text, t.length);

    cf_replay_options_t options = { 0 };
    options.batch = pass->batch;
    options.has_temp_column = cf_recording.has_temp_column;
    options.config_count = pass->config_count;
    for (int i = 0; i < pass->config_count; i++) {
      options.config[i][0] = pass->config[i][0];
      options.config[i][1] = pass->config[i][1];
    }
    uint64_t samples_before = cf_board_stats.samples;
    uint32_t restarts_before = cf_board_stats.restarts;
    current = &figures[p];
    uint64_t started = cf_counter_now();
    cf_board_power_on(&module);
    current->start_ticks = cf_counter_now() - started;
    cursor_t cursor = { &cf_recording, 0 };
    cf_board_replay(next_recorded_row, &cursor, &options);
    current->samples = cf_board_stats.samples - samples_before;
    cf_runtime_memory(&current->memory_bytes);
    current->restarts = cf_board_stats.restarts - restarts_before;
    cf_board_power_off();
    current = 0;
  }
  report(&calibration);
  return 0;
}
