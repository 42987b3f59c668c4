#include "lf/fuse/mass_function.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"

namespace lf::fuse {
namespace {

Error element_error(ErrorCode code, std::size_t index, const std::string& what) {
  return make_error(code, "focal element " + std::to_string(index) + " " + what);
}

Status check_frame_size(std::size_t frame_size) {
  if (frame_size >= 1 && frame_size <= kMaxHypotheses) return {};
  return make_error(ErrorCode::invalid_argument,
                    "a frame holds 1 to 64 hypotheses, got " + std::to_string(frame_size));
}

}  // namespace

Result<MassFunction> MassFunction::create(std::size_t frame_size,
                                          std::vector<FocalElement> elements,
                                          const MassOptions& options) {
  if (auto s = check_frame_size(frame_size); !s) return std::move(s).error();
  if (!(options.tolerance >= 0.0 && options.tolerance < 1.0)) {
    return make_error(ErrorCode::invalid_parameter, "mass tolerance must be in [0, 1)");
  }
  if (elements.empty()) return make_error(ErrorCode::empty_input, "no focal elements");
  const FocalSet theta = full_set(frame_size);
  double sum = 0.0;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const auto& e = elements[i];
    if ((e.set & ~theta) != 0) {
      return element_error(ErrorCode::unknown_hypothesis, i,
                           "names a hypothesis beyond the frame's " + std::to_string(frame_size));
    }
    if (!std::isfinite(e.mass) || e.mass < 0.0 || e.mass > 1.0) {
      return element_error(ErrorCode::invalid_mass_function, i,
                           "has mass " + format_number(e.mass) + ", outside [0, 1]");
    }
    if (e.set == 0 && e.mass > 0.0 && !options.allow_empty) {
      return element_error(ErrorCode::invalid_mass_function, i,
                           "puts mass on the empty set, which only unnormalised mass functions "
                           "may do");
    }
    sum += e.mass;
  }
  // Sorting positions by set finds a repeated set in O(n log n); the stable
  // sort keeps the first occurrence first, so the message names the repeat.
  std::vector<std::size_t> order(elements.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return elements[a].set < elements[b].set; });
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (elements[order[k]].set == elements[order[k - 1]].set) {
      return element_error(ErrorCode::invalid_mass_function, order[k],
                           "repeats the set of focal element " + std::to_string(order[k - 1]));
    }
  }
  if (!(std::fabs(sum - 1.0) <= options.tolerance)) {
    return make_error(ErrorCode::invalid_mass_function, "masses sum to " + format_number(sum) +
                                                            ", not 1 (tolerance " +
                                                            format_number(options.tolerance) + ")");
  }
  std::erase_if(elements, [](const FocalElement& e) { return e.mass == 0.0; });
  std::sort(elements.begin(), elements.end(),
            [](const FocalElement& a, const FocalElement& b) { return a.set < b.set; });
  return MassFunction(frame_size, std::move(elements));
}

Result<MassFunction> MassFunction::vacuous(std::size_t frame_size) {
  if (auto s = check_frame_size(frame_size); !s) return std::move(s).error();
  return MassFunction(frame_size, {{full_set(frame_size), 1.0}});
}

double MassFunction::mass(FocalSet set) const noexcept {
  const auto it = std::lower_bound(elements_.begin(), elements_.end(), set,
                                   [](const FocalElement& e, FocalSet s) { return e.set < s; });
  return it != elements_.end() && it->set == set ? it->mass : 0.0;
}

}  // namespace lf::fuse
