#include "lf/fuse/frame.hpp"

#include <algorithm>

namespace lf::fuse {
namespace {

std::string list(std::span<const std::string> names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

Result<Frame> Frame::create(std::vector<std::string> hypotheses) {
  if (hypotheses.empty()) return make_error(ErrorCode::empty_input, "the frame has no hypotheses");
  if (hypotheses.size() > kMaxHypotheses) {
    return make_error(ErrorCode::invalid_argument, "a frame holds at most 64 hypotheses, got " +
                                                       std::to_string(hypotheses.size()));
  }
  for (std::size_t i = 0; i < hypotheses.size(); ++i) {
    if (hypotheses[i].empty()) {
      return make_error(ErrorCode::invalid_argument,
                        "hypothesis " + std::to_string(i) + " has an empty name");
    }
    const auto earlier = std::find(hypotheses.begin(), hypotheses.begin() + i, hypotheses[i]);
    if (earlier != hypotheses.begin() + i) {
      return make_error(ErrorCode::invalid_argument,
                        "hypothesis '" + hypotheses[i] + "' appears more than once in the frame");
    }
  }
  return Frame(std::move(hypotheses));
}

Result<std::size_t> Frame::index_of(std::string_view name) const {
  const auto it = std::find(hypotheses_.begin(), hypotheses_.end(), name);
  if (it == hypotheses_.end()) {
    return make_error(ErrorCode::unknown_hypothesis, "unknown hypothesis '" + std::string(name) +
                                                         "' (frame: " + list(hypotheses_) + ")");
  }
  return static_cast<std::size_t>(it - hypotheses_.begin());
}

Result<FocalSet> Frame::set_of(std::span<const std::string> names) const {
  FocalSet set = 0;
  for (const auto& name : names) {
    auto index = index_of(name);
    if (!index) return std::move(index).error();
    set |= FocalSet{1} << *index;
  }
  return set;
}

std::vector<std::string> Frame::names_of(FocalSet set) const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < hypotheses_.size(); ++i) {
    if ((set >> i) & 1) names.push_back(hypotheses_[i]);
  }
  return names;
}

std::string Frame::describe(FocalSet set) const {
  std::string text = "{";
  text += list(names_of(set));
  text += '}';
  return text;
}

}  // namespace lf::fuse
