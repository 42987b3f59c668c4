// `lf grok FILE`: the micro-grokking monitor over one LLM generation through
// the `grok` route (docs/API.md). FILE is JSON: a grok request
// ({"logits": [[...]...]} or {"log_probs": [[...]...]}, optional
// "parameters"), or a bare array of per-token arrays (logits, or
// log-probabilities with --log-probs). Prints the per-token metrics, the
// alerts and the early-stop verdict, or the whole response with --json.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace lf::cli {

struct GrokOptions {
  std::string file;
  bool log_probs = false;               // a bare array holds log-probabilities
  std::vector<std::string> parameters;  // NAME=VALUE, overriding the file's
  bool json = false;
};

CLI::App* add_grok_command(CLI::App& app, GrokOptions& options);

// Exit status: 0 on success, 1 when the file or the request is rejected.
int run_grok(const GrokOptions& options, std::ostream& out, std::ostream& err);

}  // namespace lf::cli
