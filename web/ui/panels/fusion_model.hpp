// How the Fusion panel turns the alerts of a series' detectors into evidence
// for Dempster-Shafer fusion, and the fuse request it sends. Pure logic, no
// drawing: tests/ui/panels_fusion_test.cpp checks it.
//
// The frame of discernment is {regime_change, stable}: over a window of
// samples (the last N samples, or N samples ending where the analyst points),
// did the series change regime? Every detector enabled on the series is one
// source, and its verdict over the window becomes a simple support function
// (mass on one hypothesis, the rest on Theta, "don't know"):
//
// - It alerted in the window: its strongest alert (highest severity, then
//   highest score, then the latest) decides. The alert's kind names the
//   hypothesis it supports: `pattern_stable` (a recurring pattern has held)
//   and `stuck` (no progress) assert persistence and support `stable`; every
//   other kind reports a change, or its precursor, and supports
//   `regime_change`. The severity sets the commitment: info 1/3, warning 2/3,
//   critical 1, three equal steps of the detector's own confidence scale.
// - It stayed silent: silence supports `stable`, but only over the part of
//   the window the detector could see. Before its warm-up (the samples it
//   needs before it can alert at all, as docs/DETECTORS.md and docs/API.md
//   give them) a detector is blind, so the commitment is 2/3 times the share
//   of the window past the warm-up: a blind detector is vacuous (all mass on
//   Theta), not a vote for stability. 2/3 is a warning's weight: the
//   detectors' thresholds are set for few false alarms (fewer than 1e-4 per
//   sample on noise), which makes an alert strong evidence and a silence a
//   weaker one, since misses are the price of that rate.
// - Several alerts of one detector in the window are one source, not several:
//   combining them would count one detector's view many times.
//
// Each source is then discounted by the analyst's reliability for that
// detector (Shafer's discounting: every mass times r, the rest to Theta;
// default 0.9, the core's default for a raw detector score), which the fuse
// route applies. The combination rule is the analyst's choice; the core
// computes the fused masses, conflict K, weight of conflict and pignistic
// probabilities, so the panel shows the figures `lf fuse` would.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/detect/alert.hpp"
#include "lf/detect/pipeline.hpp"
#include "ui/workspace.hpp"

namespace lf::ui::fusion {

inline constexpr std::string_view kRegimeChange = "regime_change";
inline constexpr std::string_view kStable = "stable";
inline constexpr double kDefaultReliability = 0.9;
inline constexpr double kSilenceCommitment = 2.0 / 3.0;

// Samples [first, last] of a series, by index, both inclusive.
struct SampleWindow {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t size() const noexcept { return last - first + 1; }
};

// The `length` samples ending at sample `last`, both clamped to a series of
// `samples` samples (length at least 1); nothing for an empty series.
std::optional<SampleWindow> window_ending_at(std::size_t samples, std::size_t last,
                                             std::size_t length);

// The hypothesis an alert of this kind supports.
std::string_view hypothesis_for(std::string_view kind);
// The mass an alert of this severity puts on its hypothesis, before discounting.
double alert_commitment(detect::Severity severity);
// The samples a detector must have seen before it can raise its first alert
// (so sample index warm_up - 1 is the first it can alert at); 0 for a
// detector that can alert from the start, or whose warm-up is not documented.
std::size_t warm_up_samples(const detect::DetectorDescription& detector);

struct Evidence {
  std::string detector;
  std::optional<detect::Alert> alert;  // the strongest alert in the window; none: silent
  std::size_t warm_up = 0;             // see warm_up_samples
  std::size_t watched = 0;             // samples of the window past the warm-up
  std::string_view hypothesis;         // kRegimeChange or kStable
  double commitment = 0.0;             // mass on {hypothesis} before discounting; rest on Theta
};

// One piece of evidence per detector analysed on the series (by name, in the
// order of its detection report; a name repeated with other parameters is
// one source with the longest warm-up). `window` must lie within the series.
std::vector<Evidence> gather_evidence(const Series& series, SampleWindow window);

struct FuseSettings {
  std::string rule = "dempster";  // dempster, yager, pcr5, murphy, ... (docs/API.md)
  double contested_threshold = 0.7;
};

// The fuse route's request: frame {regime_change, stable}, one source per
// piece of evidence with its reliability (parallel spans), belief,
// plausibility and pignistic probability of each hypothesis.
nlohmann::json fuse_request(std::span<const Evidence> evidence,
                            std::span<const double> reliabilities, const FuseSettings& settings);

// A mass function over {regime_change, stable} as the fuse route lists it
// (focal sets with masses), by focal set. `none` is the empty set, which only
// the conjunctive rule keeps (conflict left visible as mass on "neither").
struct Masses {
  double regime_change = 0.0;
  double stable = 0.0;
  double either = 0.0;  // Theta, "don't know"
  double none = 0.0;
};
Masses read_masses(const nlohmann::json& focal_sets);

}  // namespace lf::ui::fusion
