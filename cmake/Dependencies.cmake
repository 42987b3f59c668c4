# Third-party libraries. All come from Debian packages installed by
# scripts/setup; xsimd >= 13 (the first with a wasm arch) is unpacked into the
# project-local prefix .deps/prefix.
set(LF_DEPS_PREFIX "${PROJECT_SOURCE_DIR}/.deps/prefix" CACHE PATH "project-local dependency prefix")

add_library(lf_xsimd INTERFACE)
target_include_directories(lf_xsimd SYSTEM INTERFACE "${LF_DEPS_PREFIX}/usr/include")
if(NOT EXISTS "${LF_DEPS_PREFIX}/usr/include/xsimd/xsimd.hpp")
  message(FATAL_ERROR "xsimd not found under ${LF_DEPS_PREFIX}: run 'make setup' (scripts/setup)")
endif()

# Header-only libraries from Debian, usable by both native and Emscripten
# builds: Emscripten must not search /usr/include, so scripts/setup links them
# into ${LF_DEPS_PREFIX}/include.
add_library(lf_json INTERFACE)
target_include_directories(lf_json SYSTEM INTERFACE "${LF_DEPS_PREFIX}/include")
# The core never throws: a JSON accessor used on the wrong type would abort
# instead, so core/api checks every type before reading (see api/json_read).
target_compile_definitions(lf_json INTERFACE JSON_NOEXCEPTION)

add_library(lf_eigen INTERFACE)
target_include_directories(lf_eigen SYSTEM INTERFACE /usr/include/eigen3)

add_library(lf_doctest INTERFACE)
target_include_directories(lf_doctest SYSTEM INTERFACE "${LF_DEPS_PREFIX}/include")
