// The analyst's workspace: every series on screen (loaded from files or fed
// live), the detectors enabled on each, and their alerts. Panels read it; the
// app and the shells change it. All analysis runs here, in the core, on the
// analyst's machine: nothing leaves the browser unless a live feed is
// connected.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/detector.hpp"
#include "lf/detect/pipeline.hpp"
#include "ui/plot/min_max_pyramid.hpp"

namespace lf::ui {

// One detector enabled on a series, with the analyst's parameter overrides.
struct DetectorChoice {
  std::string name;
  detect::ParameterList overrides;
};

// A series as the analyst sees it. Timestamps ascend strictly; values are
// finite (a loaded file's missing cells are left out of the plotted data and
// reported in `missing`).
struct Series {
  std::string name;    // the column label, e.g. "volume"
  std::string origin;  // the file name, feed URL, or "simulated"
  bool live = false;   // grows while a feed runs
  std::vector<double> timestamps;
  std::vector<double> values;
  plot::MinMaxPyramid pyramid;  // over values, for decimated drawing
  std::size_t missing = 0;      // samples left out (missing or non-finite)

  std::vector<DetectorChoice> detectors;
  // The last analysis: for a loaded series, the detect route's report over the
  // whole series (as `lf detect --json` gives it); for a live series, the
  // alerts of streaming detectors, sample by sample.
  std::vector<detect::DetectorDescription> detector_descriptions;
  std::vector<detect::Alert> alerts;
  std::string analysis_error;  // empty when the last analysis succeeded
  // Changes whenever `alerts` changes (unique across the workspace's series),
  // so views can cache what they derive from them.
  std::size_t alerts_revision = 0;
};

class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  std::span<const Series> series() const noexcept { return series_; }
  const Series* find(std::string_view name) const noexcept;

  // Adds a series (replacing one of the same name and origin) and analyses it
  // with `detectors`. Values must be finite and timestamps strictly ascending;
  // otherwise nothing changes and the error says which sample is at fault.
  Status add_series(Series series);
  void remove_series(std::size_t index);
  void clear();

  // Replaces a series' detectors and re-runs its analysis (a live series
  // restarts its streaming detectors over the samples it has).
  Status set_detectors(std::size_t index, std::vector<DetectorChoice> detectors);

  // Starts an empty live series (its detectors run on every appended sample).
  Status add_live_series(std::string name, std::string origin,
                         std::vector<DetectorChoice> detectors);
  // Appends samples to live series `index`: all or nothing, like a detector's
  // push (finite values, timestamps ascending also relative to earlier ones).
  Status append_live(std::size_t index, std::span<const double> timestamps,
                     std::span<const double> values);

  // Bumped on every change, so panels can cache work derived from the data.
  std::size_t revision() const noexcept { return revision_; }

 private:
  struct LiveDetectors;
  Status analyse(std::size_t index);

  std::vector<Series> series_;
  std::vector<std::unique_ptr<LiveDetectors>> live_;  // parallel to series_
  std::size_t revision_ = 0;
  std::size_t alerts_generation_ = 0;
};

// The detectors a newly loaded series starts with.
std::vector<DetectorChoice> default_detectors();

}  // namespace lf::ui
