// Shortest round-trip decimal digits of a double, and the two ways of
// writing them that signed bytes depend on: Python's repr(float) (what the
// reference agent's json.dumps writes into the PCS signature payload) and
// ECMAScript's Number::toString (what RFC 8785 JCS prescribes).
//
// Hand-written on purpose: no C++ library reproduces Python's repr layout
// (fixed notation for decimal exponents -4..15, `1.0` keeping its `.0`,
// `5e-05` with a two-digit exponent), and Emscripten 3.1.6's libc++ has no
// floating-point std::to_chars, so the shortest digits themselves are found
// from correctly rounded printf/strtod conversions (exact in glibc and musl
// alike), which keeps native and wasm byte-identical.
#pragma once

#include <string>

namespace lf::verify {

// |x| = 0.d1 d2 ... dk x 10^point, with d1 != 0 and dk != 0 (zero: "0", 1).
// Among the shortest digit strings that read back as x, the one nearest x.
struct DecimalDigits {
  bool negative = false;
  std::string digits;
  int point = 0;
};

// x must be finite.
DecimalDigits shortest_digits(double x);

// Python's repr(x): "0.528320834", "1.0", "5e-05", "1e+16", "-0.0", "inf".
std::string python_repr(double x);

// ECMAScript Number::toString(x) (RFC 8785 section 3.2.2.3): "1", "0.5",
// "1e-7", "1e+21", and "0" for both zeros. x must be finite.
std::string ecmascript_number(double x);

}  // namespace lf::verify
