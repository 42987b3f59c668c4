#include "report.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>
#include <sstream>

namespace lf::tcpd {
namespace {

using nlohmann::json;

constexpr const char* kSettings[] = {"default", "oracle"};
constexpr const char* kMetrics[] = {"f1", "cover"};

std::string fixed(double value, int decimals = 3) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string describe(const detect::ParameterList& parameters) {
  std::ostringstream out;
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    out << (i ? ", " : "") << parameters[i].name << "=" << parameters[i].value;
  }
  return out.str();
}

double metric_of(const Score& score, const std::string& metric) {
  return metric == "f1" ? score.f1.f1 : score.cover;
}

// Our score of a detector on series i for a setting and metric.
double our_score(const DetectorOutcome& d, std::size_t i, const std::string& setting,
                 const std::string& metric) {
  if (setting == "default") return metric_of(d.default_runs[i].score, metric);
  return metric == "f1" ? d.oracles[i].best_f1 : d.oracles[i].best_cover;
}

using SeriesFilter = std::function<bool(const Series&)>;

bool is_real(const Series& s) {
  return !s.synthetic;
}

// Mean over the series `include` accepts, in dataset order.
double mean_over(const Evaluation& e, const SeriesFilter& include,
                 const std::function<double(std::size_t)>& value) {
  double total = 0.0;
  std::size_t count = 0;
  for (std::size_t i = 0; i < e.dataset.size(); ++i) {
    if (!include(e.dataset[i])) continue;
    total += value(i);
    ++count;
  }
  return count ? total / static_cast<double>(count) : 0.0;
}

double mean_over_real(const Evaluation& e, const std::function<double(std::size_t)>& value) {
  return mean_over(e, is_real, value);
}

std::size_t real_series_count(const Evaluation& e) {
  std::size_t count = 0;
  for (const auto& s : e.dataset) count += s.synthetic ? 0 : 1;
  return count;
}

// A published score; null (the method failed) counts as 0, as in TCPDBench.
double peer_value(const json& cell, const std::string& metric) {
  if (!cell.is_object() || !cell.contains(metric) || !cell[metric].is_number()) return 0.0;
  return cell[metric].get<double>();
}

struct Best {
  std::string method;
  double value = -1.0;
};

// The best published method on one series (nullopt for series without
// published scores: the synthetic ones).
std::optional<Best> best_peer_on(const Evaluation& e, const std::string& series,
                                 const std::string& setting, const std::string& metric) {
  if (!e.peer_scores.contains(series)) return std::nullopt;
  Best best;
  for (const auto& [method, cell] : e.peer_scores[series][setting].items()) {
    const double value = peer_value(cell, metric);
    if (value > best.value) best = {method, value};
  }
  return best;
}

const json& peer_means(const Evaluation& e, const std::string& setting) {
  return e.peer_means["DEV"]["means"][setting];
}

Best best_peer_mean(const Evaluation& e, const std::string& setting, const std::string& metric) {
  Best best;
  for (const auto& [method, cell] : peer_means(e, setting).items()) {
    const double value = peer_value(cell, metric);
    if (value > best.value) best = {method, value};
  }
  return best;
}

Best best_ours(const Evaluation& e, const std::string& setting, const std::string& metric,
               const SeriesFilter& include = is_real) {
  Best best;
  for (const auto& d : e.detectors) {
    if (!d.available) continue;
    const double value =
        mean_over(e, include, [&](std::size_t i) { return our_score(d, i, setting, metric); });
    if (value > best.value) best = {std::string(d.grid->detector), value};
  }
  return best;
}

// A real series on which no published method failed.
bool every_peer_ran(const Evaluation& e, const Series& s) {
  if (s.synthetic || !e.peer_scores.contains(s.name)) return false;
  for (const char* setting : kSettings) {
    for (const auto& [method, cell] : e.peer_scores[s.name][setting].items()) {
      for (const char* metric : kMetrics) {
        if (!cell.is_object() || !cell.contains(metric) || !cell[metric].is_number()) return false;
      }
    }
  }
  return true;
}

// The best published mean over the series `include` accepts, recomputed from
// the per-series scores.
Best best_peer_mean_over(const Evaluation& e, const std::string& setting, const std::string& metric,
                         const SeriesFilter& include) {
  Best best;
  for (const auto& [method, unused] : peer_means(e, setting).items()) {
    const double value = mean_over(e, include, [&](std::size_t i) {
      return peer_value(e.peer_scores[e.dataset[i].name][setting][method], metric);
    });
    if (value > best.value) best = {method, value};
  }
  return best;
}

void means_table(std::ostringstream& out, const Evaluation& e) {
  out << "| method | default F1 | default cover | oracle F1 | oracle cover | grid |\n"
      << "|---|---:|---:|---:|---:|---:|\n";
  for (const auto& d : e.detectors) {
    if (!d.available) continue;
    out << "| **" << d.grid->detector << "** " << d.version;
    for (const char* setting : kSettings) {
      for (const char* metric : kMetrics) {
        out << " | **" << fixed(mean_over_real(e, [&](std::size_t i) {
          return our_score(d, i, setting, metric);
        })) << "**";
      }
    }
    out << " | " << d.configurations.size() << " |\n";
  }
  out << "| zero (ours, recomputed) | "
      << fixed(mean_over_real(e, [&](std::size_t i) { return e.zero[i].f1.f1; })) << " | "
      << fixed(mean_over_real(e, [&](std::size_t i) { return e.zero[i].cover; })) << " | | | |\n";
  for (const auto& [method, cell] : peer_means(e, "default").items()) {
    const json& oracle = peer_means(e, "oracle")[method];
    out << "| " << method << " (published) | " << fixed(peer_value(cell, "f1")) << " | "
        << fixed(peer_value(cell, "cover")) << " | " << fixed(peer_value(oracle, "f1")) << " | "
        << fixed(peer_value(oracle, "cover")) << " | |\n";
  }
}

void target_rows(std::ostringstream& out, const Evaluation& e, const SeriesFilter& include,
                 bool published_means) {
  out << "| target | ours (best detector) | best published | met |\n|---|---|---|---|\n";
  for (const char* setting : kSettings) {
    for (const char* metric : kMetrics) {
      const Best ours = best_ours(e, setting, metric, include);
      const Best peer = published_means ? best_peer_mean(e, setting, metric)
                                        : best_peer_mean_over(e, setting, metric, include);
      out << "| " << setting << " " << (std::string(metric) == "f1" ? "F1" : "cover") << " | "
          << fixed(ours.value) << " (" << ours.method << ") | " << fixed(peer.value) << " ("
          << peer.method << ") | " << (ours.value >= peer.value ? "yes" : "no") << " |\n";
    }
  }
}

void targets(std::ostringstream& out, const Evaluation& e) {
  out << "Over the " << real_series_count(e)
      << " real series, against the published means (a failed run counts as 0):\n\n";
  target_rows(out, e, is_real, true);
  const SeriesFilter all_ran = [&](const Series& s) { return every_peer_ran(e, s); };
  std::string excluded;
  std::size_t kept = 0;
  for (const auto& s : e.dataset) {
    if (all_ran(s)) {
      ++kept;
    } else if (!s.synthetic) {
      excluded += (excluded.empty() ? "" : ", ") + s.name;
    }
  }
  out << "\nOver the " << kept << " real series on which every published method ran (without "
      << excluded << "), published means recomputed from the per-series scores:\n\n";
  target_rows(out, e, all_ran, false);
}

void per_series_table(std::ostringstream& out, const Evaluation& e, const std::string& setting,
                      const std::string& metric) {
  out << "| series | n | zero | best published |";
  for (const auto& d : e.detectors) {
    if (d.available) out << " " << d.grid->detector << " |";
  }
  out << "\n|---|---:|---:|---|";
  for (const auto& d : e.detectors) {
    if (d.available) out << "---:|";
  }
  out << "\n";
  for (std::size_t i = 0; i < e.dataset.size(); ++i) {
    const Series& s = e.dataset[i];
    out << "| " << s.name << (s.synthetic ? " (synthetic)" : "") << " | " << s.n << " | "
        << fixed(metric_of(e.zero[i], metric)) << " | ";
    const auto peer = best_peer_on(e, s.name, setting, metric);
    out << (peer ? fixed(peer->value) + " " + peer->method : std::string("–")) << " |";
    for (const auto& d : e.detectors) {
      if (!d.available) continue;
      const bool failed = setting == "default" && !d.default_runs[i].ok;
      out << " " << (failed ? "fail" : fixed(our_score(d, i, setting, metric))) << " |";
    }
    out << "\n";
  }
}

// Our zero baseline against the published one, series by series: a check
// that the scoring reproduces TCPDBench's.
std::string zero_check(const Evaluation& e) {
  double worst = 0.0;
  std::size_t compared = 0;
  for (std::size_t i = 0; i < e.dataset.size(); ++i) {
    const auto& name = e.dataset[i].name;
    if (!e.peer_scores.contains(name)) continue;
    const json& zero = e.peer_scores[name]["default"]["zero"];
    worst = std::max(worst, std::abs(e.zero[i].f1.f1 - peer_value(zero, "f1")));
    worst = std::max(worst, std::abs(e.zero[i].cover - peer_value(zero, "cover")));
    ++compared;
  }
  std::ostringstream out;
  out << "Scoring check: the zero baseline recomputed here against TCPDBench's published zero "
      << "scores on " << compared << " series: largest difference " << worst << ".";
  return out.str();
}

json parameters_json(const detect::ParameterList& parameters) {
  json out = json::object();
  for (const auto& p : parameters) out[p.name] = p.value;
  return out;
}

json score_json(const Score& score) {
  return {{"f1", score.f1.f1},
          {"precision", score.f1.precision},
          {"recall", score.f1.recall},
          {"cover", score.cover},
          {"change_points", score.change_points}};
}

}  // namespace

std::string markdown_report(const Evaluation& e) {
  std::ostringstream out;
  const std::size_t real = real_series_count(e);
  out << "### Means over the " << real << " real series\n\n"
      << "F1 with margin " << e.margin << " and cover, scored as TCPDBench scores; "
      << "oracle = best of the grid per series, F1 and cover chosen separately. "
      << "Bold: our detectors; the rest are TCPDBench's published figures for the same series "
      << "(a failed run counts as 0).\n\n";
  means_table(out, e);
  out << "\n" << zero_check(e) << "\n\n";
  std::string missing;
  for (const auto& d : e.detectors) {
    if (!d.available) missing += (missing.empty() ? "" : ", ") + std::string(d.grid->detector);
  }
  if (!missing.empty()) out << "Not in the catalog (not run): " << missing << ".\n\n";

  out << "| detector | defaults | grid axes (configurations) |\n|---|---|---|\n";
  for (const auto& d : e.detectors) {
    if (!d.available) continue;
    out << "| " << d.grid->detector << " | " << describe(d.defaults) << " | ";
    for (std::size_t a = 0; a < d.grid->axes.size(); ++a) {
      const auto& axis = d.grid->axes[a];
      out << (a ? " × " : "") << axis.parameter << " {";
      for (std::size_t v = 0; v < axis.values.size(); ++v) out << (v ? ", " : "") << axis.values[v];
      out << "}";
    }
    out << " (" << d.configurations.size() << ") |\n";
  }
  out << "\n";

  out << "### Targets\n\n";
  targets(out, e);
  for (const char* setting : kSettings) {
    for (const char* metric : kMetrics) {
      out << "\n### Per series: " << setting << ", "
          << (std::string(metric) == "f1" ? "F1" : "cover") << "\n\n";
      per_series_table(out, e, setting, metric);
    }
  }
  return out.str();
}

json json_record(const Evaluation& e) {
  json record;
  record["margin"] = e.margin;
  record["real_series"] = real_series_count(e);
  json detectors = json::array();
  for (const auto& d : e.detectors) {
    json entry{{"name", d.grid->detector}, {"available", d.available}};
    if (d.available) {
      entry["version"] = d.version;
      entry["defaults"] = parameters_json(d.defaults);
      json axes = json::object();
      for (const auto& axis : d.grid->axes) axes[std::string(axis.parameter)] = axis.values;
      entry["grid"] = {{"axes", axes}, {"configurations", d.configurations.size()}};
      json means = json::object();
      for (const char* setting : kSettings) {
        for (const char* metric : kMetrics) {
          means[setting][metric] =
              mean_over_real(e, [&](std::size_t i) { return our_score(d, i, setting, metric); });
        }
      }
      entry["means"] = means;
    }
    detectors.push_back(entry);
  }
  record["detectors"] = detectors;

  json series = json::array();
  for (std::size_t i = 0; i < e.dataset.size(); ++i) {
    const Series& s = e.dataset[i];
    json entry{{"name", s.name},
               {"n", s.n},
               {"n_dim", s.dimensions.size()},
               {"missing", s.missing},
               {"synthetic", s.synthetic},
               {"zero", score_json(e.zero[i])}};
    json results = json::object();
    for (const auto& d : e.detectors) {
      if (!d.available) continue;
      const Run& run = d.default_runs[i];
      json result{{"default", run.ok ? score_json(run.score) : json{{"error", run.error}}}};
      const OracleResult& oracle = d.oracles[i];
      result["oracle"] = {{"f1", oracle.best_f1},
                          {"f1_parameters", parameters_json(oracle.best_f1_parameters)},
                          {"cover", oracle.best_cover},
                          {"cover_parameters", parameters_json(oracle.best_cover_parameters)},
                          {"configurations", oracle.configurations},
                          {"failed", oracle.failed}};
      if (oracle.failed) result["oracle"]["first_error"] = oracle.first_error;
      results[std::string(d.grid->detector)] = result;
    }
    entry["results"] = results;
    series.push_back(entry);
  }
  record["series"] = series;

  json target = json::object();
  for (const char* setting : kSettings) {
    for (const char* metric : kMetrics) {
      const Best ours = best_ours(e, setting, metric);
      const Best peer = best_peer_mean(e, setting, metric);
      target[setting][metric] = {{"ours", ours.value},
                                 {"ours_detector", ours.method},
                                 {"published", peer.value},
                                 {"published_method", peer.method},
                                 {"met", ours.value >= peer.value}};
    }
  }
  record["targets"] = target;
  return record;
}

}  // namespace lf::tcpd
