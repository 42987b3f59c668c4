// Internal: builds MassFunctions whose invariants the caller guarantees (the
// combination rules, discounting and the belief bins), skipping validation.
#pragma once

#include "lf/fuse/mass_function.hpp"

namespace lf::fuse::detail {

struct MassAccess {
  // `elements`: ascending sets, each once, non-zero masses, within the frame.
  static MassFunction make(std::size_t frame_size, std::vector<FocalElement> elements) {
    return MassFunction(frame_size, std::move(elements));
  }
  static std::vector<FocalElement>& elements(MassFunction& m) { return m.elements_; }
};

}  // namespace lf::fuse::detail
