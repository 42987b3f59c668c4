#include "server/stream_sources.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>

#include "cli/input_file.hpp"
#include "lf/signal/csv.hpp"

namespace lf::server {
namespace {

constexpr auto kTailPoll = std::chrono::milliseconds(200);
// At most this many replayed samples per push, so a high --speed after a
// stall catches up in bounded steps.
constexpr std::size_t kReplayBatch = 4096;
constexpr std::size_t kTailReadLimit = 1u << 20;

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

Result<std::vector<double>> ReplaySource::load(const std::string& path,
                                               const std::optional<std::string>& column) {
  cli::InputOptions options;
  options.column = column;
  auto series = cli::load_series(path, options);
  if (!series) return std::move(series).error();
  std::vector<double> values;
  std::copy_if(series->values.begin(), series->values.end(), std::back_inserter(values),
               [](double v) { return std::isfinite(v); });
  if (values.empty()) {
    return make_error(ErrorCode::empty_input, "'" + path + "' has no finite values to replay");
  }
  return values;
}

ReplaySource::ReplaySource(std::vector<double> values, double speed, StreamPipeline& pipeline)
    : values_(std::move(values)), speed_(speed), pipeline_(pipeline), thread_([this] { run(); }) {}

ReplaySource::~ReplaySource() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ReplaySource::run() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  std::uint64_t pushed = 0;
  std::size_t next = 0;  // position in values_
  std::vector<double> batch;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    // Sample k is due at start + k / speed; the first at once.
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const auto due = static_cast<std::uint64_t>(std::floor(elapsed * speed_)) + 1;
    if (due > pushed) {
      batch.clear();
      while (pushed + batch.size() < due && batch.size() < kReplayBatch) {
        batch.push_back(values_[next]);
        next = (next + 1) % values_.size();
      }
      lock.unlock();
      // Finite values, no timestamps: the push cannot fail.
      (void)pipeline_.push(batch, {});
      lock.lock();
      pushed += batch.size();
      continue;
    }
    const auto next_due =
        start + std::chrono::duration_cast<Clock::duration>(
                    std::chrono::duration<double>(static_cast<double>(pushed) / speed_));
    wake_.wait_until(lock, next_due, [this] { return stopping_; });
  }
}

TailSource::TailSource(std::string path, std::optional<std::string> column,
                       StreamPipeline& pipeline, RequestLog& log)
    : path_(std::move(path)),
      column_(std::move(column)),
      pipeline_(pipeline),
      log_(log),
      thread_([this] { run(); }) {}

TailSource::~TailSource() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TailSource::run() {
  std::uint64_t offset = 0;
  std::string pending;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    struct stat info {};
    if (::stat(path_.c_str(), &info) == 0) {
      const auto size = static_cast<std::uint64_t>(info.st_size);
      if (size < offset) {  // truncated or replaced: start over from its header
        offset = 0;
        pending.clear();
        header_.clear();
      }
      if (size > offset) {
        std::ifstream in(path_, std::ios::binary);
        in.seekg(static_cast<std::streamoff>(offset));
        std::string chunk(std::min<std::uint64_t>(size - offset, kTailReadLimit), '\0');
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        chunk.resize(static_cast<std::size_t>(in.gcount()));
        offset += chunk.size();
        pending += chunk;
        take_lines(pending);
      }
    }
    lock.lock();
    wake_.wait_for(lock, kTailPoll, [this] { return stopping_; });
  }
}

void TailSource::take_lines(std::string& text) {
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (blank(line)) continue;
    if (header_.empty()) {
      header_ = line;
    } else {
      take_row(line);
    }
  }
  text.erase(0, start);
}

void TailSource::take_row(const std::string& line) {
  // The core's CSV reader judges the row, with the header it belongs to.
  const std::string text = header_ + "\n" + line + "\n";
  signal::CsvOptions options;
  if (!column_) {
    options.column_indices = {0};
  } else {
    options.columns = {*column_};
  }
  auto table = signal::read_csv(text, options);
  // As `lf detect`: a column given by a name the header lacks may be an index.
  if (!table && column_ && table.error().code == ErrorCode::missing_column) {
    if (const auto index = cli::column_index(*column_)) {
      options.columns.clear();
      options.column_indices = {*index};
      table = signal::read_csv(text, options);
    }
  }
  if (!table || table->columns.empty() || table->columns[0].empty() ||
      !std::isfinite(table->columns[0][0])) {
    log_.event("warn", "tail_row_skipped",
               {{"file", path_},
                {"reason", table ? "no finite value in the column" : table.error().message}});
    return;
  }
  const double value = table->columns[0][0];
  (void)pipeline_.push(std::span<const double>(&value, 1), {});
}

}  // namespace lf::server
