// Reader for the Turing Change Point Dataset's JSON files (van den Burg &
// Williams 2020, github.com/alan-turing-institute/TCPD):
//   {name, longname?, n_obs, n_dim, time: {index: [...], raw?, format?, type?},
//    series: [{label, type, raw: [...]}]}
// with null for a missing value.
#pragma once

#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/signal/series.hpp"

namespace lf::signal {

struct TcpdSeries {
  std::string name;      // "nile"
  std::string longname;  // "Nile Volume at Aswan"; empty if the file has none
  // Timestamps are time.index (the 0-based observation indices in TCPD, which
  // its change-point annotations refer to); one column per series, named by
  // its label; null is a quiet NaN.
  Table table;
};

// Errors: json_parse_error for malformed JSON; schema_error (naming the
// offending member, e.g. "series[0].raw[17]") for a missing or mistyped
// member, a raw or index array whose length is not n_obs, or n_dim not
// matching the number of series; empty_input for n_obs 0.
Result<TcpdSeries> read_tcpd(std::string_view json_text);

}  // namespace lf::signal
