#include "lf/fuse/discounting.hpp"

#include "format.hpp"
#include "mass_access.hpp"

namespace lf::fuse {

Result<MassFunction> discount(const MassFunction& m, double reliability) {
  if (!(reliability >= 0.0 && reliability <= 1.0)) {
    return make_error(ErrorCode::invalid_parameter,
                      "reliability must be in [0, 1], got " + format_number(reliability));
  }
  const FocalSet theta = m.theta();
  std::vector<FocalElement> out;
  out.reserve(m.focal_elements().size() + 1);
  bool has_theta = false;
  for (const auto& e : m.focal_elements()) {
    double mass = reliability * e.mass;
    if (e.set == theta) {
      mass += 1.0 - reliability;
      has_theta = true;
    }
    if (mass != 0.0) out.push_back({e.set, mass});
  }
  // Θ is the largest bitset of the frame, so it goes last.
  if (!has_theta && reliability < 1.0) out.push_back({theta, 1.0 - reliability});
  return detail::MassAccess::make(m.frame_size(), std::move(out));
}

}  // namespace lf::fuse
