// What feeds the live stream besides POST /v1/ingest (docs/HTTP.md, "Live
// stream"), each on its own thread until stopped:
//
// - ReplaySource: a series loaded from a CSV or TCPD file (`lf detect`'s
//   loader and column rule), pushed at `speed` samples per second and
//   started over at its end. Missing values are left out.
// - TailSource: a CSV file followed as it grows: its rows from the first,
//   then each complete line appended later (polled every 200 ms; a file that
//   shrinks was rotated and is read again from its header).
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lf/common/result.hpp"
#include "server/request_log.hpp"
#include "server/stream_pipeline.hpp"

namespace lf::server {

class ReplaySource {
 public:
  // The file's column (`column`: a name, or a 0-based index; default the
  // first), finite values only; the loader's error otherwise, or empty_input.
  static Result<std::vector<double>> load(const std::string& path,
                                          const std::optional<std::string>& column);

  ReplaySource(std::vector<double> values, double speed, StreamPipeline& pipeline);
  ~ReplaySource();
  ReplaySource(const ReplaySource&) = delete;
  ReplaySource& operator=(const ReplaySource&) = delete;

 private:
  void run();

  std::vector<double> values_;
  double speed_;
  StreamPipeline& pipeline_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

class TailSource {
 public:
  TailSource(std::string path, std::optional<std::string> column, StreamPipeline& pipeline,
             RequestLog& log);
  ~TailSource();
  TailSource(const TailSource&) = delete;
  TailSource& operator=(const TailSource&) = delete;

 private:
  void run();
  // Takes the complete lines of `text`, keeping an unfinished last one.
  void take_lines(std::string& text);
  void take_row(const std::string& line);

  std::string path_;
  std::optional<std::string> column_;
  StreamPipeline& pipeline_;
  RequestLog& log_;
  std::string header_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lf::server
