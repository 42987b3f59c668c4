// The detectors the TCPD evaluation runs, and the parameter grid of each: one
// data table (grids.cpp), so adding a detector or a grid value is one line.
//
// "Default" runs a detector with its catalog defaults (no overrides). The
// grid is the Cartesian product of its axes (parameters not named keep their
// defaults); the oracle is the best score over the grid per series, F1 and
// cover chosen separately, as TCPDBench's "best" experiment does.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "lf/detect/parameters.hpp"

namespace lf::tcpd {

struct GridAxis {
  std::string_view parameter;
  std::vector<double> values;
};

struct DetectorGrid {
  std::string_view detector;  // catalog name
  std::string_view rationale;
  std::vector<GridAxis> axes;
};

// In report order. A detector missing from the catalog is reported as missing.
std::span<const DetectorGrid> detector_grids();

// Every configuration of the grid, the first axis varying slowest.
std::vector<detect::ParameterList> expand(const DetectorGrid& grid);

}  // namespace lf::tcpd
