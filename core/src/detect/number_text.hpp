// Internal: numbers in the detectors' error messages, as iostreams print them
// (6 significant digits: parameters are given by people, not computed).
#pragma once

#include <sstream>
#include <string>

namespace lf::detect::detail {

inline std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace lf::detect::detail
