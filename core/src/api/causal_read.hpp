// Request reading shared by the causal-structure routes (te, graph,
// emergence): estimator parameters, surrogate tests and series, each member
// type-checked (json_read.hpp) and range-checked by the core's own checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "json_read.hpp"
#include "lf/detect/alert.hpp"
#include "lf/graph/surrogates.hpp"
#include "lf/graph/transfer_entropy.hpp"

namespace lf::api::causal_read {

using json_read::Json;

// An integer in [min, max]; invalid_parameter otherwise (schema_error if
// not a number at all).
Result<std::uint64_t> integer(const Json& value, const std::string& path, std::uint64_t min,
                              std::uint64_t max);

// A series: numbers, null read as NaN (rejected later as non_finite_value
// with its index).
Result<std::vector<double>> series(const Json& value, const std::string& path);
// An array of series, at least `min_count` of them.
Result<std::vector<std::vector<double>>> series_list(const Json& value, const std::string& path,
                                                     std::size_t min_count);

// estimator, embedding{...}, ksg{...}, discrete{...} of `request`, defaults
// for whatever is absent.
Result<graph::TeParams> te_params(const Json& request);
// surrogates{count, seed, method, min_shift}; absent: no test.
Result<graph::SurrogateParams> surrogates(const Json& request);
// {"binning", "bins"} at `path` (absent: distinct values).
Result<graph::DiscreteParams> binning(const Json* node, const std::string& path);

// The effective parameters, echoed in responses so a figure can always be
// reproduced.
Json encode(const graph::TeParams& params);
Json encode(const graph::SurrogateParams& params);
Json encode(const graph::DiscreteParams& params);
Json encode(const detect::Alert& alert);
// Numbers as json_read::number_value writes them (integral values as integers).
Json number_list(const std::vector<double>& values);

}  // namespace lf::api::causal_read
