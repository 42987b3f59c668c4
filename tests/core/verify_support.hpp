// Shared by the verify suites: test data files and byte helpers.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lf/verify/encoding.hpp"

namespace lf::test {

inline std::string read_data(const std::string& relative_path) {
  std::ifstream in(std::string(LF_TEST_DATA_DIR) + "/" + relative_path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open test data " << relative_path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::uint8_t> hex_bytes(std::string_view hex) {
  auto bytes = lf::verify::from_hex(hex, "test vector");
  REQUIRE(bytes.ok());
  return *bytes;
}

inline std::string hex_text(std::string_view hex) {
  const auto bytes = hex_bytes(hex);
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace lf::test
