#include "ui/simulated_stream.hpp"

namespace lf::ui {
namespace {

// Per regime: AR(1) coefficient, drift per sample, noise standard deviation.
struct RegimeDynamics {
  double persistence;
  double drift;
  double volatility;
};
constexpr std::array<RegimeDynamics, 3> kRegimes{{
    {0.90, 0.00, 0.10},  // calm: mean-reverting, quiet
    {0.99, 0.05, 0.15},  // trending: near unit root with drift
    {0.70, 0.00, 0.80},  // turbulent: large shocks
}};
// A regime lasts 400 samples on average (switch probability 1/400).
constexpr double kSwitchProbability = 1.0 / 400.0;
constexpr int kFollowerLag = 2;

}  // namespace

SimulatedStream::SimulatedStream(std::uint64_t seed) : seed_(seed), random_(seed) {}

SimulatedSample SimulatedStream::next() {
  if (random_.uniform() < kSwitchProbability) {
    // Move to one of the two other regimes, equally likely.
    regime_ = (regime_ + 1 + static_cast<int>(random_.below(2))) % 3;
  }
  const auto& dynamics = kRegimes[static_cast<std::size_t>(regime_)];
  leader_ =
      dynamics.persistence * leader_ + dynamics.drift + dynamics.volatility * random_.normal();

  const double lagged = leader_history_.size() == kFollowerLag ? leader_history_.front() : 0.0;
  leader_history_.push_back(leader_);
  if (leader_history_.size() > kFollowerLag) leader_history_.pop_front();

  SimulatedSample sample;
  sample.timestamp = static_cast<double>(emitted_++);
  sample.channel = {leader_, 0.8 * lagged + 0.2 * random_.normal(), random_.normal()};
  sample.regime = regime_;
  return sample;
}

}  // namespace lf::ui
