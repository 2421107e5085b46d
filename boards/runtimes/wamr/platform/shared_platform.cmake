# calmfoot's WAMR platform: a bare board (no OS, no threads, no mmap). WAMR's build scripts include
# this through SHARED_PLATFORM_CONFIG instead of one of their own core/shared/platform/* folders.
set (PLATFORM_SHARED_DIR ${CMAKE_CURRENT_LIST_DIR})
add_definitions (-DBH_PLATFORM_CALMFOOT)
include_directories (${PLATFORM_SHARED_DIR})
include_directories (${SHARED_DIR}/platform/include)
set (PLATFORM_SHARED_SOURCE ${PLATFORM_SHARED_DIR}/platform.c)
