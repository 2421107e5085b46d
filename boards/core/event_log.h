// The canonical device log: one line per event, `<now u32> <KIND> <a i32> <b i32>\n` (the line
// host/eventLog.ts logLine() writes), through a static buffer that the platform drains. Also the
// few number formatters the board's notes need (no printf on a microcontroller).
#ifndef CALMFOOT_EVENT_LOG_H
#define CALMFOOT_EVENT_LOG_H

#include <stdint.h>

/** Appends one event's line. Flushes first if the buffer could not hold it. */
void cf_log_event(uint32_t now_ms, int32_t kind, int32_t a, int32_t b);
/** Hands the buffered lines to the platform (cf_platform_write). */
void cf_log_flush(void);
/** Flushes when the buffer is more than half full: called between calls into the firmware. */
void cf_log_flush_if_half_full(void);

/** A small text builder for notes: bounded, always NUL-terminated. */
typedef struct {
  char* text;
  uint32_t size;
  uint32_t length;
} cf_text_t;

void cf_text_init(cf_text_t* t, char* buffer, uint32_t size);
void cf_text_str(cf_text_t* t, const char* s);
void cf_text_u32(cf_text_t* t, uint32_t v);
void cf_text_i32(cf_text_t* t, int32_t v);
void cf_text_u64(cf_text_t* t, uint64_t v);

#endif
