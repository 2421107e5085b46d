// A recording in CSV, read row by row without allocating: `t_ms,ax_mg,ay_mg,az_mg` and optionally
// `temp_cdeg`, `button`, in any column order, one header row. The same columns, ranges and
// messages as host/replay/csv.ts; quoted fields are not supported (the recorder never writes them).
#ifndef CALMFOOT_CSV_H
#define CALMFOOT_CSV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/board.h"  // cf_row_t

typedef struct {
  FILE* file;
  const char* path;
  uint32_t line;
  int columns;   // fields per record
  int col_t, col_x, col_y, col_z, col_temp, col_button;  // -1 when absent
  char error[512];
} cf_csv_t;

/** Opens `path` and reads its header; false with `error` set on failure. */
bool cf_csv_open(cf_csv_t* csv, const char* path);
/** The next row: 1 row read, 0 end of file, -1 error (`error` set). */
int cf_csv_next(cf_csv_t* csv, cf_row_t* row);
void cf_csv_close(cf_csv_t* csv);

#endif
