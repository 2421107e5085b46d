// The desktop board (x86-64): replays a CSV recording through the board core and one runtime
// backend, and prints the canonical event log on stdout, so that its output can be compared byte
// for byte with the Node board's (boards/harness/logs.ts). The file is read twice: first checked
// whole (csv.h: the Node board's rules and one-line messages; the rate measured from t_ms becomes
// SAMPLE_HZ), then replayed, so a bad file writes nothing and exits 2, as `calmfoot replay` does.
//
//   <image> [--batch N] [--set KEY=VALUE]... [--wasm FILE] [--stats] [--trace] [--probe] FILE.csv
//
// --batch N   a FIFO board: samples go to the firmware through fw_accel_batch, N at a time
// --set K=V   config applied after fw_init, in order (after the HEAT_ENABLED rule and SAMPLE_HZ,
//             the rows' own rate when it is not the default 50 Hz: --set 1=HZ must agree with it)
// --wasm F    another module (wasm3 and WAMR images; wasm2c compiles its module in)
// --trace     every call into the firmware on stderr
// --stats     one JSON line on stderr: rows, samples, events, restarts, heap high-water
// --probe     (probe build only) memory and stack figures on stderr, see probe.h

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/board.h"
#include "../core/hal.h"
#include "csv.h"
#include "probe.h"

/** The module compiled into the image (generated from its .wasm by the Makefile). */
extern const uint8_t cf_module_bytes[];
extern const uint32_t cf_module_size;

static const char* program = "calmfoot-board";

// ─── Platform hooks ──────────────────────────────────────────────────────────────────────

void cf_platform_write(const char* bytes, uint32_t length) {
  if (fwrite(bytes, 1, length, stdout) != length) {
    fprintf(stderr, "%s: cannot write the event log\n", program);
    exit(74);
  }
}

void cf_platform_note(const char* line) { fprintf(stderr, "%s: %s\n", program, line); }

void cf_platform_fatal(const char* why) {
  fflush(stdout);
  fprintf(stderr, "%s: %s\n", program, why);
  exit(70);
}

void cf_platform_call_begin(cf_export_t fn) { (void)fn; probe_before_call(); }
void cf_platform_call_end(cf_export_t fn) { (void)fn; probe_after_call(); }
void cf_platform_restarted(void) {}

// ─── The CSV as a row source ─────────────────────────────────────────────────────────────

static int next_csv_row(void* source, cf_row_t* row) { return cf_csv_next((cf_csv_t*)source, row); }

/** The reader: a 64 KiB buffer and a record, kept off the stack. */
static cf_csv_t csv;

/** SAMPLE_HZ after fw_init (docs/hal-abi.md, config key 1). */
#define ABI_DEFAULT_SAMPLE_HZ 50

// ─── --wasm: a module from a file, into a static buffer ───────────────────────────────────

#define MAX_WASM_BYTES (1u << 20)
static uint8_t wasm_file[MAX_WASM_BYTES];

static bool read_wasm(const char* path, cf_module_t* module) {
  FILE* f = fopen(path, "rb");
  if (!f) return false;
  size_t n = fread(wasm_file, 1, sizeof wasm_file, f);
  bool whole = feof(f) && !ferror(f);
  fclose(f);
  if (!whole || n == 0) return false;
  module->bytes = wasm_file;
  module->size = (uint32_t)n;
  return true;
}

static void usage(void) {
  fprintf(stderr,
          "usage: %s [--batch N] [--set KEY=VALUE]... [--wasm FILE] [--stats] [--trace] [--probe] FILE.csv\n"
          "Replays a CSV recording through the firmware on the %s runtime and prints the\n"
          "canonical event log on stdout.\n",
          program, cf_runtime_name());
}

int main(int argc, char** argv) {
  const char* slash = strrchr(argv[0], '/');
  program = slash ? slash + 1 : argv[0];
  cf_replay_options_t options;
  memset(&options, 0, sizeof options);
  cf_module_t module = { cf_module_bytes, cf_module_size };
  bool stats = false;
  bool probe = false;
  const char* path = 0;
  for (int i = 1; i < argc; i++) {
    const char* arg = argv[i];
    if (strcmp(arg, "--batch") == 0 && i + 1 < argc) {
      char* end;
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > CF_FIFO_MAX) {
        fprintf(stderr, "%s: --batch takes 1…%d\n", program, CF_FIFO_MAX);
        return 2;
      }
      options.batch = (int)n;
    } else if (strcmp(arg, "--set") == 0 && i + 1 < argc) {
      long key, value;
      char extra;
      // One place stays free: SAMPLE_HZ goes first.
      if (sscanf(argv[++i], "%ld=%ld%c", &key, &value, &extra) != 2 || options.config_count == CF_MAX_CONFIG - 1) {
        fprintf(stderr, "%s: --set takes KEY=VALUE (numbers)\n", program);
        return 2;
      }
      options.config[options.config_count][0] = (int32_t)key;
      options.config[options.config_count][1] = (int32_t)value;
      options.config_count++;
    } else if (strcmp(arg, "--wasm") == 0 && i + 1 < argc) {
      const char* file = argv[++i];
      if (strcmp(cf_runtime_name(), "wasm2c") == 0 || !read_wasm(file, &module)) {
        fprintf(stderr, "%s: --wasm %s: %s\n", program, file,
                strcmp(cf_runtime_name(), "wasm2c") == 0 ? "wasm2c compiles its module in" : "cannot read it");
        return 2;
      }
    } else if (strcmp(arg, "--stats") == 0) {
      stats = true;
    } else if (strcmp(arg, "--trace") == 0) {
      cf_board_trace = true;
    } else if (strcmp(arg, "--probe") == 0) {
      probe = true;
    } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      usage();
      return 0;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      usage();
      return 2;
    } else if (!path) {
      path = arg;
    } else {
      usage();
      return 2;
    }
  }
  if (!path) {
    usage();
    return 2;
  }
  if (probe && !PROBE_BUILD) {
    fprintf(stderr, "%s: --probe needs the probe build\n", program);
    return 2;
  }

  // SAMPLE_HZ (key 1) is the rows' own rate, set first; --set 1=HZ only asks for it.
  int32_t asked_hz = 0;
  char option[32] = "--set 1=";
  int kept = 0;
  for (int i = 0; i < options.config_count; i++) {
    if (options.config[i][0] == 1) {
      asked_hz = options.config[i][1];
      snprintf(option, sizeof option, "--set 1=%d", asked_hz);
    } else {
      options.config[kept][0] = options.config[i][0];
      options.config[kept++][1] = options.config[i][1];
    }
  }
  cf_csv_info_t info;
  if (!cf_csv_check(&csv, path, asked_hz, option, &info) || !cf_csv_open(&csv, path)) {
    fprintf(stderr, "%s: %s\n", program, csv.error);
    return 2;
  }
  // The firmware starts at the ABI's default rate; another is set before the rest of the config.
  if (info.sample_hz != ABI_DEFAULT_SAMPLE_HZ) {
    memmove(options.config[1], options.config[0], sizeof options.config[0] * (size_t)kept);
    options.config[0][0] = 1;
    options.config[0][1] = info.sample_hz;
    kept++;
  }
  options.config_count = kept;
  options.has_temp_column = info.has_temp_column;
  cf_board_power_on(&module);
  int status = 0;
  if (cf_board_replay(next_csv_row, &csv, &options) != 0) {
    // The file changed since it was checked.
    fflush(stdout);
    fprintf(stderr, "%s: %s\n", program, csv.error);
    status = 2;
  }
  cf_csv_close(&csv);
  fflush(stdout);
  if (stats) {
    fprintf(stderr,
            "{\"runtime\":\"%s\",\"rows\":%llu,\"samples\":%llu,\"events\":%llu,\"restarts\":%u,\"batch\":%d,"
            "\"heap_high_water\":%u}\n",
            cf_runtime_name(), (unsigned long long)cf_board_stats.rows, (unsigned long long)cf_board_stats.samples,
            (unsigned long long)cf_hal.events, cf_board_stats.restarts, options.batch, cf_board_heap_high_water());
  }
  if (probe) probe_report(stderr, cf_board_stats.samples);
  cf_board_power_off();
  return status;
}
