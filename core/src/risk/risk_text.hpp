// Numbers in the risk concern's messages: shortest-looking, not fixed-point
// (std::to_string would print a 0.0005 stop distance as 0.000500).
#pragma once

#include <cstdio>
#include <string>

namespace lf::risk::detail {

inline std::string figure(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

}  // namespace lf::risk::detail
