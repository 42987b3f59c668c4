// Runs a piece of detection in a child process, so that a detector which
// aborts (the core is built without exceptions: a failed assertion or a bad
// Result access ends the process) is reported as a failed run instead of
// ending the evaluation. POSIX only; the harness is native.
#pragma once

#include <functional>
#include <string>

#include "lf/common/result.hpp"
#include "lf/detect/scoring.hpp"

namespace lf::tcpd {

struct IsolatedResult {
  bool ok = false;
  std::string error;  // the work's error message, or how the child died
  detect::ChangePoints change_points;
};

IsolatedResult run_isolated(const std::function<Result<detect::ChangePoints>()>& work);

}  // namespace lf::tcpd
