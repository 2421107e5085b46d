// The floor the firmware's per-sample cost is compared against: the least a leg-movement detector
// can do per accelerometer sample, hand-written in plain C, with no HAL, no safety supervision,
// no therapy. A slow baseline per axis, the L1 deviation from it, an onset threshold and a lower
// offset threshold that must hold for the scoring rule's 0.5 s (hysteresis).
//
//   floor-detector [--stats] FILE.csv   prints MOVE_START / MOVE_END lines like the event log

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"

/** Deviation from the baseline that starts a movement, mg (L1 over x, y, z). */
#define FLOOR_ONSET_MG 60
/** A movement goes on while the deviation stays above this, mg. */
#define FLOOR_HOLD_MG 30
/** Quiet this long ends a movement, ms (scoring rule: a stretch of ≥ 0.5 s near rest). */
#define FLOOR_OFFSET_QUIET_MS 500u
/** Leg movement (LM) duration range, ms. */
#define FLOOR_LM_MIN_MS 500u
#define FLOOR_LM_MAX_MS 10000u
/** Baseline time constant: 1/16 of the error per sample (0.32 s at 50 Hz). */
#define FLOOR_BASELINE_SHIFT 4

typedef struct {
  int32_t base_x16, base_y16, base_z16;  // baseline × 16, mg
  bool primed;
  bool moving;
  uint32_t onset_ms;
  uint32_t last_active_ms;
  uint32_t lm_count;
} floor_detector_t;

enum { FLOOR_NONE = 0, FLOOR_MOVE_START = 1, FLOOR_MOVE_END = 2 };

static inline int32_t iabs(int32_t v) { return v < 0 ? -v : v; }

void floor_detector_init(floor_detector_t* d) { memset(d, 0, sizeof *d); }

/** One sample; returns FLOOR_MOVE_START or FLOOR_MOVE_END when a movement begins or ends. */
__attribute__((noinline)) int floor_detector_update(floor_detector_t* d, uint32_t now_ms, int32_t x_mg,
                                                    int32_t y_mg, int32_t z_mg) {
  if (!d->primed) {
    d->base_x16 = x_mg << FLOOR_BASELINE_SHIFT;
    d->base_y16 = y_mg << FLOOR_BASELINE_SHIFT;
    d->base_z16 = z_mg << FLOOR_BASELINE_SHIFT;
    d->primed = true;
  }
  int32_t bx = d->base_x16 >> FLOOR_BASELINE_SHIFT;
  int32_t by = d->base_y16 >> FLOOR_BASELINE_SHIFT;
  int32_t bz = d->base_z16 >> FLOOR_BASELINE_SHIFT;
  int32_t deviation = iabs(x_mg - bx) + iabs(y_mg - by) + iabs(z_mg - bz);
  d->base_x16 += x_mg - bx;
  d->base_y16 += y_mg - by;
  d->base_z16 += z_mg - bz;
  if (!d->moving) {
    if (deviation < FLOOR_ONSET_MG) return FLOOR_NONE;
    d->moving = true;
    d->onset_ms = now_ms;
    d->last_active_ms = now_ms;
    return FLOOR_MOVE_START;
  }
  if (deviation >= FLOOR_HOLD_MG) d->last_active_ms = now_ms;
  if (now_ms - d->last_active_ms < FLOOR_OFFSET_QUIET_MS) return FLOOR_NONE;  // u32: wrap-safe
  d->moving = false;
  uint32_t duration_ms = d->last_active_ms - d->onset_ms;
  if (duration_ms >= FLOOR_LM_MIN_MS && duration_ms <= FLOOR_LM_MAX_MS) d->lm_count++;
  return FLOOR_MOVE_END;
}

int main(int argc, char** argv) {
  const char* path = 0;
  bool stats = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--stats") == 0) stats = true;
    else path = argv[i];
  }
  if (!path) {
    fprintf(stderr, "usage: floor-detector [--stats] FILE.csv\n");
    return 2;
  }
  cf_csv_t csv;
  if (!cf_csv_open(&csv, path)) {
    fprintf(stderr, "%s\n", csv.error);
    return 65;
  }
  floor_detector_t d;
  floor_detector_init(&d);
  cf_row_t row;
  int got;
  uint64_t samples = 0, moves = 0;
  while ((got = cf_csv_next(&csv, &row)) == 1) {
    int event = floor_detector_update(&d, row.t_ms, row.ax_mg, row.ay_mg, row.az_mg);
    samples++;
    if (event == FLOOR_MOVE_START) {
      printf("%u MOVE_START %d 0\n", row.t_ms, (int32_t)d.onset_ms);
    } else if (event == FLOOR_MOVE_END) {
      uint32_t duration_ms = d.last_active_ms - d.onset_ms;
      int cls = duration_ms < FLOOR_LM_MIN_MS ? 2 : duration_ms > FLOOR_LM_MAX_MS ? 3 : 1;
      printf("%u MOVE_END %d %d\n", row.t_ms, (int32_t)duration_ms, cls);
      moves++;
    }
  }
  cf_csv_close(&csv);
  if (got < 0) {
    fprintf(stderr, "%s\n", csv.error);
    return 65;
  }
  if (stats) {
    fprintf(stderr, "{\"samples\":%llu,\"moves\":%llu,\"lm\":%u}\n", (unsigned long long)samples,
            (unsigned long long)moves, d.lm_count);
  }
  return 0;
}
