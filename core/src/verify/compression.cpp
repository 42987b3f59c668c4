#include "lf/verify/compression.hpp"

#include <zlib.h>

#include <string>
#include <vector>

namespace lf::verify {

Result<std::size_t> zlib_compressed_size(std::string_view data, int level) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::vector<Bytef> out(size);
  const int status = compress2(out.data(), &size, reinterpret_cast<const Bytef*>(data.data()),
                               static_cast<uLong>(data.size()), level);
  if (status != Z_OK) {
    return make_error(ErrorCode::invalid_argument,
                      "zlib compress2 failed with status " + std::to_string(status));
  }
  return static_cast<std::size_t>(size);
}

}  // namespace lf::verify
