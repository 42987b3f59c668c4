#include "lf/graph/centrality.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace lf::graph {
namespace {

struct Adjacency {
  std::vector<std::size_t> start;  // arcs out of v: entries [start[v], start[v + 1])
  std::vector<std::size_t> to;
  std::vector<double> length;
};

// Out-arcs grouped by tail, each group in the input order.
Adjacency adjacency(std::size_t nodes, std::span<const Arc> arcs) {
  Adjacency out;
  out.start.assign(nodes + 1, 0);
  for (const Arc& a : arcs) ++out.start[a.from + 1];
  for (std::size_t v = 0; v < nodes; ++v) out.start[v + 1] += out.start[v];
  out.to.resize(arcs.size());
  out.length.resize(arcs.size());
  std::vector<std::size_t> fill(out.start.begin(), out.start.end() - 1);
  for (const Arc& a : arcs) {
    out.to[fill[a.from]] = a.to;
    out.length[fill[a.from]++] = a.length;
  }
  return out;
}

}  // namespace

std::vector<double> in_degrees(std::size_t nodes, std::span<const Arc> arcs) {
  std::vector<double> out(nodes, 0.0);
  for (const Arc& a : arcs) out[a.to] += 1.0;
  return out;
}

std::vector<double> out_degrees(std::size_t nodes, std::span<const Arc> arcs) {
  std::vector<double> out(nodes, 0.0);
  for (const Arc& a : arcs) out[a.from] += 1.0;
  return out;
}

std::vector<double> betweenness(std::size_t nodes, std::span<const Arc> arcs, bool weighted,
                                bool normalised) {
  const Adjacency graph = adjacency(nodes, arcs);
  std::vector<double> centrality(nodes, 0.0);
  std::vector<double> distance(nodes);
  std::vector<double> paths(nodes);  // σ: number of shortest paths from the source
  std::vector<double> dependency(nodes);
  std::vector<std::vector<std::size_t>> predecessors(nodes);
  std::vector<std::size_t> settled;  // in order of non-decreasing distance
  constexpr double kUnreached = std::numeric_limits<double>::infinity();

  for (std::size_t s = 0; s < nodes; ++s) {
    std::fill(distance.begin(), distance.end(), kUnreached);
    std::fill(paths.begin(), paths.end(), 0.0);
    std::fill(dependency.begin(), dependency.end(), 0.0);
    for (auto& p : predecessors) p.clear();
    settled.clear();
    distance[s] = 0.0;
    paths[s] = 1.0;

    if (!weighted) {
      std::queue<std::size_t> queue;
      queue.push(s);
      while (!queue.empty()) {
        const std::size_t v = queue.front();
        queue.pop();
        settled.push_back(v);
        for (std::size_t e = graph.start[v]; e < graph.start[v + 1]; ++e) {
          const std::size_t w = graph.to[e];
          if (distance[w] == kUnreached) {
            distance[w] = distance[v] + 1.0;
            queue.push(w);
          }
          if (distance[w] == distance[v] + 1.0) {
            paths[w] += paths[v];
            predecessors[w].push_back(v);
          }
        }
      }
    } else {
      // Ties in the queue are broken by node index, so the order (and every
      // floating-point sum) is the same on every run and target.
      using Entry = std::pair<double, std::size_t>;
      std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
      std::vector<bool> done(nodes, false);
      queue.push({0.0, s});
      while (!queue.empty()) {
        const auto [d, v] = queue.top();
        queue.pop();
        if (done[v] || d > distance[v]) continue;
        done[v] = true;
        settled.push_back(v);
        for (std::size_t e = graph.start[v]; e < graph.start[v + 1]; ++e) {
          const std::size_t w = graph.to[e];
          const double candidate = distance[v] + graph.length[e];
          if (candidate < distance[w]) {
            distance[w] = candidate;
            paths[w] = paths[v];
            predecessors[w].assign(1, v);
            queue.push({candidate, w});
          } else if (candidate == distance[w] && !done[w]) {
            paths[w] += paths[v];
            predecessors[w].push_back(v);
          }
        }
      }
    }

    // Dependencies accumulate from the farthest node back (Brandes 2001).
    for (std::size_t i = settled.size(); i-- > 0;) {
      const std::size_t w = settled[i];
      for (const std::size_t v : predecessors[w]) {
        dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
      }
      if (w != s) centrality[w] += dependency[w];
    }
  }
  if (normalised && nodes > 2) {
    const double pairs = static_cast<double>(nodes - 1) * static_cast<double>(nodes - 2);
    for (double& c : centrality) c /= pairs;
  }
  return centrality;
}

double gini(std::span<const double> values) {
  const std::size_t n = values.size();
  if (n == 0) return 0.0;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double total = 0.0;
  double weighted = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total += sorted[i];
    weighted += static_cast<double>(i + 1) * sorted[i];
  }
  if (!(total > 0.0)) return 0.0;
  // G = Σ_i (2i − n − 1) x_(i) / (n Σ x), i = 1..n ascending.
  const double nd = static_cast<double>(n);
  return (2.0 * weighted) / (nd * total) - (nd + 1.0) / nd;
}

}  // namespace lf::graph
