// zlib compression sizes, for the PCS compressibility signal r.
#pragma once

#include <cstddef>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::verify {

// The size of zlib.compress(data, level): a zlib stream (RFC 1950) with the
// default window and memory level, as Python's zlib module writes it.
Result<std::size_t> zlib_compressed_size(std::string_view data, int level);

}  // namespace lf::verify
