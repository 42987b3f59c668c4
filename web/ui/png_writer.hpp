// PNG encoding of an RGBA image (the plot export). The container (signature,
// IHDR, IDAT, IEND chunks with CRC-32) is written here; compression and the
// checksums are zlib's. 8-bit RGBA, no interlacing, filter type 0 per row.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "lf/common/result.hpp"

namespace lf::ui {

// `rgba` holds `height` rows of `width` pixels, top row first.
Result<std::string> encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                               std::uint32_t height);

}  // namespace lf::ui
