#include "lf/detect/autocorrelation_pattern.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>

namespace lf::detect {

std::optional<ActivityPhase> PhaseHysteresis::update(double strength) {
  if (phase_ == ActivityPhase::free && strength >= enter_) {
    phase_ = ActivityPhase::screened;
    return phase_;
  }
  if (phase_ == ActivityPhase::screened && strength < exit_) {
    phase_ = ActivityPhase::free;
    return phase_;
  }
  return std::nullopt;
}

const std::array<ParameterSpec, 9> AutocorrelationPatternDetector::kParameters{{
    {"window", 64, 8, 4096, true, "differences in the sliding window"},
    {"min_lag", 2, 1, 2048, true, "smallest candidate lag"},
    {"max_lag", 32, 1, 2048, true, "largest candidate lag, at most window / 2"},
    {"levels", 4, 2, 16, true, "quantisation levels of the pattern signature"},
    {"stable_threshold", 0.9, 0, 1, false, "autocorrelation a stable pattern keeps"},
    {"min_duration", 64, 0, 1e15, false,
     "timestamp units the autocorrelation must stay at stable_threshold"},
    {"enter", 0.8, 0, 1, false, "strength at which the phase becomes SCREENED"},
    {"exit", 0.5, 0, 1, false, "strength below which the phase returns to FREE"},
    {"horizon", 4096, 1, 1e6, true, "past windows in which signature recurrences are counted"},
}};

Result<AutocorrelationPatternDetector::Params> AutocorrelationPatternDetector::params_from(
    std::span<const double> v) {
  Params p{static_cast<std::size_t>(v[0]),
           static_cast<std::size_t>(v[1]),
           static_cast<std::size_t>(v[2]),
           static_cast<std::size_t>(v[3]),
           v[4],
           v[5],
           v[6],
           v[7],
           static_cast<std::size_t>(v[8])};
  if (p.min_lag > p.max_lag) {
    return make_error(ErrorCode::invalid_parameter, "min_lag must not exceed max_lag");
  }
  if (2 * p.max_lag > p.window) {
    return make_error(ErrorCode::invalid_parameter,
                      "max_lag must be at most window / 2 (" + std::to_string(p.window / 2) + ")");
  }
  if (!(p.exit < p.enter)) {
    return make_error(ErrorCode::invalid_parameter, "exit must be below enter (hysteresis)");
  }
  return p;
}

AutocorrelationPatternDetector::AutocorrelationPatternDetector(const Params& params)
    : params_(params),
      differences_(params.window),
      window_(params.window),
      autocorrelations_(params.max_lag - params.min_lag + 1, 0.0),
      recent_signatures_(params.horizon),
      phase_(params.enter, params.exit) {}

ParameterList AutocorrelationPatternDetector::parameters() const {
  const std::array<double, 9> values{static_cast<double>(params_.window),
                                     static_cast<double>(params_.min_lag),
                                     static_cast<double>(params_.max_lag),
                                     static_cast<double>(params_.levels),
                                     params_.stable_threshold,
                                     params_.min_duration,
                                     params_.enter,
                                     params_.exit,
                                     static_cast<double>(params_.horizon)};
  return name_parameters(kParameters, values);
}

void AutocorrelationPatternDetector::process(std::span<const double> values,
                                             std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (has_previous_) step(first_index + i, values[i] - previous_);
    has_previous_ = true;
    previous_ = values[i];
  }
}

void AutocorrelationPatternDetector::step(std::size_t index, double difference) {
  differences_.push(difference);
  if (!differences_.full()) return;
  for (std::size_t i = 0; i < window_.size(); ++i) window_[i] = differences_[i];
  update_signature();
  update_autocorrelations();

  if (const auto switched = phase_.update(strength_)) {
    emit(index, *switched == ActivityPhase::screened ? "screened" : "free", Severity::info,
         strength_, describe());
  }
  if (strength_ < params_.stable_threshold) {
    above_since_.reset();
    stable_reported_ = false;
    return;
  }
  const double now = timestamp_at(index);
  if (!above_since_) above_since_ = now;
  if (!stable_reported_ && now - *above_since_ >= params_.min_duration) {
    emit(index, "pattern_stable", Severity::warning, strength_, describe());
    stable_reported_ = true;
  }
}

void AutocorrelationPatternDetector::update_signature() {
  const auto [low, high] = std::minmax_element(window_.begin(), window_.end());
  const double range = *high - *low;
  const auto levels = static_cast<double>(params_.levels);
  // 64-bit FNV-1a over the symbols, one byte each.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const double d : window_) {
    const double bin = range > 0.0 ? std::floor(levels * ((d - *low) / range)) : 0.0;
    const auto symbol = static_cast<std::uint64_t>(std::min(bin, levels - 1.0));
    hash = (hash ^ symbol) * 0x100000001b3ULL;
  }
  signature_ = hash;

  const auto found = signature_counts_.find(hash);
  recurrences_ = found == signature_counts_.end() ? 0 : found->second;
  if (const auto evicted = recent_signatures_.push(hash)) {
    if (--signature_counts_[*evicted] == 0) signature_counts_.erase(*evicted);
  }
  ++signature_counts_[hash];
}

void AutocorrelationPatternDetector::update_autocorrelations() {
  strength_ = 0.0;
  lag_ = 0;
  for (std::size_t lag = params_.min_lag; lag <= params_.max_lag; ++lag) {
    const std::size_t pairs = window_.size() - lag;
    double mean_a = 0.0, mean_b = 0.0;
    for (std::size_t i = 0; i < pairs; ++i) {
      mean_a += window_[i];
      mean_b += window_[i + lag];
    }
    mean_a /= static_cast<double>(pairs);
    mean_b /= static_cast<double>(pairs);
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < pairs; ++i) {
      const double a = window_[i] - mean_a;
      const double b = window_[i + lag] - mean_b;
      ab += a * b;
      aa += a * a;
      bb += b * b;
    }
    const double r = aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 0.0;
    autocorrelations_[lag - params_.min_lag] = r;
    if (r > strength_) {
      strength_ = r;
      lag_ = lag;
    }
  }
}

std::string AutocorrelationPatternDetector::describe() const {
  char text[160];
  std::snprintf(text, sizeof text,
                "lag %zu, autocorrelation %.6g, signature 0x%016" PRIx64 ", recurrences %zu", lag_,
                strength_, signature_, recurrences_);
  return text;
}

void AutocorrelationPatternDetector::clear_state() {
  differences_.clear();
  std::fill(autocorrelations_.begin(), autocorrelations_.end(), 0.0);
  strength_ = 0.0;
  lag_ = 0;
  signature_ = 0;
  recurrences_ = 0;
  recent_signatures_.clear();
  signature_counts_.clear();
  above_since_.reset();
  stable_reported_ = false;
  phase_.reset();
  has_previous_ = false;
  previous_ = 0.0;
}

}  // namespace lf::detect
