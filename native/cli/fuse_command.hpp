// `lf fuse`: combines the evidence in a JSON file holding a `fuse` request
// (docs/API.md) through the same core/api route the HTTP API and the JS
// package serve, so --json prints exactly the API's response.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace lf::cli {

struct FuseOptions {
  std::string file;
  std::optional<std::string> rule;  // overrides the request's "rule"
  bool json = false;
};

// Exit status: 0 on success, 1 when the file or the request is rejected (the
// message goes to `err`).
int run_fuse(const FuseOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
