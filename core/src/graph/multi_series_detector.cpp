#include "lf/graph/multi_series_detector.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace lf::graph {

Status MultiSeriesDetector::push(std::span<const double> rows, std::span<const double> timestamps) {
  if (rows.size() % series_ != 0) {
    return make_error(ErrorCode::length_mismatch, std::to_string(rows.size()) +
                                                      " values do not make whole rows of " +
                                                      std::to_string(series_) + " series");
  }
  const std::size_t count = rows.size() / series_;
  if (!timestamps.empty() && timestamps.size() != count) {
    return make_error(
        ErrorCode::length_mismatch,
        std::to_string(count) + " rows but " + std::to_string(timestamps.size()) + " timestamps");
  }
  for (std::size_t r = 0; r < count; ++r) {
    for (std::size_t s = 0; s < series_; ++s) {
      if (!std::isfinite(rows[r * series_ + s])) {
        return make_error(ErrorCode::non_finite_value, "row " + std::to_string(rows_seen_ + r) +
                                                           ", series " + std::to_string(s) +
                                                           " is not finite");
      }
    }
  }
  bool has_previous = has_last_timestamp_;
  double previous = last_timestamp_;
  for (std::size_t r = 0; r < count; ++r) {
    const double t = timestamps.empty() ? static_cast<double>(rows_seen_ + r) : timestamps[r];
    if (!std::isfinite(t) || (has_previous && !(t > previous))) {
      return make_error(ErrorCode::non_increasing_timestamp,
                        "timestamp of row " + std::to_string(rows_seen_ + r) +
                            " is not finite or not greater than the one before it");
    }
    has_previous = true;
    previous = t;
  }
  for (std::size_t r = 0; r < count; ++r) {
    current_index_ = rows_seen_;
    current_timestamp_ = timestamps.empty() ? static_cast<double>(rows_seen_) : timestamps[r];
    process(rows.subspan(r * series_, series_), rows_seen_);
    ++rows_seen_;
    has_last_timestamp_ = true;
    last_timestamp_ = current_timestamp_;
  }
  return {};
}

std::vector<detect::Alert> MultiSeriesDetector::take_alerts() {
  return std::exchange(alerts_, {});
}

void MultiSeriesDetector::reset() {
  alerts_.clear();
  rows_seen_ = 0;
  has_last_timestamp_ = false;
  last_timestamp_ = 0.0;
  clear_state();
}

void MultiSeriesDetector::emit(std::string_view kind, detect::Severity severity, double score) {
  alerts_.push_back(detect::Alert{std::string(name()), std::string(version()), current_index_,
                                  current_timestamp_, std::string(kind), severity, score});
}

}  // namespace lf::graph
