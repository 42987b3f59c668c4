// The one shape every detector has: construct with parameters, push samples
// (one or a span), collect alerts, reset. Batch use is streaming over a whole
// array, so the two give identical alerts.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/alert.hpp"
#include "lf/detect/parameters.hpp"

namespace lf::detect {

// A member of a meta-detector (one that combines other detectors' calls).
struct MemberDescription {
  std::string name;
  std::string version;
  ParameterList parameters;  // every parameter, resolved
  double weight;

  bool operator==(const MemberDescription&) const = default;
};

class Detector {
 public:
  virtual ~Detector() = default;

  virtual std::string_view name() const noexcept = 0;
  virtual std::string_view version() const noexcept = 0;
  virtual ParameterList parameters() const = 0;
  // A meta-detector's members, in their configured order; empty otherwise.
  virtual std::vector<MemberDescription> members() const { return {}; }

  // One sample; its timestamp is its sample index.
  Status push(double value);
  Status push(double timestamp, double value);
  // A span of samples, with timestamps (same length) or without (then each
  // sample's timestamp is its index). All or nothing: values must be finite
  // and timestamps strictly increasing (also relative to earlier pushes), or
  // nothing is consumed and the error says which sample is at fault.
  Status push(std::span<const double> values, std::span<const double> timestamps = {});

  // Alerts raised since the last take_alerts(), oldest first.
  std::vector<Alert> take_alerts();
  const std::vector<Alert>& alerts() const noexcept { return alerts_; }

  std::size_t samples_seen() const noexcept { return samples_seen_; }
  void reset();

 protected:
  // Consumes validated samples; values[i] has the stream index first_index + i.
  virtual void process(std::span<const double> values, std::size_t first_index) = 0;
  // The samples of a push without timestamps, not yet checked for NaN and
  // infinity. The default checks them, then calls process(), which for a long
  // span reads memory twice. A detector that meets every value in one pass
  // anyway may instead check as it goes: on a non-finite value it puts its
  // state back as it was before the call and returns the value's offset in
  // `values` (push() drops the alerts of the call); else it returns npos.
  virtual std::size_t process_unless_non_finite(std::span<const double> values,
                                                std::size_t first_index);
  virtual void clear_state() = 0;
  // Records an alert for the sample at stream index `index` (in the span
  // being processed), with optional context (see Alert).
  void emit(std::size_t index, std::string_view kind, Severity severity, double score,
            std::string detail = {}, std::vector<std::string> members = {});
  // Inside process(): the timestamps of the span being processed, empty when
  // none were given (then a sample's timestamp is its index), and the
  // timestamp of the sample at stream index `index` of that span.
  std::span<const double> current_timestamps() const noexcept { return current_timestamps_; }
  double timestamp_at(std::size_t index) const noexcept;
  // An alert about an earlier sample, such as where a change began, which may
  // precede the span being processed: the detector supplies the timestamp it
  // kept (from timestamp_at()) when it processed that sample.
  void emit_at(std::size_t index, double timestamp, std::string_view kind, Severity severity,
               double score, std::string detail = {}, std::vector<std::string> members = {});

 private:
  void commit(std::size_t count, std::span<const double> timestamps);

  std::vector<Alert> alerts_;
  std::size_t samples_seen_ = 0;
  bool has_last_timestamp_ = false;
  double last_timestamp_ = 0.0;
  std::span<const double> current_timestamps_;  // valid only inside process()
  std::size_t current_first_index_ = 0;
};

}  // namespace lf::detect
