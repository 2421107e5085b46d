// CSV recordings for the desktop boards; see csv.h. Mirrors host/replay/csvReader.ts (records,
// fields, numbers, time), host/replay/format.ts (what a file is) and the rate rules of
// host/replay/recordingReplay.ts rule by rule and message by message.

#include "csv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TOO_LONG (-3)

static bool fail(cf_csv_t* csv, uint32_t line, const char* fmt, ...) {
  int n = line ? snprintf(csv->error, sizeof csv->error, "%s:%u: ", csv->path, line)
               : snprintf(csv->error, sizeof csv->error, "%s: ", csv->path);
  va_list args;
  va_start(args, fmt);
  vsnprintf(csv->error + n, sizeof csv->error - (size_t)n, fmt, args);
  va_end(args);
  return false;
}

/** A message naming the byte offset instead of a line: "PATH, byte N…: …". */
static bool fail_at_byte(cf_csv_t* csv, const char* where, const char* fmt, ...) {
  int n = snprintf(csv->error, sizeof csv->error, "%s, %s: ", csv->path, where);
  va_list args;
  va_start(args, fmt);
  vsnprintf(csv->error + n, sizeof csv->error - (size_t)n, fmt, args);
  va_end(args);
  return false;
}

// ─── Bytes ─────────────────────────────────────────────────────────────────────────────────

/** The byte k after the next one to read, or -1 past the end of the file. */
static int peek(cf_csv_t* csv, size_t k) {
  if (csv->p + k >= csv->n && !csv->eof) {
    memmove(csv->buf, csv->buf + csv->p, csv->n - csv->p);
    csv->n -= csv->p;
    csv->p = 0;
    while (csv->n <= k && !csv->eof) {
      size_t got = fread(csv->buf + csv->n, 1, sizeof csv->buf - csv->n, csv->file);
      if (got == 0) csv->eof = true;
      csv->n += got;
    }
  }
  return csv->p + k < csv->n ? csv->buf[csv->p + k] : -1;
}

/** The next byte of a record that has had `k` bytes: TOO_LONG past CF_CSV_MAX_RECORD + 1 of them. */
static int look(cf_csv_t* csv, size_t k) { return k > CF_CSV_MAX_RECORD ? TOO_LONG : peek(csv, 0); }

/** `text` as JSON.stringify writes a string (quotes, backslashes and control characters escaped). */
static void json(char* out, size_t size, const char* text, int length) {
  size_t o = 0;
  out[o++] = '"';
  for (int i = 0; i < length && o + 8 < size; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"' || c == '\\') { out[o++] = '\\'; out[o++] = (char)c; }
    else if (c == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
    else if (c == '\r') { out[o++] = '\\'; out[o++] = 'r'; }
    else if (c == '\t') { out[o++] = '\\'; out[o++] = 't'; }
    else if (c == '\b') { out[o++] = '\\'; out[o++] = 'b'; }
    else if (c == '\f') { out[o++] = '\\'; out[o++] = 'f'; }
    else if (c < 0x20) o += (size_t)snprintf(out + o, size - o, "\\u%04x", c);
    else out[o++] = (char)c;
  }
  out[o++] = '"';
  out[o] = '\0';
}

// ─── What the file is ──────────────────────────────────────────────────────────────────────

/** A control character no CSV text has: below a space but tab, LF, CR; and DEL. */
static bool binary(int c) { return (c < 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) || c == 0x7f; }

static bool detect(cf_csv_t* csv, long long size) {
  if (size == 0 || peek(csv, 0) < 0) return fail_at_byte(csv, "byte 0", "empty file: neither CSV nor EDF");
  char start[9] = { 0 };
  for (int i = 0; i < 8; i++) start[i] = (char)(peek(csv, (size_t)i) < 0 ? 0 : peek(csv, (size_t)i));
  if (memcmp(start, "0       ", 8) == 0) {
    return fail(csv, 0, "an EDF file: this board replays CSV recordings (calmfoot replay reads EDF)");
  }
  if (memcmp(start, "\xff" "BIOSEMI", 8) == 0) {
    return fail_at_byte(csv, "byte 0 (version)", "a BDF (24-bit) file: only EDF and EDF+ (16-bit) are read");
  }
  for (size_t i = 0; i < 256; i++) {
    int c = peek(csv, i);
    if (c < 0) break;
    if (binary(c)) {
      char where[32];
      snprintf(where, sizeof where, "byte %zu", i);
      return fail_at_byte(csv, where, "binary data (0x%02x): neither CSV text nor EDF", c);
    }
  }
  return true;
}

// ─── Records ───────────────────────────────────────────────────────────────────────────────

static void append(cf_csv_t* csv, int c) { csv->rec[csv->rec_len++] = (char)c; }

static int too_long(cf_csv_t* csv, uint32_t line) {
  fail(csv, line, "a line longer than %d bytes: not a recording's CSV", CF_CSV_MAX_RECORD);
  return -2;
}

/** Splits the next record into fields: their count, 0 for a blank line, -1 at the end of the file, -2 an error. */
static int record(cf_csv_t* csv) {
  if (!csv->started) {
    csv->started = true;
    if (peek(csv, 0) == 0xef && peek(csv, 1) == 0xbb && peek(csv, 2) == 0xbf) csv->p += 3;
  }
  if (peek(csv, 0) < 0) return -1;
  uint32_t line = csv->line;
  uint32_t lines = 0;
  int count = 0;
  bool blank = true;
  size_t k = 0;  // bytes of the record read so far
  csv->rec_len = 0;
  for (;;) {
    // One field: spaces or tabs, a quoted or an unquoted value, spaces or tabs.
    int c;
    while ((c = look(csv, k)) == ' ' || c == '\t') { csv->p++; k++; }
    int s = csv->rec_len;
    bool esc = false;
    if (c == '"') {
      blank = false;
      csv->p++;
      k++;
      for (;;) {
        c = look(csv, k);
        if (c == TOO_LONG) return too_long(csv, line);
        if (c < 0) { fail(csv, line, "not valid CSV (a quoted field is not closed)"); return -2; }
        if (c == '"') {
          if (peek(csv, 1) == '"') {
            esc = true;
            append(csv, '"');
            csv->p += 2;
            k += 2;
            continue;
          }
          csv->p++;
          k++;
          break;
        }
        if (c == '\n') lines++;
        append(csv, c);
        csv->p++;
        k++;
      }
      while ((c = look(csv, k)) == ' ' || c == '\t') { csv->p++; k++; }
    } else {
      for (;;) {
        c = look(csv, k);
        if (c < 0 || c == ',' || c == '\n' || c == '\r') break;  // (TOO_LONG is below 0)
        if (c == '"') { fail(csv, line, "not valid CSV (a quote inside an unquoted field)"); return -2; }
        append(csv, c);
        csv->p++;
        k++;
      }
      while (csv->rec_len > s && (csv->rec[csv->rec_len - 1] == ' ' || csv->rec[csv->rec_len - 1] == '\t')) csv->rec_len--;
      if (csv->rec_len > s) blank = false;
    }
    if (c == TOO_LONG) return too_long(csv, line);
    if (count < CF_CSV_MAX_FIELDS) {
      csv->start[count] = s;
      csv->end[count] = csv->rec_len;
      csv->escaped[count] = esc;
    }
    count++;
    if (c < 0) break;  // the file ends without a line end
    if (c == ',') {
      csv->p++;
      k++;
      blank = false;
      continue;
    }
    if (c == '\n') {
      csv->p++;
      lines++;
      break;
    }
    if (c == '\r') {
      int next = peek(csv, 1);
      if (next < 0 || next == '\n') {
        csv->p += next < 0 ? 1 : 2;
        lines++;
        break;
      }
      fail(csv, line, "not valid CSV (a CR without LF: lines end in LF or CRLF)");
      return -2;
    }
    fail(csv, line, "not valid CSV (characters after a closing quote)");
    return -2;
  }
  csv->line += lines;
  if (blank && count == 1) return 0;
  csv->record_line = line;
  return count;
}

/** The text of field i as JSON (for messages). */
static const char* field_json(cf_csv_t* csv, int i, char* out, size_t size) {
  json(out, size, csv->rec + csv->start[i], csv->end[i] - csv->start[i]);
  return out;
}

// ─── Header ────────────────────────────────────────────────────────────────────────────────

static const char* const NAMES[] = { "t_ms", "ax_mg", "ay_mg", "az_mg", "temp_cdeg", "button" };

static bool header(cf_csv_t* csv, int count) {
  uint32_t line = csv->record_line;
  int index[6] = { -1, -1, -1, -1, -1, -1 };
  static char name[CF_CSV_MAX_RECORD * 6 + 3];
  int fields = count < CF_CSV_MAX_FIELDS ? count : CF_CSV_MAX_FIELDS;
  // Each name once (a name seen before is refused at its second place), as the Node reader's index.
  for (int i = 0; i < fields; i++) {
    for (int j = 0; j < i; j++) {
      int len = csv->end[i] - csv->start[i];
      if (len == csv->end[j] - csv->start[j] && memcmp(csv->rec + csv->start[i], csv->rec + csv->start[j], (size_t)len) == 0) {
        return fail(csv, line, "column %s appears twice", field_json(csv, i, name, sizeof name));
      }
    }
    for (int c = 0; c < 6; c++) {
      int len = csv->end[i] - csv->start[i];
      if ((size_t)len == strlen(NAMES[c]) && memcmp(csv->rec + csv->start[i], NAMES[c], (size_t)len) == 0) index[c] = i;
    }
  }
  for (int c = 0; c < 4; c++) {
    if (index[c] < 0) return fail(csv, line, "header lacks column %s (need t_ms,ax_mg,ay_mg,az_mg)", NAMES[c]);
  }
  for (int i = 0; i < fields; i++) {
    bool known = false;
    for (int c = 0; c < 6; c++) known = known || index[c] == i;
    if (!known) return fail(csv, line, "unknown column %s", field_json(csv, i, name, sizeof name));
  }
  csv->columns = count;
  csv->col_t = index[0];
  csv->col_x = index[1];
  csv->col_y = index[2];
  csv->col_z = index[3];
  csv->col_temp = index[4];
  csv->col_button = index[5];
  return true;
}

bool cf_csv_open(cf_csv_t* csv, const char* path) {
  memset(csv, 0, sizeof *csv);
  csv->path = path;
  csv->line = 1;
  csv->col_t = csv->col_x = csv->col_y = csv->col_z = csv->col_temp = csv->col_button = -1;
  struct stat st;
  if (stat(path, &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return fail(csv, 0, "no such file");
    if (errno == EACCES || errno == EPERM) return fail(csv, 0, "cannot be read (permission denied)");
    return fail(csv, 0, "cannot be read (%s)", strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return fail(csv, 0, "is a directory, not a recording");
  if (!S_ISREG(st.st_mode)) return fail(csv, 0, "is not a regular file");
  csv->file = fopen(path, "rb");
  if (!csv->file) {
    if (errno == EACCES || errno == EPERM) return fail(csv, 0, "cannot be read (permission denied)");
    return fail(csv, 0, "cannot be read (%s)", strerror(errno));
  }
  if (!detect(csv, (long long)st.st_size)) return false;
  for (;;) {
    int count = record(csv);
    if (count == -2) return false;
    if (count == -1) return fail(csv, 1, "empty file: no header row");
    if (count > 0) return header(csv, count);
  }
}

// ─── Rows ──────────────────────────────────────────────────────────────────────────────────

/** Field i as a whole number in [min, max]: [+-]digits, nothing else (as csvReader.ts integer()). */
static bool integer(cf_csv_t* csv, int i, const char* column, int64_t min, int64_t max, int64_t* out) {
  const char* p = csv->rec + csv->start[i];
  const char* e = csv->rec + csv->end[i];
  static char text[CF_CSV_MAX_RECORD * 6 + 3];
  bool negative = false;
  if (p < e && (*p == '+' || *p == '-')) negative = *p++ == '-';
  if (p == e || csv->escaped[i]) return fail(csv, csv->record_line, "%s is %s, not a whole number", column, field_json(csv, i, text, sizeof text));
  int64_t value = 0;
  bool huge = false;
  for (; p < e; p++) {
    if (*p < '0' || *p > '9') return fail(csv, csv->record_line, "%s is %s, not a whole number", column, field_json(csv, i, text, sizeof text));
    if (!huge) value = value * 10 + (*p - '0');
    if (value > ((int64_t)1 << 40)) huge = true;  // far outside every column's range
  }
  if (negative) value = -value;
  if (huge || value < min || value > max) {
    return fail(csv, csv->record_line, "%s = %.*s is outside %lld…%lld", column, csv->end[i] - csv->start[i], csv->rec + csv->start[i],
                (long long)min, (long long)max);
  }
  *out = value;
  return true;
}

int cf_csv_next(cf_csv_t* csv, cf_row_t* row) {
  int count;
  while ((count = record(csv)) == 0) {}
  if (count == -1) return 0;
  if (count == -2) return -1;
  uint32_t line = csv->record_line;
  if (count != csv->columns) {
    fail(csv, line, "not valid CSV (%d field%s, the header has %d)", count, count == 1 ? "" : "s", csv->columns);
    return -1;
  }
  int64_t v;
  row->line = line;
  if (!integer(csv, csv->col_t, "t_ms", 0, 0xffffffffLL, &v)) return -1;
  uint32_t t = (uint32_t)v;
  if (csv->have_prev) {
    uint32_t step = t - csv->prev_t;
    if (step == 0) {
      fail(csv, line, "t_ms %u repeats the time of the row before (line %u): time must increase", t, csv->prev_line);
      return -1;
    }
    if (step >= 0x80000000u) {
      fail(csv, line, "t_ms %u is before the row before (line %u, t_ms %u): time must increase", t, csv->prev_line, csv->prev_t);
      return -1;
    }
  }
  csv->have_prev = true;
  csv->prev_t = t;
  csv->prev_line = line;
  row->t_ms = t;
  if (!integer(csv, csv->col_x, "ax_mg", INT32_MIN, INT32_MAX, &v)) return -1;
  row->ax_mg = (int32_t)v;
  if (!integer(csv, csv->col_y, "ay_mg", INT32_MIN, INT32_MAX, &v)) return -1;
  row->ay_mg = (int32_t)v;
  if (!integer(csv, csv->col_z, "az_mg", INT32_MIN, INT32_MAX, &v)) return -1;
  row->az_mg = (int32_t)v;
  row->has_temp = csv->col_temp >= 0 && csv->end[csv->col_temp] > csv->start[csv->col_temp];
  if (row->has_temp) {
    if (!integer(csv, csv->col_temp, "temp_cdeg", INT32_MIN, INT32_MAX, &v)) return -1;
    row->temp_cdeg = (int32_t)v;
  }
  row->has_button = csv->col_button >= 0 && csv->end[csv->col_button] > csv->start[csv->col_button];
  if (row->has_button) {
    if (!integer(csv, csv->col_button, "button", 0, 1, &v)) return -1;
    row->button = (int32_t)v;
  }
  return 1;
}

void cf_csv_close(cf_csv_t* csv) {
  if (csv->file) fclose(csv->file);
  csv->file = 0;
}

// ─── The whole file, with its rate ─────────────────────────────────────────────────────────

static int compare_u32(const void* a, const void* b) {
  uint32_t x = *(const uint32_t*)a, y = *(const uint32_t*)b;
  return x < y ? -1 : x > y;
}

/** "43.5", "100": a rate as JavaScript's +(x).toFixed(1) writes it (ties away from zero). */
static void one_decimal(char* out, size_t size, double x) {
  long long tenths = (long long)floor(x * 10 + 0.5);
  if (tenths % 10 == 0) snprintf(out, size, "%lld", tenths / 10);
  else snprintf(out, size, "%lld.%lld", tenths / 10, tenths % 10);
}

/** The rows' rate from the steps between the first of them (csvSampleHz in recordingReplay.ts). */
static int32_t measure(cf_csv_t* csv, const uint32_t* t, const uint32_t* lines, int rows, int32_t asked, const char* option) {
  if (rows < 2) return asked ? asked : 50;
  uint32_t steps[CF_CSV_RATE_ROWS];
  for (int i = 1; i < rows; i++) steps[i - 1] = t[i] - t[i - 1];
  qsort(steps, (size_t)(rows - 1), sizeof steps[0], compare_u32);
  uint32_t step = steps[(rows - 2) >> 1];
  static const int32_t RATES[] = { 25, 50, 100 };
  int32_t hz = 0;
  for (int i = 0; i < 3 && !hz; i++) {
    double period = 1000.0 / RATES[i];
    if (fabs(step - period) <= 0.1 * period) hz = RATES[i];
  }
  char rate[32];
  one_decimal(rate, sizeof rate, 1000.0 / step);
  if (!hz) {
    fail(csv, lines[0], "rows %u ms apart (%s Hz): the firmware runs at 25, 50, 100 Hz; resample the recording first", step, rate);
    return -1;
  }
  if (asked && asked != hz) {
    fail(csv, lines[0], "rows %u ms apart (%s Hz), not the %d Hz asked for (%s); leave it out to use the recording's rate", step, rate,
         asked, option);
    return -1;
  }
  return hz;
}

bool cf_csv_check(cf_csv_t* csv, const char* path, int32_t asked_hz, const char* option, cf_csv_info_t* info) {
  memset(info, 0, sizeof *info);
  if (!cf_csv_open(csv, path)) return false;
  info->has_temp_column = csv->col_temp >= 0;
  uint32_t t[CF_CSV_RATE_ROWS], lines[CF_CSV_RATE_ROWS];
  int held = 0;
  cf_row_t row;
  int got = 0;
  while (held < CF_CSV_RATE_ROWS && (got = cf_csv_next(csv, &row)) == 1) {
    t[held] = row.t_ms;
    lines[held++] = row.line;
  }
  bool ok = got >= 0;
  int32_t hz = ok ? measure(csv, t, lines, held, asked_hz, option) : -1;
  ok = ok && hz > 0;
  // No row half a period or less after the one before (the recording changed its rate).
  uint32_t last = 0, last_line = 0;
  uint64_t rows = 0;
  for (int i = 0; ok; i++) {
    uint32_t at, line;
    if (i < held) {
      at = t[i];
      line = lines[i];
    } else if ((got = cf_csv_next(csv, &row)) == 1) {
      at = row.t_ms;
      line = row.line;
    } else {
      ok = got == 0;
      break;
    }
    if (rows > 0 && at - last <= (uint32_t)(500 / hz)) {
      fail(csv, line, "t_ms %u is %u ms after the row before (line %u): the rows of this %d Hz recording are %d ms apart", at, at - last,
           last_line, hz, 1000 / hz);
      ok = false;
    }
    rows++;
    last = at;
    last_line = line;
  }
  cf_csv_close(csv);
  if (ok && rows == 0) ok = fail(csv, 0, "no samples");
  info->sample_hz = hz;
  info->rows = rows;
  return ok;
}
