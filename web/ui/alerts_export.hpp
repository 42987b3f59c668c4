// Exports of the alerts on screen: CSV (one row per alert, RFC 4180 quoting)
// and JSON (per series, the detect route's response: what `lf detect --json`
// prints for the same series and detectors).
#pragma once

#include <string>

#include "ui/workspace.hpp"

namespace lf::ui {

std::string alerts_csv(const Workspace& workspace);
std::string alerts_json(const Workspace& workspace);

// A series' analysis as the detect route would answer it.
std::string detection_json(const Series& series);

}  // namespace lf::ui
