// CSV recordings for the desktop boards; see csv.h. Mirrors host/replay/csv.ts field by field.

#include "csv.h"

#include <stdarg.h>
#include <string.h>

#define CF_MAX_LINE 4096
#define CF_MAX_FIELDS 16

static char cf_line[CF_MAX_LINE];

static bool fail(cf_csv_t* csv, uint32_t line, const char* fmt, ...) {
  int n = snprintf(csv->error, sizeof csv->error, "%s:%u: ", csv->path, line);
  va_list args;
  va_start(args, fmt);
  vsnprintf(csv->error + n, sizeof csv->error - (size_t)n, fmt, args);
  va_end(args);
  return false;
}

static char* trim(char* s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
  return s;
}

/** Reads one non-empty physical line into cf_line; 1 ok, 0 end of file, -1 error. */
static int read_line(cf_csv_t* csv) {
  for (;;) {
    if (!fgets(cf_line, sizeof cf_line, csv->file)) return 0;
    csv->line++;
    size_t n = strlen(cf_line);
    if (n == sizeof cf_line - 1 && cf_line[n - 1] != '\n' && !feof(csv->file)) {
      fail(csv, csv->line, "line longer than %d characters", CF_MAX_LINE - 2);
      return -1;
    }
    while (n > 0 && (cf_line[n - 1] == '\n' || cf_line[n - 1] == '\r')) cf_line[--n] = '\0';
    if (n > 0) return 1;  // empty lines are skipped, as csv-parse's skip_empty_lines does
  }
}

/** Splits cf_line at commas into trimmed fields; returns the count or -1. */
static int split(cf_csv_t* csv, char** fields) {
  if (strchr(cf_line, '"')) {
    fail(csv, csv->line, "quoted fields are not supported by the desktop boards");
    return -1;
  }
  int count = 0;
  char* p = cf_line;
  for (;;) {
    char* comma = strchr(p, ',');
    if (comma) *comma = '\0';
    if (count == CF_MAX_FIELDS) {
      fail(csv, csv->line, "more than %d columns", CF_MAX_FIELDS);
      return -1;
    }
    fields[count++] = trim(p);
    if (!comma) return count;
    p = comma + 1;
  }
}

/** A whole number in [min, max], as integer() in csv.ts: optional sign, digits only. */
static bool integer(cf_csv_t* csv, const char* column, const char* text, int64_t min, int64_t max, int64_t* out) {
  const char* p = text;
  bool negative = false;
  if (*p == '+' || *p == '-') negative = *p++ == '-';
  if (*p == '\0') return fail(csv, csv->line, "%s is \"%s\", not a whole number", column, text);
  int64_t value = 0;
  bool huge = false;
  for (; *p; p++) {
    if (*p < '0' || *p > '9') return fail(csv, csv->line, "%s is \"%s\", not a whole number", column, text);
    if (!huge) value = value * 10 + (*p - '0');
    if (value > ((int64_t)1 << 40)) huge = true;  // far outside every column's range
  }
  if (negative) value = -value;
  if (huge || value < min || value > max) {
    if (huge) return fail(csv, csv->line, "%s = %s is outside %lld…%lld", column, text, (long long)min, (long long)max);
    return fail(csv, csv->line, "%s = %lld is outside %lld…%lld", column, (long long)value, (long long)min, (long long)max);
  }
  *out = value;
  return true;
}

bool cf_csv_open(cf_csv_t* csv, const char* path) {
  memset(csv, 0, sizeof *csv);
  csv->path = path;
  csv->col_t = csv->col_x = csv->col_y = csv->col_z = csv->col_temp = csv->col_button = -1;
  csv->file = fopen(path, "rb");
  if (!csv->file) {
    snprintf(csv->error, sizeof csv->error, "%s: no such file", path);
    return false;
  }
  int got = read_line(csv);
  if (got == 0) return fail(csv, 1, "empty file: no header row");
  if (got < 0) return false;
  char* fields[CF_MAX_FIELDS];
  int count = split(csv, fields);
  if (count < 0) return false;
  csv->columns = count;
  for (int i = 0; i < count; i++) {
    const char* name = fields[i];
    if (strcmp(name, "t_ms") == 0) csv->col_t = i;
    else if (strcmp(name, "ax_mg") == 0) csv->col_x = i;
    else if (strcmp(name, "ay_mg") == 0) csv->col_y = i;
    else if (strcmp(name, "az_mg") == 0) csv->col_z = i;
    else if (strcmp(name, "temp_cdeg") == 0) csv->col_temp = i;
    else if (strcmp(name, "button") == 0) csv->col_button = i;
    else return fail(csv, csv->line, "unknown column \"%s\"", name);
  }
  const char* missing = csv->col_t < 0 ? "t_ms" : csv->col_x < 0 ? "ax_mg" : csv->col_y < 0 ? "ay_mg"
      : csv->col_z < 0 ? "az_mg" : 0;
  if (missing) return fail(csv, csv->line, "header lacks column %s (need t_ms,ax_mg,ay_mg,az_mg)", missing);
  return true;
}

int cf_csv_next(cf_csv_t* csv, cf_row_t* row) {
  int got = read_line(csv);
  if (got <= 0) return got;
  char* fields[CF_MAX_FIELDS];
  int count = split(csv, fields);
  if (count < 0) return -1;
  if (count != csv->columns) {
    fail(csv, csv->line, "not valid CSV (%d fields, the header has %d)", count, csv->columns);
    return -1;
  }
  int64_t v;
  row->line = csv->line;
  if (!integer(csv, "t_ms", fields[csv->col_t], 0, 0xffffffffLL, &v)) return -1;
  row->t_ms = (uint32_t)v;
  if (!integer(csv, "ax_mg", fields[csv->col_x], INT32_MIN, INT32_MAX, &v)) return -1;
  row->ax_mg = (int32_t)v;
  if (!integer(csv, "ay_mg", fields[csv->col_y], INT32_MIN, INT32_MAX, &v)) return -1;
  row->ay_mg = (int32_t)v;
  if (!integer(csv, "az_mg", fields[csv->col_z], INT32_MIN, INT32_MAX, &v)) return -1;
  row->az_mg = (int32_t)v;
  row->has_temp = csv->col_temp >= 0 && fields[csv->col_temp][0] != '\0';
  if (row->has_temp) {
    if (!integer(csv, "temp_cdeg", fields[csv->col_temp], INT32_MIN, INT32_MAX, &v)) return -1;
    row->temp_cdeg = (int32_t)v;
  }
  row->has_button = csv->col_button >= 0 && fields[csv->col_button][0] != '\0';
  if (row->has_button) {
    if (!integer(csv, "button", fields[csv->col_button], 0, 1, &v)) return -1;
    row->button = (int32_t)v;
  }
  return 1;
}

void cf_csv_close(cf_csv_t* csv) {
  if (csv->file) fclose(csv->file);
  csv->file = 0;
}
