// The built-in live source: a seeded regime-switching generator, so the
// dashboard can be tried (and tested) without any feed. Three channels:
//   leader    an AR(1) process whose regime (calm, trending, turbulent)
//             switches as a Markov chain: the detectors have real changes
//             to find;
//   follower  the leader two samples late, scaled, plus noise: transfer
//             entropy should point leader -> follower;
//   noise     independent white noise: the causal panel's control.
// Sample k depends only on the seed and k, never on wall time, so a given
// seed always produces the same stream; the rate only sets how many samples
// each frame takes.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string_view>
#include <vector>

#include "lf/graph/random.hpp"

namespace lf::ui {

struct SimulatedSample {
  double timestamp;               // sample index (one per tick)
  std::array<double, 3> channel;  // leader, follower, noise
  int regime;                     // the leader's regime: 0 calm, 1 trending, 2 turbulent
};

class SimulatedStream {
 public:
  static constexpr std::array<std::string_view, 3> channel_names{"leader", "follower", "noise"};
  static constexpr std::array<std::string_view, 3> regime_names{"calm", "trending", "turbulent"};

  explicit SimulatedStream(std::uint64_t seed);

  SimulatedSample next();
  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t samples_emitted() const noexcept { return emitted_; }

 private:
  std::uint64_t seed_;
  graph::Random random_;
  std::uint64_t emitted_ = 0;
  int regime_ = 0;
  double leader_ = 0.0;
  std::deque<double> leader_history_;  // the last two leader values, oldest first
};

}  // namespace lf::ui
