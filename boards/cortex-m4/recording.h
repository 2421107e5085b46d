// The recording an image replays, embedded at build time (boards/harness/recording.ts writes it
// from the project's night generator, with the passes to run it through): a board on a
// microcontroller has no file system, and the embedded copy is the same every run.
#ifndef CALMFOOT_RECORDING_H
#define CALMFOOT_RECORDING_H

#include <stdbool.h>
#include <stdint.h>

enum { CF_ROW_HAS_TEMP = 1, CF_ROW_HAS_BUTTON = 2 };

typedef struct {
  uint32_t t_ms;
  int32_t ax_mg, ay_mg, az_mg;
  int32_t temp_cdeg;
  uint8_t flags;  // CF_ROW_HAS_*
  int8_t button;
} cf_recorded_row_t;

/** One replay of the whole recording into a freshly started firmware. */
typedef struct {
  int32_t batch;  // 0: fw_accel per row; N: FIFO batches of N
  int32_t config_count;
  int32_t config[4][2];
} cf_pass_t;

typedef struct {
  const char* name;
  bool has_temp_column;
  uint32_t row_count;
  const cf_recorded_row_t* rows;
  uint32_t pass_count;
  const cf_pass_t* passes;
} cf_recording_t;

extern const cf_recording_t cf_recording;

#endif
