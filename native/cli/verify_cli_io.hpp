// Helpers the verification commands share: files, key files, printing a
// failed core call.
#pragma once

#include <iosfwd>
#include <string>

#include "lf/common/result.hpp"
#include "lf/verify/crypto.hpp"

namespace lf::cli {

// The whole file (storage_error naming the path when it cannot be read).
Result<std::string> read_whole_file(const std::string& path);

// An Ed25519 key file: the base64 of the 32-byte seed (surrounding
// whitespace ignored), as `lf` and the API take signing keys.
Result<verify::Ed25519Seed> read_seed_file(const std::string& path);

// Prints "lf <command>: <message> [<code>]" and returns exit status 1.
int report(std::ostream& err, std::string_view command, const Error& error);

}  // namespace lf::cli
