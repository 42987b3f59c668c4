// The durable dedup store: results survive a restart. Every stored result is
// a record in a RecordLog (key, expiry, value) and the live ones are kept in
// memory for lookups. Expired records are dropped when the file is opened; if
// they outnumber the live ones the file is compacted (rewritten, fsync'd,
// atomically renamed). Like every DedupStore it reads no clock: the caller
// passes the time.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "lf/verify/dedup_store.hpp"
#include "storage/record_log.hpp"

namespace lf::storage {

class FileDedupStore final : public verify::DedupStore {
 public:
  static Result<std::unique_ptr<FileDedupStore>> open(const std::string& path, verify::Millis now);

  Result<std::optional<std::string>> get(std::string_view key, verify::Millis now) override;
  Result<std::string> put_if_absent(std::string_view key, std::string_view value,
                                    verify::Millis now, verify::Millis ttl) override;

  std::size_t live_entries(verify::Millis now);

 private:
  struct Entry {
    std::string value;
    verify::Millis expires_at;
  };
  using Entries = std::map<std::string, Entry, std::less<>>;

  FileDedupStore(RecordLog log, Entries entries)
      : log_(std::move(log)), entries_(std::move(entries)) {}

  RecordLog log_;
  Entries entries_;
  std::mutex mutex_;
};

}  // namespace lf::storage
