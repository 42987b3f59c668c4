// Detector parameters: named numbers, declared once per detector as specs
// (name, default, range, integrality, meaning) that drive validation, the
// catalog the API and CLI print, and the `parameters()` report.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::detect {

struct Parameter {
  std::string name;
  double value;

  bool operator==(const Parameter&) const = default;
};
using ParameterList = std::vector<Parameter>;

struct ParameterSpec {
  std::string_view name;
  double default_value;
  double min;  // inclusive
  double max;  // inclusive
  bool integer;
  std::string_view description;
};

// Defaults overridden by `overrides`, in spec order. Unknown names give
// unknown_parameter; non-finite, out-of-range or fractional-where-integer
// values give invalid_parameter; a name given twice gives invalid_parameter.
Result<std::vector<double>> resolve_parameters(std::span<const ParameterSpec> specs,
                                               const ParameterList& overrides);

// `values` (in spec order) paired with the spec names.
ParameterList name_parameters(std::span<const ParameterSpec> specs, std::span<const double> values);

}  // namespace lf::detect
