// Causal emergence of a macroscopic signal V over microscopic signals X^j
// (Rosas, Mediano et al. 2020, "Reconciling emergences", PLoS Comput Biol
// 16(12): e1008289; definitions as in their ReconcilingEmergences code),
// with lag τ:
//
//   Ψ = I(V_t; V_{t+τ}) − Σ_j I(X^j_t; V_{t+τ})
//       > 0 is sufficient for V to be causally emergent: it predicts its own
//       future better than the micro signals do one at a time;
//   Δ = max_j [ I(V_t; X^j_{t+τ}) − Σ_i I(X^i_t; X^j_{t+τ}) ]
//       > 0 is sufficient for downward causation (V predicts a micro signal
//       beyond what the micro signals do);
//   Γ = max_j I(V_t; X^j_{t+τ})
//       Ψ > 0 with Γ = 0 indicates causal decoupling.
//
// Estimators: gaussian (correlation-matrix log-determinants, nats) or
// discrete (plug-in over symbols, bits). These are sufficient criteria from
// pairwise terms, not the full integrated-information decomposition.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/graph/discretise.hpp"

namespace lf::emerge {

enum class Estimator : std::uint8_t { gaussian, discrete };

std::string_view to_string(Estimator estimator) noexcept;
// invalid_parameter for a name other than gaussian, discrete.
Result<Estimator> parse_estimator(std::string_view name);
// "nats" or "bits".
std::string_view units(Estimator estimator) noexcept;

struct EmergenceParams {
  Estimator estimator = Estimator::gaussian;
  std::size_t lag = 1;
  // discrete only: how V and the X^j become symbols (default: every distinct
  // value is a symbol).
  graph::DiscreteParams macro_symbols;
  graph::DiscreteParams micro_symbols;

  bool operator==(const EmergenceParams&) const = default;
};

// invalid_parameter for lag outside [1, 1e6] or a bad binning.
Status check_emergence_params(const EmergenceParams& params);

struct Emergence {
  double psi = 0.0;
  double delta = 0.0;
  double gamma = 0.0;
  double macro_information = 0.0;      // I(V_t; V_{t+τ})
  std::vector<double> micro_to_macro;  // I(X^j_t; V_{t+τ}), per j
  std::vector<double> macro_to_micro;  // I(V_t; X^j_{t+τ}), per j
  std::vector<double> micro_to_micro;  // Σ_i I(X^i_t; X^j_{t+τ}), per j
};

// Errors: empty_input (no micro signal), length_mismatch, non_finite_value,
// degenerate_input (a constant signal), insufficient_data (fewer than lag +
// 3 samples), and the estimator's own (degenerate_input for collinear
// Gaussian pairs).
Result<Emergence> emergence(std::span<const double> macro,
                            std::span<const std::vector<double>> micro,
                            const EmergenceParams& params);

}  // namespace lf::emerge
