#include "lf/fuse/measures.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace lf::fuse {
namespace {

Result<double> non_empty_mass(const MassFunction& m) {
  double total = 0.0;
  for (const auto& e : m.focal_elements()) {
    if (e.set != 0) total += e.mass;
  }
  if (total == 0.0) {
    return make_error(ErrorCode::total_conflict,
                      "all the mass is on the empty set: the pignistic probability is undefined");
  }
  return total;
}

}  // namespace

double belief(const MassFunction& m, FocalSet set) noexcept {
  double sum = 0.0;
  for (const auto& e : m.focal_elements()) {
    if (e.set != 0 && (e.set & ~set) == 0) sum += e.mass;
  }
  return sum;
}

double plausibility(const MassFunction& m, FocalSet set) noexcept {
  double sum = 0.0;
  for (const auto& e : m.focal_elements()) {
    if ((e.set & set) != 0) sum += e.mass;
  }
  return sum;
}

double commonality(const MassFunction& m, FocalSet set) noexcept {
  const FocalSet wanted = set & m.theta();
  double sum = 0.0;
  for (const auto& e : m.focal_elements()) {
    if ((e.set & wanted) == wanted) sum += e.mass;
  }
  return sum;
}

Result<std::vector<double>> pignistic(const MassFunction& m) {
  auto total = non_empty_mass(m);
  if (!total) return std::move(total).error();
  std::vector<double> betp(m.frame_size(), 0.0);
  for (const auto& e : m.focal_elements()) {
    if (e.set == 0) continue;
    const double share = e.mass / static_cast<double>(std::popcount(e.set));
    for (FocalSet bits = e.set; bits != 0; bits &= bits - 1) {
      betp[static_cast<std::size_t>(std::countr_zero(bits))] += share;
    }
  }
  for (double& p : betp) p /= *total;
  return betp;
}

Result<double> pignistic(const MassFunction& m, FocalSet set) {
  auto total = non_empty_mass(m);
  if (!total) return std::move(total).error();
  double sum = 0.0;
  for (const auto& e : m.focal_elements()) {
    if (e.set == 0) continue;
    const auto common = std::popcount(e.set & set);
    if (common != 0) {
      sum += e.mass * static_cast<double>(common) / static_cast<double>(std::popcount(e.set));
    }
  }
  return sum / *total;
}

double weight_of_conflict(double conflict) noexcept {
  if (conflict >= 1.0) return std::numeric_limits<double>::infinity();
  return -std::log1p(-conflict);
}

}  // namespace lf::fuse
