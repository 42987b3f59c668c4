// The evaluation as markdown tables (for bench/RESULTS.md) and as a JSON
// record with every score, change point and chosen configuration.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "evaluation.hpp"

namespace lf::tcpd {

std::string markdown_report(const Evaluation& evaluation);

nlohmann::json json_record(const Evaluation& evaluation);

}  // namespace lf::tcpd
