// What every detector emits. Alerts carry the algorithm's name and version so
// a user can always tell which version produced a figure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

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

  bool operator==(const Alert&) const = default;
};

}  // namespace lf::detect
