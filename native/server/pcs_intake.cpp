#include "server/pcs_intake.hpp"

#include <filesystem>

#include "storage/file_dedup_store.hpp"

namespace lf::server {

Result<std::unique_ptr<PcsIntake>> PcsIntake::open(const std::string& data_dir,
                                                   const TenantDirectory& tenants,
                                                   verify::Millis now) {
  std::unique_ptr<PcsIntake> intake(new PcsIntake());
  for (const auto& tenant : tenants.tenants()) {
    if (tenant.pcs_key) intake->keys_.set(tenant.name, *tenant.pcs_key);
  }
  if (data_dir.empty()) {
    intake->dedup_ = std::make_unique<verify::MemoryDedupStore>();
    return intake;
  }
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    return make_error(ErrorCode::storage_error,
                      "cannot create the data directory '" + data_dir + "': " + error.message());
  }
  const auto directory = std::filesystem::path(data_dir);
  // The earlier bodies are only counted: every one that was answered has its
  // result in the dedup store, and one that was not was never acknowledged
  // (its sender retries).
  auto wal = storage::WriteAheadLog::open((directory / "pcs-wal.lfr").string(),
                                          [&](std::string_view) { ++intake->replayed_; });
  if (!wal) return std::move(wal).error();
  intake->wal_.emplace(std::move(*wal));
  auto dedup = storage::FileDedupStore::open((directory / "pcs-dedup.lfr").string(), now);
  if (!dedup) return std::move(dedup).error();
  intake->dedup_ = std::move(*dedup);
  return intake;
}

verify::SubmissionReply PcsIntake::submit(std::string_view tenant, std::string_view body,
                                          verify::Millis now) {
  std::lock_guard lock(mutex_);
  verify::SubmissionService service(keys_, *dedup_, wal_ ? &*wal_ : nullptr, [now] { return now; });
  return service.submit(tenant, body);
}

}  // namespace lf::server
