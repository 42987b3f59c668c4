#include "storage/write_ahead_log.hpp"

namespace lf::storage {

Result<WriteAheadLog> WriteAheadLog::open(const std::string& path,
                                          const std::function<void(std::string_view)>& replay) {
  auto log = RecordLog::open(path, replay);
  if (!log) return std::move(log).error();
  return WriteAheadLog(std::move(*log));
}

}  // namespace lf::storage
