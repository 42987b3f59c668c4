// The verifier's write-ahead log: every raw submission is appended and
// fsync'd before it is parsed, so a crash never loses an acknowledged body.
// On start the intact records are replayed (in order) to the caller.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "lf/verify/submission.hpp"
#include "storage/record_log.hpp"

namespace lf::storage {

class WriteAheadLog final : public verify::SubmissionLog {
 public:
  static Result<WriteAheadLog> open(const std::string& path,
                                    const std::function<void(std::string_view)>& replay);

  Status append(std::string_view raw) override { return log_.append(raw); }

  std::uint64_t records() const noexcept { return log_.records(); }
  std::uint64_t truncated_bytes() const noexcept { return log_.truncated_bytes(); }

 private:
  explicit WriteAheadLog(RecordLog log) : log_(std::move(log)) {}

  RecordLog log_;
};

}  // namespace lf::storage
