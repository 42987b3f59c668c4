#include "lf/detect/detector.hpp"

#include <string>
#include <utility>

#include "lf/signal/kernels.hpp"

namespace lf::detect {

std::string_view to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "info";
}

Status Detector::push(double value) {
  return push(std::span<const double>(&value, 1));
}

Status Detector::push(double timestamp, double value) {
  return push(std::span<const double>(&value, 1), std::span<const double>(&timestamp, 1));
}

namespace {

Status non_finite_value_at(std::size_t index) {
  return make_error(ErrorCode::non_finite_value,
                    "value at index " + std::to_string(index) + " is not finite");
}

}  // namespace

Status Detector::push(std::span<const double> values, std::span<const double> timestamps) {
  namespace k = lf::signal::kernels;
  if (!timestamps.empty() && timestamps.size() != values.size()) {
    return make_error(ErrorCode::length_mismatch, std::to_string(values.size()) + " values but " +
                                                      std::to_string(timestamps.size()) +
                                                      " timestamps");
  }
  const bool index_follows_last_timestamp =
      !has_last_timestamp_ || static_cast<double>(samples_seen_) > last_timestamp_;
  if (timestamps.empty() && index_follows_last_timestamp) {
    // The values are the only thing left to check: the detector checks them
    // as it goes, and on a bad one its state is put back and its alerts dropped.
    if (values.empty()) return {};
    const std::size_t alerts_before = alerts_.size();
    current_first_index_ = samples_seen_;
    const std::size_t bad = process_unless_non_finite(values, samples_seen_);
    if (bad != k::npos) {
      alerts_.resize(alerts_before);
      return non_finite_value_at(samples_seen_ + bad);
    }
    commit(values.size(), timestamps);
    return {};
  }

  if (const auto bad = k::first_non_finite(values); bad != k::npos) {
    return non_finite_value_at(samples_seen_ + bad);
  }
  if (!timestamps.empty()) {
    if (const auto bad = k::first_non_finite(timestamps); bad != k::npos) {
      return make_error(
          ErrorCode::non_finite_value,
          "timestamp at index " + std::to_string(samples_seen_ + bad) + " is not finite");
    }
    std::size_t bad = k::first_non_increasing(timestamps);
    if (has_last_timestamp_ && !(timestamps.front() > last_timestamp_)) bad = 0;
    if (bad != k::npos) {
      return make_error(ErrorCode::non_increasing_timestamp,
                        "timestamp at index " + std::to_string(samples_seen_ + bad) +
                            " is not greater than the one before it");
    }
  } else if (!values.empty()) {
    return make_error(ErrorCode::non_increasing_timestamp,
                      "samples without timestamps use their index as timestamp, and index " +
                          std::to_string(samples_seen_) + " is not after the last timestamp");
  }
  if (values.empty()) return {};

  current_timestamps_ = timestamps;
  current_first_index_ = samples_seen_;
  process(values, samples_seen_);
  current_timestamps_ = {};
  commit(values.size(), timestamps);
  return {};
}

std::size_t Detector::process_unless_non_finite(std::span<const double> values,
                                                std::size_t first_index) {
  namespace k = lf::signal::kernels;
  if (const auto bad = k::first_non_finite(values); bad != k::npos) return bad;
  process(values, first_index);
  return k::npos;
}

void Detector::commit(std::size_t count, std::span<const double> timestamps) {
  samples_seen_ += count;
  has_last_timestamp_ = true;
  last_timestamp_ = timestamps.empty() ? static_cast<double>(samples_seen_ - 1) : timestamps.back();
}

std::vector<Alert> Detector::take_alerts() {
  return std::exchange(alerts_, {});
}

void Detector::reset() {
  alerts_.clear();
  samples_seen_ = 0;
  has_last_timestamp_ = false;
  last_timestamp_ = 0.0;
  clear_state();
}

double Detector::timestamp_at(std::size_t index) const noexcept {
  return current_timestamps_.empty() ? static_cast<double>(index)
                                     : current_timestamps_[index - current_first_index_];
}

void Detector::emit(std::size_t index, std::string_view kind, Severity severity, double score,
                    std::string detail, std::vector<std::string> members) {
  emit_at(index, timestamp_at(index), kind, severity, score, std::move(detail), std::move(members));
}

void Detector::emit_at(std::size_t index, double timestamp, std::string_view kind,
                       Severity severity, double score, std::string detail,
                       std::vector<std::string> members) {
  alerts_.push_back(Alert{std::string(name()), std::string(version()), index, timestamp,
                          std::string(kind), severity, score, std::move(detail),
                          std::move(members)});
}

}  // namespace lf::detect
