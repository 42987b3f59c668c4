// What every detector emits. Alerts carry the algorithm's name and version so
// a user can always tell which version produced a figure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lf::detect {

enum class Severity { info, warning, critical };

std::string_view to_string(Severity severity) noexcept;

struct Alert {
  std::string detector;  // registry name, e.g. "phase_transition"
  std::string version;   // algorithm version, semantic (major.minor.patch)
  std::size_t index;     // 0-based sample index within the stream
  double timestamp;      // the sample's timestamp (its index if none given)
  std::string kind;      // what was detected, e.g. "compression"
  Severity severity;
  double score;  // detector-specific strength, documented per detector
  // Optional context, empty when a detector has none: a short human-readable
  // explanation (e.g. "state 0 -> 1"), and for meta-detectors the members
  // whose calls made the alert (e.g. the consensus quorum), in their
  // configured order.
  std::string detail = {};
  std::vector<std::string> members = {};

  bool operator==(const Alert&) const = default;
};

}  // namespace lf::detect
