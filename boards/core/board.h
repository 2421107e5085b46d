// The board core: what every calmfoot board does the same way, whichever runtime runs the firmware
// (boards/runtimes/) and wherever it runs (boards/desktop/, boards/cortex-m4/):
//   - the replay order of host/replay/replay.ts, step for step (cf_board_replay);
//   - the HAL imports' behaviour and the canonical event log (hal.c, event_log.c);
//   - the guard around every call into the firmware: on a trap both actuators off, a fresh
//     instance from power-on, fw_init(now), the kept config given back (host/board.ts on Node).
// Nothing here allocates; the platform supplies rows, output and measurements through the
// cf_platform_* hooks below.
#ifndef CALMFOOT_BOARD_H
#define CALMFOOT_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "../runtimes/runtime.h"

/** Config keys the board remembers (as in its flash) and gives back to a restarted firmware. */
#define CF_MAX_CONFIG 32

/** One row of a recording: the columns of host/replay/csv.ts. */
typedef struct {
  uint32_t line;  // where it came from (1-based line of a CSV; the row number otherwise)
  uint32_t t_ms;  // board clock, u32 ms
  int32_t ax_mg, ay_mg, az_mg;
  bool has_temp;
  int32_t temp_cdeg;
  bool has_button;
  int32_t button;
} cf_row_t;

/** The next row of a recording: 1 a row, 0 the end, -1 an error (the source reports it). */
typedef int (*cf_row_source_t)(void* source, cf_row_t* row);

typedef struct {
  /** 0: fw_accel per row (replay.ts); N: the FIFO board, fw_accel_batch of up to N samples. */
  int batch;
  /** Does the recording have a temp_cdeg column? Without one, HEAT_ENABLED := 0. */
  bool has_temp_column;
  /** Config applied after fw_init, in order (after the HEAT_ENABLED rule). */
  int config_count;
  int32_t config[CF_MAX_CONFIG][2];
} cf_replay_options_t;

/** What the board counted. */
typedef struct {
  uint64_t rows;
  uint64_t samples;
  uint32_t restarts;
  uint64_t calls[CF_EXPORT_COUNT];
} cf_board_stats_t;

extern cf_board_stats_t cf_board_stats;
/** Every call into the firmware and every event as a note (for hunting a difference between boards). */
extern bool cf_board_trace;

/** The largest FIFO a board hands over at once (the firmware takes fw_accel_capacity() of it). */
#ifndef CF_FIFO_MAX
#define CF_FIFO_MAX 1024
#endif

/** Starts the runtime with `module` (fatal if it cannot). */
void cf_board_power_on(const cf_module_t* module);
/** Stops the runtime and forgets the kept config: the next power-on is a fresh board. */
void cf_board_power_off(void);
/** Replays a recording into the running firmware; 0 done, -1 the source failed. */
int cf_board_replay(cf_row_source_t next, void* source, const cf_replay_options_t* options);
/** The runtime's arena or pool high-water over every instance since power-on, bytes. */
uint32_t cf_board_heap_high_water(void);

// ─── What a platform supplies ─────────────────────────────────────────────────────────────

/** The event log's bytes, in order. */
void cf_platform_write(const char* bytes, uint32_t length);
/** One diagnostic line (no newline at the end): traps, trace. */
void cf_platform_note(const char* line);
/** Something no restart can fix: actuators are already off; must not return. */
void cf_platform_fatal(const char* why) __attribute__((noreturn));
/**
 * Right around the runtime's own call of an export, called by the backend (measurements; may do
 * nothing). After a trap cf_platform_call_end may not come: the next begin starts afresh.
 */
void cf_platform_call_begin(cf_export_t fn);
void cf_platform_call_end(cf_export_t fn);
/** After a restart has given the firmware its config back. */
void cf_platform_restarted(void);

#endif
