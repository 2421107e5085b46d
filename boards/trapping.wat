;; A stand-in firmware that traps on request, for testing the boards' trap handling (tests/host/
;; boards.test.ts and mcu.test.ts, boards/harness/recording.ts): the x value of a sample says what
;; to do.
;;   5555  emit MOVE_START(now, a = samples counted in linear memory, b = config digest)
;;   7777  hal.panic(3), then unreachable
;;   8888  integer divide by zero, without a panic
;;   6666  read the i32 at address y: within the page that is allowed (and reads 0 where nothing
;;         was written); a low-RAM board traps when y lies past the bytes it gives the module
;; A restarted instance must start from zeroed memory and get its config back.
(module
  (import "hal" "emit" (func $emit (param i32 i32 i32 i32)))
  (import "hal" "panic" (func $panic (param i32)))
  (import "hal" "set_vibration" (func $set_vibration (param i32)))
  (memory (export "memory") 1 1)
  (global $config_digest (mut i32) (i32.const 0))
  (func (export "fw_init") (param $now i32)
    (call $set_vibration (i32.const 0))
    (call $emit (i32.const 5) (local.get $now) (i32.load (i32.const 200)) (global.get $config_digest)))
  (func (export "fw_accel") (param $now i32) (param $x i32) (param $y i32) (param $z i32)
    (i32.store (i32.const 200) (i32.add (i32.load (i32.const 200)) (i32.const 1)))
    (if (i32.eq (local.get $x) (i32.const 7777)) (then (call $panic (i32.const 3)) (unreachable)))
    (if (i32.eq (local.get $x) (i32.const 8888)) (then (drop (i32.div_s (local.get $y) (i32.const 0)))))
    (if (i32.eq (local.get $x) (i32.const 6666)) (then (drop (i32.load (local.get $y)))))
    (if (i32.eq (local.get $x) (i32.const 5555))
      (then (call $emit (i32.const 1) (local.get $now) (i32.load (i32.const 200)) (global.get $config_digest)))))
  (func (export "fw_accel_buffer") (result i32) (i32.const 1024))
  (func (export "fw_accel_capacity") (result i32) (i32.const 32))
  (func (export "fw_accel_batch") (param $now i32) (param $count i32)
    (if (i32.eq (i32.load16_s (i32.const 1024)) (i32.const 7777)) (then (call $panic (i32.const 4)) (unreachable)))
    (call $emit (i32.const 2) (local.get $now) (local.get $count) (i32.load16_s (i32.const 1024))))
  (func (export "fw_button") (param i32 i32))
  (func (export "fw_temperature") (param i32 i32))
  (func (export "fw_tick") (param i32))
  (func (export "fw_config_set") (param $key i32) (param $value i32) (result i32)
    (global.set $config_digest
      (i32.add (i32.mul (global.get $config_digest) (i32.const 100)) (i32.add (i32.mul (local.get $key) (i32.const 10)) (local.get $value))))
    (i32.const 0))
  (func (export "fw_config_get") (param i32) (result i32) (i32.const 50))
  (func (export "fw_status") (param i32) (result i32) (i32.const 0)))
