#include "lf/graph/samples.hpp"

#include <cmath>
#include <string>

namespace lf::graph {

Samples concat_columns(const Samples& a, const Samples& b) {
  const std::size_t rows = a.rows();
  Samples out(rows, a.dims + b.dims);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t d = 0; d < a.dims; ++d) out.at(r, d) = a.at(r, d);
    for (std::size_t d = 0; d < b.dims; ++d) out.at(r, a.dims + d) = b.at(r, d);
  }
  return out;
}

Samples permute_rows(const Samples& samples, std::span<const std::size_t> order) {
  Samples out(order.size(), samples.dims);
  for (std::size_t r = 0; r < order.size(); ++r) {
    for (std::size_t d = 0; d < samples.dims; ++d) out.at(r, d) = samples.at(order[r], d);
  }
  return out;
}

Status standardise_columns(Samples& samples) {
  const std::size_t rows = samples.rows();
  if (rows < 2) return make_error(ErrorCode::insufficient_data, "at least 2 samples are needed");
  for (std::size_t d = 0; d < samples.dims; ++d) {
    double mean = 0.0;
    for (std::size_t r = 0; r < rows; ++r) mean += samples.at(r, d);
    mean /= static_cast<double>(rows);
    double m2 = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double c = samples.at(r, d) - mean;
      m2 += c * c;
    }
    const double sd = std::sqrt(m2 / static_cast<double>(rows - 1));
    if (!(sd > 0.0)) {
      return make_error(ErrorCode::degenerate_input,
                        "an embedded variable is constant: it carries no information");
    }
    for (std::size_t r = 0; r < rows; ++r) samples.at(r, d) = (samples.at(r, d) - mean) / sd;
  }
  return {};
}

std::vector<double> covariance(const Samples& samples) {
  const std::size_t rows = samples.rows();
  const std::size_t dims = samples.dims;
  std::vector<double> mean(dims, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t d = 0; d < dims; ++d) mean[d] += samples.at(r, d);
  }
  for (auto& m : mean) m /= static_cast<double>(rows);
  std::vector<double> cov(dims * dims, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t a = 0; a < dims; ++a) {
      const double ca = samples.at(r, a) - mean[a];
      for (std::size_t b = 0; b <= a; ++b) cov[a * dims + b] += ca * (samples.at(r, b) - mean[b]);
    }
  }
  const double scale = 1.0 / static_cast<double>(rows - 1);
  for (std::size_t a = 0; a < dims; ++a) {
    for (std::size_t b = 0; b <= a; ++b) {
      cov[a * dims + b] *= scale;
      cov[b * dims + a] = cov[a * dims + b];
    }
  }
  return cov;
}

Status check_series(std::span<const double> values, std::string_view what) {
  if (values.empty()) return make_error(ErrorCode::empty_input, std::string(what) + " is empty");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      return make_error(ErrorCode::non_finite_value,
                        std::string(what) + "[" + std::to_string(i) + "] is not a finite number");
    }
  }
  for (double v : values) {
    if (v != values.front()) return {};
  }
  return make_error(ErrorCode::degenerate_input,
                    std::string(what) + " is constant: it carries no information");
}

}  // namespace lf::graph
