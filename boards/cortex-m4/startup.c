// Start-up of the Cortex-M4 images: the vector table, the reset handler (FPU on, .data copied,
// .bss zeroed, the stack painted for the peak measurement), and faults reported before exiting.
// No C library start-up code is linked (-nostartfiles): this file is all that runs before main.
#include <stdint.h>

#include "semihost.h"
#include "stack.h"

extern uint32_t cf_data_start, cf_data_end, cf_data_load, cf_bss_start, cf_bss_end;
extern uint32_t cf_stack_bottom, cf_stack_top;

int main(void);
void cf_systick_handler(void);
void cf_reset(void);

#define SCB_CPACR (*(volatile uint32_t*)0xE000ED88u)

/** Any fault: the image is broken, not the firmware (whose traps the runtimes catch). */
static void cf_fault(void) {
  static const char message[] = "cortex-m4: processor fault\n";
  cf_semihost_open();
  cf_semihost_stderr(message, sizeof message - 1);
  cf_semihost_exit(1);
}

__attribute__((section(".vectors"), used)) static const void* const vectors[16] = {
  &cf_stack_top,      // initial stack pointer
  cf_reset,           // reset
  cf_fault,           // NMI
  cf_fault,           // hard fault
  cf_fault,           // memory management fault
  cf_fault,           // bus fault
  cf_fault,           // usage fault
  0, 0, 0, 0,
  cf_fault,           // SVCall
  cf_fault,           // debug monitor
  0,
  cf_fault,           // PendSV
  cf_systick_handler, // SysTick: counts the counter's reloads (counter.c)
};

__attribute__((noreturn)) void cf_reset(void) {
  // Coprocessors 10 and 11 (the FPU) on before any code that might use them.
  SCB_CPACR |= 0xFu << 20;
  __asm__ volatile("dsb\n isb" ::: "memory");
  for (uint32_t *from = &cf_data_load, *to = &cf_data_start; to < &cf_data_end;) *to++ = *from++;
  for (uint32_t* p = &cf_bss_start; p < &cf_bss_end;) *p++ = 0;
  cf_stack_paint();
  cf_semihost_exit(main());
}
