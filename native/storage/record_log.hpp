// A durable, append-only file of framed records: the storage under the
// write-ahead log and the durable dedup store. Native only (POSIX files).
//
// Frame: "LFR1" | u32 length (LE) | u32 CRC-32 of (length bytes, payload) |
// payload. append() returns only after the frame is written and fdatasync'd.
// Opening replays every intact frame in order and truncates the file at the
// first frame that is incomplete or fails its checksum (a torn tail from a
// crash mid-append: such a record was never acknowledged). An exclusive
// flock keeps a second process from appending to the same file.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::storage {

class RecordLog {
 public:
  // Records larger than this are refused (and a frame claiming more is torn).
  static constexpr std::uint32_t kMaxRecord = 64u << 20;

  using Visitor = std::function<void(std::string_view record)>;

  // Opens (creating if needed) and replays `path`, calling `visit` for each
  // intact record. storage_error when the file cannot be opened, locked,
  // read or repaired.
  static Result<RecordLog> open(const std::string& path, const Visitor& visit);

  RecordLog(RecordLog&& other) noexcept;
  RecordLog& operator=(RecordLog&&) = delete;
  RecordLog(const RecordLog&) = delete;
  ~RecordLog();

  Status append(std::string_view record);

  std::uint64_t records() const noexcept { return records_; }
  // Bytes dropped from the end when the file was opened (a torn tail).
  std::uint64_t truncated_bytes() const noexcept { return truncated_bytes_; }

 private:
  RecordLog(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_ = -1;
  std::uint64_t end_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t truncated_bytes_ = 0;
  std::mutex mutex_;
};

// storage_error naming the operation, the path and errno's text.
Error storage_failure(std::string_view what, const std::string& path);

// fsync of the directory holding `path`, so a created or renamed entry is durable.
Status sync_parent_directory(const std::string& path);

}  // namespace lf::storage
