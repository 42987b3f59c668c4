# Compiler flags shared by every target.
#
# Determinism: figures that are signed or compared across targets must be
# bit-identical on native and wasm, so floating point is strict IEEE on both:
# no fast-math and no contraction of a*b+c into FMA (which x86-64-v3 has and
# wasm does not).
add_compile_options(-ffp-contract=off -fno-fast-math -Wall -Wextra -Wpedantic)

if(EMSCRIPTEN)
  add_compile_options(-msimd128)
elseif(LF_NATIVE_ARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  add_compile_options(-march=${LF_NATIVE_ARCH})
endif()

if(LF_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
