// The fusion benchmarks' sources, identical on every target: 1,000 mass
// functions on a 3-hypothesis or a 16-hypothesis frame.
//
// On 3 hypotheses, three distinct focal sets among the 7 non-empty subsets,
// one of them Θ (a discounted source always keeps some ignorance); on 16
// hypotheses, two singletons, one pair and Θ. Masses are uniform draws
// normalised to sum 1. Only integer arithmetic and IEEE +, *, / are used, so
// every target combines the same sources.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "lf/fuse/combination.hpp"

namespace lf::bench {

using fuse::FocalElement;
using fuse::FocalSet;
using fuse::MassFunction;

inline constexpr std::size_t kSources = 1000;

inline std::vector<MassFunction> make_sources(std::size_t frame_size) {
  std::mt19937_64 rng(frame_size * 7919 + 17);
  const FocalSet theta = fuse::full_set(frame_size);
  const auto pick = [&rng](std::uint64_t n) { return rng() % n; };
  std::vector<MassFunction> sources;
  sources.reserve(kSources);
  while (sources.size() < kSources) {
    std::vector<FocalSet> sets{theta};
    if (frame_size == 3) {
      while (sets.size() < 3) {
        const FocalSet s = 1 + pick(theta);
        if (std::find(sets.begin(), sets.end(), s) == sets.end()) sets.push_back(s);
      }
    } else {
      const FocalSet a = FocalSet{1} << pick(frame_size);
      const FocalSet b = FocalSet{1} << pick(frame_size);
      const FocalSet pair = (FocalSet{1} << pick(frame_size)) | (FocalSet{1} << pick(frame_size));
      for (FocalSet s : {a, b, pair}) {
        if (std::find(sets.begin(), sets.end(), s) == sets.end()) sets.push_back(s);
      }
    }
    std::vector<FocalElement> elements;
    double total = 0.0;
    for (FocalSet s : sets) {
      const double w = 0.05 + static_cast<double>(rng() >> 11) * 0x1p-53;
      elements.push_back({s, w});
      total += w;
    }
    for (auto& e : elements) e.mass /= total;
    auto m = MassFunction::create(frame_size, std::move(elements));
    if (m) sources.push_back(std::move(*m));
  }
  return sources;
}

}  // namespace lf::bench
