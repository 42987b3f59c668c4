#include "storage/file_dedup_store.hpp"

#include <cstdio>
#include <cstring>

namespace lf::storage {
namespace {

// Key -> (value, expires_at), as loaded from the file.
using LiveEntries = std::map<std::string, std::pair<std::string, verify::Millis>, std::less<>>;

// Dead records tolerated before the file is compacted on open.
constexpr std::uint64_t kCompactionSlack = 64;

// Record: i64 expires_at (LE) | u32 key length (LE) | key | value.
std::string encode(std::string_view key, std::string_view value, verify::Millis expires_at) {
  std::string out(12, '\0');
  auto bits = static_cast<std::uint64_t>(expires_at);
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>(bits >> (8 * i));
  const auto length = static_cast<std::uint32_t>(key.size());
  for (int i = 0; i < 4; ++i)
    out[8 + static_cast<std::size_t>(i)] = static_cast<char>(length >> (8 * i));
  out.append(key);
  out.append(value);
  return out;
}

bool decode(std::string_view record, std::string& key, std::string& value,
            verify::Millis& expires_at) {
  if (record.size() < 12) return false;
  std::uint64_t bits = 0;
  for (int i = 7; i >= 0; --i)
    bits = (bits << 8) | static_cast<unsigned char>(record[static_cast<std::size_t>(i)]);
  std::uint32_t length = 0;
  for (int i = 3; i >= 0; --i)
    length = (length << 8) | static_cast<unsigned char>(record[8 + static_cast<std::size_t>(i)]);
  if (record.size() - 12 < length) return false;
  expires_at = static_cast<verify::Millis>(bits);
  key.assign(record.substr(12, length));
  value.assign(record.substr(12 + length));
  return true;
}

// Rewrites `path` with only `entries`: a new file, fsync'd, renamed over the
// old one, the directory fsync'd.
Status compact(const std::string& path, const LiveEntries& entries) {
  const std::string temporary = path + ".compact";
  std::remove(temporary.c_str());
  {
    auto fresh = RecordLog::open(temporary, [](std::string_view) {});
    if (!fresh) return std::move(fresh).error();
    for (const auto& [key, entry] : entries) {
      if (auto s = fresh->append(encode(key, entry.first, entry.second)); !s) return s;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return storage_failure("cannot replace", path);
  }
  return sync_parent_directory(path);
}

}  // namespace

Result<std::unique_ptr<FileDedupStore>> FileDedupStore::open(const std::string& path,
                                                             verify::Millis now) {
  LiveEntries live;
  std::uint64_t records = 0;
  // A record is only ever written when its key had no live value, so a later
  // record for a key replaces the earlier one.
  const auto load = [&](std::string_view record) {
    std::string key;
    std::string value;
    verify::Millis expires_at = 0;
    ++records;
    if (decode(record, key, value, expires_at)) {
      live.insert_or_assign(std::move(key), std::make_pair(std::move(value), expires_at));
    }
  };
  auto log = RecordLog::open(path, load);
  if (!log) return std::move(log).error();
  std::erase_if(live, [now](const auto& item) { return item.second.second <= now; });
  const auto store = [&live](RecordLog file) {
    Entries entries;
    for (auto& [key, entry] : live) {
      entries.emplace(key, Entry{std::move(entry.first), entry.second});
    }
    return std::unique_ptr<FileDedupStore>(new FileDedupStore(std::move(file), std::move(entries)));
  };
  if (records <= 2 * live.size() + kCompactionSlack) return store(std::move(*log));
  {
    const RecordLog replaced = std::move(*log);  // closed (and unlocked) here
  }
  if (auto s = compact(path, live); !s) return std::move(s).error();
  auto compacted = RecordLog::open(path, [](std::string_view) {});
  if (!compacted) return std::move(compacted).error();
  return store(std::move(*compacted));
}

Result<std::optional<std::string>> FileDedupStore::get(std::string_view key, verify::Millis now) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires_at <= now) return std::optional<std::string>{};
  return std::optional<std::string>{it->second.value};
}

Result<std::string> FileDedupStore::put_if_absent(std::string_view key, std::string_view value,
                                                  verify::Millis now, verify::Millis ttl) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it != entries_.end() && it->second.expires_at > now) return it->second.value;
  // Durable first: the entry exists in memory only once it is on disk.
  if (auto s = log_.append(encode(key, value, now + ttl)); !s) return std::move(s).error();
  Entry entry{std::string(value), now + ttl};
  if (it != entries_.end()) {
    it->second = std::move(entry);
  } else {
    entries_.emplace(std::string(key), std::move(entry));
  }
  return std::string(value);
}

std::size_t FileDedupStore::live_entries(verify::Millis now) {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& item : entries_) count += item.second.expires_at > now ? 1 : 0;
  return count;
}

}  // namespace lf::storage
