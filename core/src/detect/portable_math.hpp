// Transcendental functions that give the same bits natively and in wasm.
//
// The C libraries differ: glibc's and Emscripten's musl std::log, std::exp,
// std::log1p and std::lgamma disagree in the last bit on a few inputs in
// 10^4 to 10^5 (measured over 10^6 random arguments). xsimd's log, exp,
// log1p and lgamma are one portable algorithm written in +, -, *, / and bit
// operations, so they agree bit for bit on both targets, provided neither
// uses a fused multiply-add (wasm has none, and -ffp-contract=off keeps the
// compiler from fusing): hence plain avx2 on x86, not xsimd's fma3<avx2>.
// Scalars go through a batch and take its first lane.
#pragma once

#include <xsimd/xsimd.hpp>

namespace lf::detect::portable {

#if defined(__EMSCRIPTEN__)
using Arch = xsimd::wasm;
#elif XSIMD_WITH_AVX2
using Arch = xsimd::avx2;
#elif XSIMD_WITH_SSE2
using Arch = xsimd::sse2;
#else
using Arch = xsimd::default_arch;
#endif
using Batch = xsimd::batch<double, Arch>;

inline double log(double x) {
  return xsimd::log(Batch(x)).get(0);
}
inline double log1p(double x) {
  return xsimd::log1p(Batch(x)).get(0);
}
inline double exp(double x) {
  return xsimd::exp(Batch(x)).get(0);
}
inline double lgamma(double x) {
  return xsimd::lgamma(Batch(x)).get(0);
}

}  // namespace lf::detect::portable
