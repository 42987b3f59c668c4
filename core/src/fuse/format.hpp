// Internal: numbers in error messages, with enough digits that a sum off 1 by
// more than the tolerance never prints as "1".
#pragma once

#include <iomanip>
#include <sstream>
#include <string>

namespace lf::fuse {

inline std::string format_number(double value) {
  std::ostringstream out;
  out << std::setprecision(12) << value;
  return out.str();
}

}  // namespace lf::fuse
