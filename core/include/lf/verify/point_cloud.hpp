// The PCS input: a `timestamp,x,y,z` CSV read the way the reference agent
// reads it (Python's csv.DictReader), giving the N x 3 point cloud and the
// canonical raw bytes the compressibility signal and the Merkle root cover:
// one line per row, "%.9f" % timestamp + "," + x + "," + y + "," + z with x,
// y, z as written in the file, joined by "\n" without a trailing newline.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::verify {

using Point3 = std::array<double, 3>;

struct PointCloud {
  std::vector<Point3> points;
  std::string raw;
};

// Header by column name (other columns are ignored, the four must each occur
// once); LF or CRLF line ends; fields may be double-quoted ("" inside);
// empty lines are skipped. Cells are decimal numbers with optional
// surrounding spaces. Errors: csv_parse_error (line and column named),
// missing_column, non_finite_value (the reference would carry NaN or
// infinity into the signals; we refuse them).
Result<PointCloud> read_point_csv(std::string_view csv_text);

}  // namespace lf::verify
