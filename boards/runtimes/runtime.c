// The table of HAL ABI v1 exports every backend and the core index by cf_export_t.
#include "runtime.h"

const char* const cf_export_name[CF_EXPORT_COUNT] = {
  "fw_init", "fw_accel", "fw_accel_buffer", "fw_accel_batch", "fw_accel_capacity", "fw_button",
  "fw_temperature", "fw_tick", "fw_config_set", "fw_config_get", "fw_status",
};

const uint8_t cf_export_params[CF_EXPORT_COUNT] = { 1, 4, 0, 2, 0, 2, 2, 1, 2, 1, 1 };

const bool cf_export_has_result[CF_EXPORT_COUNT] = {
  false, false, true, false, true, false, false, false, true, true, true,
};
