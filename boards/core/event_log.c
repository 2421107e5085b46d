// The canonical device log (see event_log.h).
#include "event_log.h"

#include "board.h"

#ifndef CF_LOG_BUFFER_BYTES
#define CF_LOG_BUFFER_BYTES 4096
#endif
/** The longest line: 10 digits, a space, KIND_-2147483648, and two i32 with their spaces. */
#define LONGEST_LINE_BYTES 64

static const char* const EVENT_NAME[] = {
  0, "MOVE_START", "MOVE_END", "SERIES", "RESTLESS", "SESSION_START", "SESSION_END", "FAULT", "FAULT_CLEAR", "BUTTON",
};

static char buffer[CF_LOG_BUFFER_BYTES];
static cf_text_t pending = { buffer, CF_LOG_BUFFER_BYTES, 0 };

void cf_text_init(cf_text_t* t, char* text, uint32_t size) {
  t->text = text;
  t->size = size;
  t->length = 0;
  if (size > 0) text[0] = '\0';
}

static void put(cf_text_t* t, char c) {
  if (t->length + 1 < t->size) {
    t->text[t->length++] = c;
    t->text[t->length] = '\0';
  }
}

void cf_text_str(cf_text_t* t, const char* s) {
  while (*s) put(t, *s++);
}

void cf_text_u64(cf_text_t* t, uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) put(t, digits[--n]);
}

void cf_text_u32(cf_text_t* t, uint32_t v) { cf_text_u64(t, v); }

void cf_text_i32(cf_text_t* t, int32_t v) {
  if (v < 0) {
    put(t, '-');
    cf_text_u64(t, 0u - (uint32_t)v);
  } else {
    cf_text_u64(t, (uint32_t)v);
  }
}

void cf_log_flush(void) {
  if (pending.length > 0) cf_platform_write(pending.text, pending.length);
  pending.length = 0;
}

void cf_log_flush_if_half_full(void) {
  if (pending.length > CF_LOG_BUFFER_BYTES / 2) cf_log_flush();
}

void cf_log_event(uint32_t now_ms, int32_t kind, int32_t a, int32_t b) {
  // A call into the firmware emits a few events at most, far fewer than half the buffer holds, so
  // this flush (inside the call, where it would count against the firmware) practically never runs.
  if (pending.length + LONGEST_LINE_BYTES >= CF_LOG_BUFFER_BYTES) cf_log_flush();
  cf_text_u32(&pending, now_ms);
  put(&pending, ' ');
  if (kind >= 1 && kind <= 9) {
    cf_text_str(&pending, EVENT_NAME[kind]);
  } else {
    cf_text_str(&pending, "KIND_");
    cf_text_i32(&pending, kind);
  }
  put(&pending, ' ');
  cf_text_i32(&pending, a);
  put(&pending, ' ');
  cf_text_i32(&pending, b);
  put(&pending, '\n');
}
