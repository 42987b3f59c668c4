// `lf detect`: runs detectors over one column of a CSV or TCPD file through
// the same core/api route the HTTP API and the JS package serve, so --json
// prints exactly the API's response.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/input_file.hpp"

namespace lf::cli {

struct DetectOptions {
  std::string file;
  InputOptions input;
  std::vector<std::string> detectors;  // NAME[:key=value,...]; empty = all, defaults
  std::vector<std::string> members;    // consensus members, NAME[:key=value,...,weight=W]
  bool drop_invalid = false;           // drop NaN / out-of-order samples instead of failing
  double clip_sigma = 0.0;             // 0 = no clipping
  bool json = false;
};

// Exit status: 0 on success, 1 when the input or a parameter is rejected
// (the message goes to `err`).
int run_detect(const DetectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
