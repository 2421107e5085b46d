# CMake toolchain for the Cortex-M4F images (arm-none-eabi-gcc from Debian, newlib-nano).
set (CMAKE_SYSTEM_NAME Generic)
set (CMAKE_SYSTEM_PROCESSOR arm)
set (CMAKE_C_COMPILER arm-none-eabi-gcc)
set (CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set (CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set (CF_M4_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set (CMAKE_C_FLAGS_INIT "${CF_M4_FLAGS} -ffunction-sections -fdata-sections")
set (CMAKE_ASM_FLAGS_INIT "${CF_M4_FLAGS}")
