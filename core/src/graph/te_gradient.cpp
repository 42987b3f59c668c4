#include "lf/graph/te_gradient.hpp"

#include <cmath>
#include <limits>
#include <utility>

namespace lf::graph {

Status TeGradientDetector::check(const Params& params) {
  if (auto s = check_te_params(params.te); !s) return s;
  if (params.window < 20 || params.window > 10000000) {
    return make_error(ErrorCode::invalid_parameter, "window must be an integer in [20, 1e7]");
  }
  if (params.step < 1 || params.step > 10000000) {
    return make_error(ErrorCode::invalid_parameter, "step must be an integer in [1, 1e7]");
  }
  if (params.slope_points < 2 || params.slope_points > 10000) {
    return make_error(ErrorCode::invalid_parameter,
                      "slope_points must be an integer in [2, 10000]");
  }
  if (!std::isfinite(params.rise_bound) || params.rise_bound < 0.0) {
    return make_error(ErrorCode::invalid_parameter, "rise_bound must be a finite number >= 0");
  }
  if (!std::isfinite(params.flip_margin) || params.flip_margin < 0.0) {
    return make_error(ErrorCode::invalid_parameter, "flip_margin must be a finite number >= 0");
  }
  return {};
}

TeGradientDetector::TeGradientDetector(const Params& params)
    : MultiSeriesDetector(2),
      params_(params),
      window_{signal::RingBuffer<double>(params.window),
              signal::RingBuffer<double>(params.window)} {}

std::vector<GradientPoint> TeGradientDetector::take_points() {
  return std::exchange(points_, {});
}

void TeGradientDetector::clear_state() {
  for (auto& w : window_) w.clear();
  history_.clear();
  points_.clear();
  rising_ = {false, false};
  direction_ = 0;
}

void TeGradientDetector::process(std::span<const double> row, std::size_t index) {
  window_[0].push(row[0]);
  window_[1].push(row[1]);
  if (window_[0].full() && (index + 1 - params_.window) % params_.step == 0) evaluate(index);
}

double TeGradientDetector::gradient(std::size_t direction) const {
  const std::size_t n = history_.size();
  if (n < params_.slope_points) return std::numeric_limits<double>::quiet_NaN();
  double mean_t = 0.0;
  double mean_v = 0.0;
  for (const auto& p : history_) {
    mean_t += static_cast<double>(p.index);
    mean_v += direction == 0 ? p.forward : p.backward;
  }
  mean_t /= static_cast<double>(n);
  mean_v /= static_cast<double>(n);
  double stt = 0.0;
  double stv = 0.0;
  for (const auto& p : history_) {
    const double dt = static_cast<double>(p.index) - mean_t;
    stt += dt * dt;
    stv += dt * ((direction == 0 ? p.forward : p.backward) - mean_v);
  }
  return stv / stt * static_cast<double>(params_.window);
}

void TeGradientDetector::evaluate(std::size_t index) {
  std::array<std::vector<double>, 2> series;
  for (std::size_t s = 0; s < 2; ++s) {
    series[s].resize(params_.window);
    for (std::size_t i = 0; i < params_.window; ++i) series[s][i] = window_[s][i];
  }
  const auto forward = transfer_entropy(series[0], series[1], params_.te);
  const auto backward = transfer_entropy(series[1], series[0], params_.te);
  if (!forward || !backward) return;

  GradientPoint point{index, *forward, *backward, 0.0, 0.0};
  history_.push_back(point);
  if (history_.size() > params_.slope_points) history_.erase(history_.begin());
  point.forward_gradient = gradient(0);
  point.backward_gradient = gradient(1);
  points_.push_back(point);

  constexpr std::array<std::string_view, 2> kRising{"rising_forward", "rising_backward"};
  const std::array<double, 2> gradients{point.forward_gradient, point.backward_gradient};
  for (std::size_t d = 0; d < 2; ++d) {
    const bool above = gradients[d] > params_.rise_bound;  // false while NaN
    if (above && !rising_[d]) emit(kRising[d], detect::Severity::warning, gradients[d]);
    rising_[d] = above;
  }

  const double net = point.forward - point.backward;
  const int now = net > params_.flip_margin ? 1 : net < -params_.flip_margin ? -1 : 0;
  if (now != 0) {
    if (direction_ != 0 && now != direction_) {
      emit("direction_flip", detect::Severity::critical, net);
    }
    direction_ = now;
  }
}

}  // namespace lf::graph
