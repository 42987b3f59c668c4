// kernels::block_moment_prefixes against its documented contract: per block
// of 8 values v (z - shift, z being x or its first differences), the sums
//   q1 = ((v0+v4)+(v2+v6)) + ((v1+v5)+(v3+v7)) and the same tree over v^2,
// added serially to the running sums p1, p2 (from the given p1[0], p2[0]);
// for differences p1 holds the input value ending each block instead (the
// first moments telescope); and, when mid2 is given, the running sums at each block's middle:
// p2[b] plus the head of the squares over the block's first 4 values, H(v) = (v0+v2) + (v1+v3),
// and in mid1, with p1, p1[b] + H(v) (for differences the input value before the fifth
// difference); bit for bit, whatever the number of blocks (SIMD batches and the scalar tail), the
// alignment of the input, or the target. p2 alone (empty p1) gives the same p2, and asking for the
// middles changes no bit of p1, p2. Nothing past the outputs is written.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <vector>

#include "lf/signal/kernels.hpp"

namespace k = lf::signal::kernels;

namespace {

std::uint64_t bits(double v) {
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

// Values whose magnitudes span many binades, so that a different summation
// order gives different bits (checked below): uniform mantissas times 2^e,
// e in [-20, 20], random signs. Integer-to-double conversions and exact
// scalings only: the same series on every target.
std::vector<double> wide_range_values(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> x(n);
  for (auto& v : x) {
    double m = static_cast<double>(rng() >> 11) * 0x1p-53 + 0.5;  // [0.5, 1.5)
    const int e = static_cast<int>(rng() % 41) - 20;
    for (int i = 0; i < (e < 0 ? -e : e); ++i) m = e < 0 ? m * 0.5 : m * 2.0;
    v = (rng() & 1) ? -m : m;
  }
  return x;
}

// The documented tree, one block, element by element.
double tree(const std::array<double, 8>& v) {
  return ((v[0] + v[4]) + (v[2] + v[6])) + ((v[1] + v[5]) + (v[3] + v[7]));
}

// The documented head order over a block's first 4 values.
double head(const std::array<double, 8>& v) {
  return (v[0] + v[2]) + (v[1] + v[3]);
}

struct BlockSums {
  double s1;
  double s2;
  double h1;
  double h2;
};

BlockSums reference_block(const double* x, bool differences, double shift) {
  std::array<double, 8> v;
  for (std::size_t i = 0; i < 8; ++i) v[i] = (differences ? x[i + 1] - x[i] : x[i]) - shift;
  std::array<double, 8> sq;
  for (std::size_t i = 0; i < 8; ++i) sq[i] = v[i] * v[i];
  return {tree(v), tree(sq), head(v), head(sq)};
}

// Runs the kernel for `blocks` blocks of x starting at `offset`, from given
// starting sums p1[0], p2[0], with guard values after the outputs, and checks
// every running sum's bits against the reference (the block's tree added to
// the previous running sum; for differences, p1 is the value ending the
// block) and that nothing else was written.
void check_against_reference(const std::vector<double>& x, std::size_t offset, std::size_t blocks,
                             bool differences, double shift) {
  constexpr double kGuard = -12345.678;
  constexpr double kStart1 = 1234.5;
  constexpr double kStart2 = 0.75;
  const std::size_t length = blocks * 8 + (differences ? 1 : 0);
  REQUIRE(offset + length <= x.size());
  std::vector<double> p1(blocks + 2, kGuard), p2(blocks + 2, kGuard);
  p1[0] = kStart1;
  p2[0] = kStart2;
  k::block_moment_prefixes(std::span<const double>(x).subspan(offset, length), differences, shift,
                           std::span<double>(p1).first(blocks + 1),
                           std::span<double>(p2).first(blocks + 1));
  INFO("blocks ", blocks, ", offset ", offset, ", differences ", differences, ", shift ", shift);
  CHECK(bits(p1[0]) == bits(kStart1));
  CHECK(bits(p2[0]) == bits(kStart2));
  CHECK(bits(p1.back()) == bits(kGuard));
  CHECK(bits(p2.back()) == bits(kGuard));
  std::size_t mismatches = 0;
  double e1 = kStart1, e2 = kStart2;
  for (std::size_t b = 0; b < blocks; ++b) {
    const BlockSums q = reference_block(x.data() + offset + b * 8, differences, shift);
    e1 = differences ? x[offset + b * 8 + 8] : e1 + q.s1;
    e2 += q.s2;
    if (bits(p1[b + 1]) != bits(e1) || bits(p2[b + 1]) != bits(e2)) {
      if (++mismatches <= 3) {
        INFO("first differing running sum: after block ", b);
        CHECK(bits(p1[b + 1]) == bits(e1));
        CHECK(bits(p2[b + 1]) == bits(e2));
      }
      // Continue from the kernel's sums, so one bad block is reported once.
      e1 = p1[b + 1];
      e2 = p2[b + 1];
    }
  }
  CHECK(mismatches == 0);

  // With p1 empty only p2 is computed: the same bits.
  std::vector<double> only2(blocks + 2, kGuard);
  only2[0] = kStart2;
  k::block_moment_prefixes(std::span<const double>(x).subspan(offset, length), differences, shift,
                           std::span<double>(), std::span<double>(only2).first(blocks + 1));
  CHECK(bits(only2.back()) == bits(kGuard));
  std::size_t only2_mismatches = 0;
  for (std::size_t b = 0; b <= blocks; ++b) only2_mismatches += bits(only2[b]) != bits(p2[b]);
  CHECK(only2_mismatches == 0);

  // With the middles, with and without p1 (the kernel has a path for each):
  // every middle is the reference's bit for bit (mid1 untouched without p1),
  // nothing is written past them, and p1, p2 keep the bits computed without
  // middles (guards included).
  for (const bool with_first : {true, false}) {
    INFO("with middles, p1 ", with_first ? "given" : "empty");
    std::vector<double> q1(blocks + 2, kGuard), q2(blocks + 2, kGuard);
    std::vector<double> m1(blocks + 1, kGuard), m2(blocks + 1, kGuard);
    q1[0] = kStart1;
    q2[0] = kStart2;
    k::block_moment_prefixes(
        std::span<const double>(x).subspan(offset, length), differences, shift,
        with_first ? std::span<double>(q1).first(blocks + 1) : std::span<double>(),
        std::span<double>(q2).first(blocks + 1),
        with_first ? std::span<double>(m1).first(blocks) : std::span<double>(),
        std::span<double>(m2).first(blocks));
    CHECK(bits(m1.back()) == bits(kGuard));
    CHECK(bits(m2.back()) == bits(kGuard));
    std::size_t prefix_mismatches = 0;
    for (std::size_t b = 0; b < blocks + 2; ++b) {
      prefix_mismatches += bits(q2[b]) != bits(p2[b]) ? 1 : 0;
      prefix_mismatches += bits(q1[b]) != bits(with_first || b == 0 ? p1[b] : kGuard) ? 1 : 0;
    }
    CHECK(prefix_mismatches == 0);
    std::size_t middle_mismatches = 0;
    for (std::size_t b = 0; b < blocks; ++b) {
      const BlockSums q = reference_block(x.data() + offset + b * 8, differences, shift);
      const double e1 = !with_first ? kGuard : differences ? x[offset + b * 8 + 4] : p1[b] + q.h1;
      const double e2 = p2[b] + q.h2;
      if (bits(m1[b]) != bits(e1) || bits(m2[b]) != bits(e2)) {
        if (++middle_mismatches <= 3) {
          INFO("differing middle sums: block ", b);
          CHECK(bits(m1[b]) == bits(e1));
          CHECK(bits(m2[b]) == bits(e2));
        }
      }
    }
    CHECK(middle_mismatches == 0);
  }
}

}  // namespace

TEST_SUITE("block_moments") {
  TEST_CASE("block_moments: bit-identical to the documented tree, values and differences") {
    const auto x = wide_range_values(8 * 40 + 16, 314159);
    for (const bool differences : {false, true}) {
      for (const double shift : {0.0, 0.3125, -1234.5678, 0x1.8p-7}) {
        for (std::size_t blocks = 0; blocks <= 37; ++blocks) {
          // Offsets 0..3: aligned and unaligned loads.
          for (std::size_t offset = 0; offset < 4; ++offset) {
            check_against_reference(x, offset, blocks, differences, shift);
          }
        }
      }
    }
  }

  TEST_CASE("block_moments: the data discriminates summation orders") {
    // Guards the tests of the trees and of the middles against vacuity: on
    // this data a left-to-right
    // sum (or a pairwise ((v0+v1)+(v2+v3))+...) disagrees with the tree in
    // many blocks, so a kernel using another order would fail. The same for
    // the heads: a serial ((v0+v1)+v2)+v3 or a pairwise (v0+v1)+(v2+v3) over
    // the first 4 values disagrees with H = (v0+v2)+(v1+v3), over v and v^2
    // (measured: in 9 to 16 of the 40 blocks).
    const auto x = wide_range_values(8 * 40 + 16, 314159);
    std::size_t serial_differs = 0, pairwise_differs = 0;
    std::size_t head_serial_differs = 0, head_pairwise_differs = 0;
    std::size_t head_serial_square_differs = 0, head_pairwise_square_differs = 0;
    for (std::size_t b = 0; b < 40; ++b) {
      std::array<double, 8> v;
      for (std::size_t i = 0; i < 8; ++i) v[i] = x[b * 8 + i] - 0.3125;
      double serial = 0.0;
      for (double e : v) serial += e;
      const double pairwise = ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
      serial_differs += bits(serial) != bits(tree(v)) ? 1 : 0;
      pairwise_differs += bits(pairwise) != bits(tree(v)) ? 1 : 0;

      std::array<double, 8> sq;
      for (std::size_t i = 0; i < 8; ++i) sq[i] = v[i] * v[i];
      const auto head_serial = [](const std::array<double, 8>& e) {
        return ((e[0] + e[1]) + e[2]) + e[3];
      };
      const auto head_pairwise = [](const std::array<double, 8>& e) {
        return (e[0] + e[1]) + (e[2] + e[3]);
      };
      head_serial_differs += bits(head_serial(v)) != bits(head(v)) ? 1 : 0;
      head_pairwise_differs += bits(head_pairwise(v)) != bits(head(v)) ? 1 : 0;
      head_serial_square_differs += bits(head_serial(sq)) != bits(head(sq)) ? 1 : 0;
      head_pairwise_square_differs += bits(head_pairwise(sq)) != bits(head(sq)) ? 1 : 0;
    }
    MESSAGE("blocks of 40 where another order differs: tree serial ", serial_differs, ", pairwise ",
            pairwise_differs, "; head serial ", head_serial_differs, " (squares ",
            head_serial_square_differs, "), pairwise ", head_pairwise_differs, " (squares ",
            head_pairwise_square_differs, ")");
    CHECK(serial_differs >= 10);
    CHECK(pairwise_differs >= 10);
    CHECK(head_serial_differs >= 5);
    CHECK(head_pairwise_differs >= 5);
    CHECK(head_serial_square_differs >= 5);
    CHECK(head_pairwise_square_differs >= 5);
  }

  TEST_CASE("block_moments: exact running sums of small integers") {
    // Block b holds 8b+1 .. 8b+8, shifted by 2: v = 8b-1 .. 8b+6, so block b
    // adds 64b + 20 to p1 and sum (8b+k-2)^2, k = 1..8, to p2; its middles
    // add the sums over v = 8b-1 .. 8b+2 alone, 32b + 2 and sum (8b+k-2)^2,
    // k = 1..4, to the running sums before it; all exact.
    constexpr std::size_t kBlocks = 37;
    std::vector<double> x(kBlocks * 8);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i + 1);
    std::vector<double> p1(kBlocks + 1), p2(kBlocks + 1), m1(kBlocks), m2(kBlocks);
    p1[0] = 0.0;
    p2[0] = 0.0;
    k::block_moment_prefixes(x, false, 2.0, p1, p2, m1, m2);
    CHECK(p1[1] == 20.0);
    CHECK(p2[1] == 92.0);  // 1 + 0 + 1 + 4 + 9 + 16 + 25 + 36
    CHECK(m1[0] == 2.0);   // -1 + 0 + 1 + 2
    CHECK(m2[0] == 6.0);   // 1 + 0 + 1 + 4
    CHECK(m1[1] == 54.0);  // 20 + (7 + 8 + 9 + 10)
    long long e1 = 0, e2 = 0;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      long long g1 = e1, g2 = e2;
      for (std::size_t j = 1; j <= 8; ++j) {
        const auto v = static_cast<long long>(8 * b + j) - 2;
        e1 += v;
        e2 += v * v;
        if (j <= 4) {
          g1 += v;
          g2 += v * v;
        }
      }
      INFO("block ", b);
      CHECK(p1[b + 1] == static_cast<double>(e1));
      CHECK(p2[b + 1] == static_cast<double>(e2));
      CHECK(m1[b] == static_cast<double>(g1));
      CHECK(m2[b] == static_cast<double>(g2));
    }
    // sum over blocks of 64b + 20 = 64 * 36*37/2 + 20*37.
    CHECK(p1[kBlocks] == 43364.0);

    // Differences of the squares 0, 1, 4, ..., 64 are the odd numbers
    // 1, 3, ..., 15; shifted by 2: -1, 1, 3, ..., 13. Starting sums 10, 100.
    std::vector<double> squares(9);
    for (std::size_t i = 0; i < squares.size(); ++i) squares[i] = static_cast<double>(i * i);
    std::array<double, 2> d1{10.0, 0.0}, d2{100.0, 0.0};
    std::array<double, 1> dm1{0.0}, dm2{0.0};
    k::block_moment_prefixes(squares, true, 2.0, d1, d2, dm1, dm2);
    CHECK(d1[0] == 10.0);
    CHECK(d2[0] == 100.0);
    CHECK(d1[1] == 64.0);    // the value ending the block, 8 * 8
    CHECK(d2[1] == 556.0);   // 100 + 1 + 1 + 9 + 25 + 49 + 81 + 121 + 169
    CHECK(dm1[0] == 16.0);   // the value before the fifth difference, 4 * 4
    CHECK(dm2[0] == 136.0);  // 100 + 1 + 1 + 9 + 25

    // Many blocks of differences: x[i] = i*i, z[k] = 2k+1, shifted by 3; the
    // middles with p1 and without it.
    std::vector<double> sq(kBlocks * 8 + 1);
    for (std::size_t i = 0; i < sq.size(); ++i) sq[i] = static_cast<double>(i * i);
    std::vector<double> t1(kBlocks + 1, 0.0), t2(kBlocks + 1, 0.0);
    std::vector<double> tm1(kBlocks, 0.0), tm2(kBlocks, 0.0);
    k::block_moment_prefixes(sq, true, 3.0, t1, t2, tm1, tm2);
    std::vector<double> u2(kBlocks + 1, 0.0), um2(kBlocks, 0.0);
    k::block_moment_prefixes(sq, true, 3.0, {}, u2, {}, um2);
    long long f2 = 0;
    for (std::size_t b = 0; b < kBlocks; ++b) {
      long long g2 = f2;
      for (std::size_t j = 0; j < 8; ++j) {
        const auto v = static_cast<long long>(2 * (8 * b + j) + 1) - 3;
        f2 += v * v;
        if (j < 4) g2 += v * v;
      }
      INFO("block ", b);
      CHECK(t1[b + 1] == static_cast<double>((8 * b + 8) * (8 * b + 8)));
      CHECK(t2[b + 1] == static_cast<double>(f2));
      CHECK(u2[b + 1] == static_cast<double>(f2));
      CHECK(tm1[b] == static_cast<double>((8 * b + 4) * (8 * b + 4)));
      CHECK(tm2[b] == static_cast<double>(g2));
      CHECK(um2[b] == static_cast<double>(g2));
    }
  }

  TEST_CASE("block_moments: each middle adds the head in the documented order") {
    // From running sums of 0 a block's middles are its head sums alone, whose
    // last bits the running sums above can swamp: one run per block of the
    // discriminating data below, from zero, over enough blocks that the first
    // goes through the SIMD path.
    const auto x = wide_range_values(8 * 40 + 16, 314159);
    constexpr std::size_t kRun = 4;
    for (const bool differences : {false, true}) {
      std::size_t mismatches = 0;
      for (std::size_t b = 0; b + kRun <= 40; ++b) {
        std::array<double, kRun + 1> p1{}, p2{};
        std::array<double, kRun> m1{}, m2{};
        k::block_moment_prefixes(std::span<const double>(x).subspan(b * 8, kRun * 8 + differences),
                                 differences, 0.3125, p1, p2, m1, m2);
        const BlockSums q = reference_block(x.data() + b * 8, differences, 0.3125);
        const double e1 = differences ? x[b * 8 + 4] : q.h1;
        mismatches += bits(m1[0]) != bits(e1) || bits(m2[0]) != bits(q.h2) ? 1 : 0;
      }
      INFO("differences ", differences);
      CHECK(mismatches == 0);
    }
  }

  TEST_CASE("block_moments: zero blocks leaves the starting sums alone") {
    std::array<double, 1> x{1.0};
    std::array<double, 2> p1{7.0, -1.0}, p2{8.0, -1.0};
    k::block_moment_prefixes(std::span<const double>(x).first(0), false, 0.0,
                             std::span<double>(p1).first(1), std::span<double>(p2).first(1));
    k::block_moment_prefixes(std::span<const double>(x), true, 0.0, std::span<double>(p1).first(1),
                             std::span<double>(p2).first(1));
    CHECK(p1[0] == 7.0);
    CHECK(p2[0] == 8.0);
    CHECK(p1[1] == -1.0);
    CHECK(p2[1] == -1.0);
  }
}
