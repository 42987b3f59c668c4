#include "lf/detect/micro_grokking.hpp"

#include <string>

#include "lf/detect/token_entropy.hpp"

namespace lf::detect {

const std::array<ParameterSpec, 9> MicroGrokkingDetector::kParameters{{
    {"smoothing_span", 5, 1, 1e4, true, "tokens of each of the two EMA smoothing passes"},
    {"min_exploration", 16, 3, 1e6, true, "tokens of exploration before grokking can be called"},
    {"curvature_threshold", 0.001, 0, 10, false,
     "least sharpness of the fall's start, as -curvature / exploration peak"},
    {"curvature_z", 1, 0, 1e3, false, "least sharpness in RMS curvatures of the exploratory phase"},
    {"low_ratio", 0.5, 0, 1, false, "entropy counts as low at or below this share of the peak"},
    {"confirm_tokens", 8, 1, 1e6, true, "low tokens after grokking before early stop"},
    {"stuck_window", 48, 4, 1e6, true,
     "tokens judged for being stuck; also the fall's deadline after a sharp start"},
    {"stuck_tolerance", 0.02, 0, 1, false,
     "net change (share of the peak) between the window's halves that counts as none"},
    {"entropy_floor", 0.1, 0, 1e3, false, "nats; entropy at or below this is low regardless"},
}};

Result<GrokParams> MicroGrokkingDetector::params_from(std::span<const double> v) {
  return GrokParams{
      static_cast<std::size_t>(v[0]), static_cast<std::size_t>(v[1]), v[2], v[3], v[4],
      static_cast<std::size_t>(v[5]), static_cast<std::size_t>(v[6]), v[7], v[8]};
}

ParameterList grok_parameter_list(const GrokParams& p) {
  const std::array<double, 9> values{static_cast<double>(p.smoothing_span),
                                     static_cast<double>(p.min_exploration),
                                     p.curvature_threshold,
                                     p.curvature_z,
                                     p.low_ratio,
                                     static_cast<double>(p.confirm_tokens),
                                     static_cast<double>(p.stuck_window),
                                     p.stuck_tolerance,
                                     p.entropy_floor};
  return name_parameters(MicroGrokkingDetector::kParameters, values);
}

Result<GrokParams> grok_params(const ParameterList& overrides) {
  auto values = resolve_parameters(MicroGrokkingDetector::kParameters, overrides);
  if (!values) return std::move(values).error();
  return MicroGrokkingDetector::params_from(*values);
}

MicroGrokkingDetector::MicroGrokkingDetector(const Params& params) : tracker_(params) {}

ParameterList MicroGrokkingDetector::parameters() const {
  return grok_parameter_list(tracker_.params());
}

void MicroGrokkingDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    tracker_.push(values[i]);
    if (const auto& event = tracker_.event()) {
      emit(first_index + i, event->kind, event->severity, event->score);
    }
  }
}

void MicroGrokkingDetector::clear_state() {
  tracker_.reset();
}

MicroGrokkingMonitor::MicroGrokkingMonitor(const GrokParams& params) : tracker_(params) {}

Result<TokenMetrics> MicroGrokkingMonitor::on_token(std::span<const double> logits) {
  if (vocab_size_ != 0 && !logits.empty() && logits.size() != vocab_size_) {
    return make_error(ErrorCode::length_mismatch, "token " + std::to_string(tracker_.tokens()) +
                                                      " has " + std::to_string(logits.size()) +
                                                      " logits but the vocabulary has " +
                                                      std::to_string(vocab_size_));
  }
  auto entropy = token_entropy(logits);
  if (!entropy) {
    auto error = std::move(entropy).error();
    error.message = "token " + std::to_string(tracker_.tokens()) + ": " + error.message;
    return error;
  }
  vocab_size_ = logits.size();
  return tracker_.push(*entropy);
}

void MicroGrokkingMonitor::reset() {
  tracker_.reset();
  vocab_size_ = 0;
}

}  // namespace lf::detect
