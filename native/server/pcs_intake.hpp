// POST /v1/pcs/submit: the Fractal LBA intake (docs/VERIFY.md, "Intake") for
// the authenticated tenant, with the tenant's configured PCS key and the
// server's clock. With a data directory the intake is durable: every raw
// body goes to the write-ahead log (fsync'd before it is parsed) and every
// result to the file-backed dedup store (fsync'd before it is answered), so a
// submission that was answered 200 or 202 is still there after a crash.
// Without one, the dedup store is in memory and there is no log.
//
// Submissions are taken one at a time (one mutex): each costs two fsyncs,
// which a second thread could not overlap anyway, and one writer keeps the
// first-result-wins rule trivially true.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "lf/verify/key_registry.hpp"
#include "lf/verify/submission.hpp"
#include "server/tenants.hpp"
#include "storage/write_ahead_log.hpp"

namespace lf::server {

class PcsIntake {
 public:
  // Opens (creating) `data_dir`/pcs-wal.lfr and pcs-dedup.lfr; an empty
  // `data_dir` keeps results in memory. storage_error when a file cannot be
  // opened (another server holding its lock, a permission...).
  static Result<std::unique_ptr<PcsIntake>> open(const std::string& data_dir,
                                                 const TenantDirectory& tenants,
                                                 verify::Millis now);

  verify::SubmissionReply submit(std::string_view tenant, std::string_view body,
                                 verify::Millis now);

  bool durable() const noexcept { return wal_.has_value(); }
  // Records in the write-ahead log when it was opened (earlier runs' bodies).
  std::uint64_t replayed_records() const noexcept { return replayed_; }

 private:
  PcsIntake() = default;

  verify::KeyRegistry keys_;
  std::optional<storage::WriteAheadLog> wal_;
  std::unique_ptr<verify::DedupStore> dedup_;
  std::uint64_t replayed_ = 0;
  std::mutex mutex_;
};

}  // namespace lf::server
