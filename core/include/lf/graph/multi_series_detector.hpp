// The Detector shape (lf/detect/detector.hpp) for detectors that watch
// several series at once: construct with parameters, push rows (one value
// per series), collect alerts (the same lf::detect::Alert, with the
// detector's name and version), reset. Batch use is streaming over all rows,
// so the two give identical alerts.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/alert.hpp"

namespace lf::graph {

class MultiSeriesDetector {
 public:
  virtual ~MultiSeriesDetector() = default;

  virtual std::string_view name() const noexcept = 0;
  virtual std::string_view version() const noexcept = 0;

  std::size_t series_count() const noexcept { return series_; }

  // Rows back to back (rows.size() a multiple of series_count()), with one
  // timestamp per row or none (then a row's timestamp is its index). All or
  // nothing: values must be finite and timestamps strictly increasing (also
  // relative to earlier pushes), or nothing is consumed and the error says
  // which row is at fault.
  Status push(std::span<const double> rows, std::span<const double> timestamps = {});

  // Alerts raised since the last take_alerts(), oldest first.
  std::vector<detect::Alert> take_alerts();
  const std::vector<detect::Alert>& alerts() const noexcept { return alerts_; }

  std::size_t rows_seen() const noexcept { return rows_seen_; }
  void reset();

 protected:
  explicit MultiSeriesDetector(std::size_t series) : series_(series) {}

  // Consumes one validated row (one value per series) with stream index `index`.
  virtual void process(std::span<const double> row, std::size_t index) = 0;
  virtual void clear_state() = 0;
  // Records an alert for the row being processed.
  void emit(std::string_view kind, detect::Severity severity, double score);

 private:
  std::size_t series_;
  std::vector<detect::Alert> alerts_;
  std::size_t rows_seen_ = 0;
  bool has_last_timestamp_ = false;
  double last_timestamp_ = 0.0;
  std::size_t current_index_ = 0;  // valid only inside process()
  double current_timestamp_ = 0.0;
};

}  // namespace lf::graph
