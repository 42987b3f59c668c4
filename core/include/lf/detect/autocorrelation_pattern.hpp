// Autocorrelation pattern detector (design seed 004 §1.2-1.3): recurring
// patterns in a stream, and the stream's activity phase.
//
// The detector works on the first differences d_t = x_t - x_{t-1} (so a trend
// or a random walk is not mistaken for a pattern: their differences are
// constant or uncorrelated) over a sliding window of the last `window` ones.
//
//   Signature: each difference in the window is quantised into `levels`
//   equal-width bins spanning the window's own range (all in bin 0 when the
//   range is 0), and the symbol string is hashed (64-bit FNV-1a), so the same
//   shape at any offset or scale gives the same signature on every target.
//   Recurrences: how many of the previous `horizon` windows had the current
//   window's signature.
//
//   Autocorrelation: at every candidate lag L in [min_lag, max_lag], the
//   Pearson correlation of the window's pairs (d_i, d_{i+L}) (as ewstools'
//   lag-1 autocorrelation: x[:-L] against x[L:]); 0 when either side is
//   constant. The pattern strength is the largest of them (0 when none is
//   positive), its lag the smallest lag reaching it (the pattern's period).
//
//   pattern_stable (warning): the strength has stayed >= `stable_threshold`
//   for at least `min_duration` timestamp units; once per such episode.
//   Activity phase, with hysteresis: FREE -> SCREENED when the strength
//   reaches `enter` (alert `screened`, info), SCREENED -> FREE when it falls
//   below `exit` < `enter` (alert `free`, info), so a strength hovering
//   between the two never flips the phase.
//
// Score: the strength. Detail: "lag L, autocorrelation r, signature 0x...,
// recurrences n". Warm-up: nothing before window + 1 samples. Cost: O(window
// x (max_lag - min_lag + 1)) per sample; O(window + horizon) memory.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "lf/detect/detector.hpp"
#include "lf/signal/ring_buffer.hpp"

namespace lf::detect {

enum class ActivityPhase { free, screened };

// Two-threshold switching: enters SCREENED at strength >= enter, returns to
// FREE at strength < exit (exit < enter). Starts FREE.
class PhaseHysteresis {
 public:
  PhaseHysteresis(double enter, double exit) : enter_(enter), exit_(exit) {}
  // The new phase when `strength` switches it, else nothing.
  std::optional<ActivityPhase> update(double strength);
  ActivityPhase phase() const noexcept { return phase_; }
  void reset() noexcept { phase_ = ActivityPhase::free; }

 private:
  double enter_;
  double exit_;
  ActivityPhase phase_ = ActivityPhase::free;
};

class AutocorrelationPatternDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "autocorrelation_pattern";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 9> kParameters;

  struct Params {
    std::size_t window = 64;
    std::size_t min_lag = 2;
    std::size_t max_lag = 32;
    std::size_t levels = 4;
    double stable_threshold = 0.9;
    double min_duration = 64;
    double enter = 0.8;
    double exit = 0.5;
    std::size_t horizon = 4096;
  };

  // Values in kParameters order, range-checked; min_lag <= max_lag <=
  // window / 2 (at least half the window in every correlation) and exit <
  // enter are checked here.
  static Result<Params> params_from(std::span<const double> values);

  explicit AutocorrelationPatternDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

  // The state after the latest full window (all zero before one).
  // autocorrelations()[L - min_lag] is the autocorrelation at lag L.
  std::span<const double> autocorrelations() const noexcept { return autocorrelations_; }
  double strength() const noexcept { return strength_; }
  std::size_t lag() const noexcept { return lag_; }
  std::uint64_t signature() const noexcept { return signature_; }
  std::size_t recurrences() const noexcept { return recurrences_; }
  ActivityPhase phase() const noexcept { return phase_.phase(); }

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;
  void step(std::size_t index, double difference);
  void update_signature();
  void update_autocorrelations();
  std::string describe() const;

  Params params_;
  signal::RingBuffer<double> differences_;
  std::vector<double> window_;  // the ring's contents, oldest first
  std::vector<double> autocorrelations_;
  double strength_ = 0.0;
  std::size_t lag_ = 0;
  std::uint64_t signature_ = 0;
  std::size_t recurrences_ = 0;
  // Signatures of the last `horizon` windows and how often each occurs there
  // (only looked up, never iterated, so its order cannot reach the output).
  signal::RingBuffer<std::uint64_t> recent_signatures_;
  std::unordered_map<std::uint64_t, std::size_t> signature_counts_;
  std::optional<double> above_since_;  // when the strength last rose to stable_threshold
  bool stable_reported_ = false;
  PhaseHysteresis phase_;
  bool has_previous_ = false;
  double previous_ = 0.0;
};

}  // namespace lf::detect
