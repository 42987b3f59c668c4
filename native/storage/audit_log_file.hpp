// The audit chain (lf/verify/audit_chain.hpp) kept in a file: each record is
// appended as one line and fdatasync'd before append() returns. Opening
// verifies the whole file; a torn last line (a crash mid-append, never
// acknowledged) is cut off, any other damage is refused.
#pragma once

#include <string>
#include <string_view>

#include "lf/verify/audit_chain.hpp"

namespace lf::storage {

class AuditLogFile {
 public:
  static Result<AuditLogFile> open(const std::string& path,
                                   const verify::AuditVerifyOptions& options = {});

  AuditLogFile(AuditLogFile&& other) noexcept;
  AuditLogFile& operator=(AuditLogFile&&) = delete;
  AuditLogFile(const AuditLogFile&) = delete;
  ~AuditLogFile();

  Status append(std::string_view data_json);
  Status checkpoint(const verify::Ed25519KeyPair& key);

  const verify::AuditChain& chain() const noexcept { return chain_; }

 private:
  AuditLogFile(std::string path, int fd, verify::AuditChain chain)
      : path_(std::move(path)), fd_(fd), chain_(std::move(chain)) {}
  Status write_line(const std::string& line);

  std::string path_;
  int fd_ = -1;
  verify::AuditChain chain_;
};

// The whole file's text (storage_error if it cannot be read).
Result<std::string> read_text_file(const std::string& path);

}  // namespace lf::storage
