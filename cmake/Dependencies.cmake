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

# fast_float: correctly rounded decimal parsing, the same on both targets
# (the CSV reader's numbers).
add_library(lf_fast_float INTERFACE)
target_include_directories(lf_fast_float SYSTEM INTERFACE "${LF_DEPS_PREFIX}/include")
if(NOT EXISTS "${LF_DEPS_PREFIX}/include/fast_float/fast_float.h")
  message(FATAL_ERROR "fast_float not found under ${LF_DEPS_PREFIX}/include: run 'make setup' (scripts/setup)")
endif()

add_library(lf_eigen INTERFACE)
target_include_directories(lf_eigen SYSTEM INTERFACE /usr/include/eigen3)

add_library(lf_doctest INTERFACE)
target_include_directories(lf_doctest SYSTEM INTERFACE "${LF_DEPS_PREFIX}/include")

# libsodium (SHA-256, HMAC, Ed25519) and zlib: Debian's packages natively;
# under Emscripten the static builds scripts/setup makes from Debian's source
# packages into ${LF_DEPS_PREFIX}/wasm (Emscripten's own ports would download).
add_library(lf_sodium INTERFACE)
add_library(lf_zlib INTERFACE)
if(EMSCRIPTEN)
  set(LF_WASM_PREFIX "${LF_DEPS_PREFIX}/wasm")
  foreach(archive libsodium.a libz.a)
    if(NOT EXISTS "${LF_WASM_PREFIX}/lib/${archive}")
      message(FATAL_ERROR "${archive} (wasm) not found under ${LF_WASM_PREFIX}: run 'make setup' (scripts/setup)")
    endif()
  endforeach()
  target_include_directories(lf_sodium SYSTEM INTERFACE "${LF_WASM_PREFIX}/include")
  target_link_libraries(lf_sodium INTERFACE "${LF_WASM_PREFIX}/lib/libsodium.a")
  target_include_directories(lf_zlib SYSTEM INTERFACE "${LF_WASM_PREFIX}/include")
  target_link_libraries(lf_zlib INTERFACE "${LF_WASM_PREFIX}/lib/libz.a")
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(LF_LIBSODIUM REQUIRED IMPORTED_TARGET libsodium)
  target_link_libraries(lf_sodium INTERFACE PkgConfig::LF_LIBSODIUM)
  find_package(ZLIB REQUIRED)
  target_link_libraries(lf_zlib INTERFACE ZLIB::ZLIB)

  # cpp-httplib 0.11.4 for `lf serve` (native only). Debian's
  # libcpp-httplib-dev is the split build: httplib.h declares, the shared
  # library libcpp-httplib.so implements, and its pkg-config file carries the
  # feature macros (OpenSSL, zlib, Brotli) the library was compiled with,
  # which must match for the classes' layouts to agree.
  pkg_check_modules(LF_CPP_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
  add_library(lf_httplib INTERFACE)
  target_link_libraries(lf_httplib INTERFACE PkgConfig::LF_CPP_HTTPLIB)
endif()
