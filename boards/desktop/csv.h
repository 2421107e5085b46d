// A recording in CSV for the desktop boards, read row by row from a fixed buffer: the same format,
// rules and one-line messages as the Node board's platform-neutral reader (host/replay/csvReader.ts
// and the rate rules of host/replay/recordingReplay.ts), so both refuse a bad file alike:
//
//   the file told by content (no such file, a directory, an empty file, binary data, BDF and EDF
//   are refused naming the byte); RFC 4180 text with one header row naming `t_ms,ax_mg,ay_mg,az_mg`
//   and optionally `temp_cdeg`, `button` (each once, any order, a UTF-8 byte order mark allowed);
//   LF or CRLF line ends, blank lines skipped but counted, quoted fields, spaces around fields; at
//   most CF_CSV_MAX_RECORD bytes before a line end; whole numbers in each column's range; t_ms
//   strictly increasing modulo 2^32; the rate measured from the first CF_CSV_RATE_ROWS rows (25, 50
//   or 100 Hz within ±10 %) and no later row half a period or less after the one before.
#ifndef CALMFOOT_CSV_H
#define CALMFOOT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/board.h"  // cf_row_t

#define CF_CSV_MAX_RECORD 4096
#define CF_CSV_MAX_FIELDS 64
#define CF_CSV_BUFFER 65536
#define CF_CSV_RATE_ROWS 33

typedef struct {
  FILE* file;
  const char* path;
  // The file's bytes: buf[p..n) not yet read; eof once fread has nothing more.
  uint8_t buf[CF_CSV_BUFFER];
  size_t n, p;
  bool eof;
  bool started;          // the byte order mark was looked for
  uint32_t line;         // line of the next byte (1-based)
  int columns;           // fields per record (the header's)
  int col_t, col_x, col_y, col_z, col_temp, col_button;  // -1 when absent
  bool have_prev;        // t_ms of the row before and its line
  uint32_t prev_t, prev_line;
  // The record just split: its fields' text (quotes removed) in rec, and where each is.
  char rec[CF_CSV_MAX_RECORD + 2];
  int rec_len;
  int start[CF_CSV_MAX_FIELDS], end[CF_CSV_MAX_FIELDS];
  bool escaped[CF_CSV_MAX_FIELDS];
  uint32_t record_line;
  char error[CF_CSV_MAX_RECORD + 512];
} cf_csv_t;

/** What a whole file is, once checked: its rate (SAMPLE_HZ), rows, and a temp_cdeg column. */
typedef struct {
  int32_t sample_hz;
  uint64_t rows;
  bool has_temp_column;
} cf_csv_info_t;

/** Opens `path`, tells its format and reads the CSV header; false with `error` set on failure. */
bool cf_csv_open(cf_csv_t* csv, const char* path);
/** The next row: 1 row read, 0 end of file, -1 error (`error` set). */
int cf_csv_next(cf_csv_t* csv, cf_row_t* row);
void cf_csv_close(cf_csv_t* csv);

/**
 * Reads all of `path` with every rule, the rate's too: true with `info` when the file is a
 * recording to replay, false with `csv->error` set. `asked_hz` (0: none) must be the rows' rate;
 * `option` names where it was asked for, in the message.
 */
bool cf_csv_check(cf_csv_t* csv, const char* path, int32_t asked_hz, const char* option, cf_csv_info_t* info);

#endif
