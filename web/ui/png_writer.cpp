#include "ui/png_writer.hpp"

#include <zlib.h>

#include <vector>

namespace lf::ui {
namespace {

void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

void put_chunk(std::string& out, const char type[4], const std::uint8_t* data, std::size_t size) {
  put_u32(out, static_cast<std::uint32_t>(size));
  const std::size_t start = out.size();
  out.append(type, 4);
  out.append(reinterpret_cast<const char*>(data), size);
  // The CRC covers the type and the data.
  const auto* crc_input = reinterpret_cast<const Bytef*>(out.data() + start);
  put_u32(out, static_cast<std::uint32_t>(crc32(0L, crc_input, static_cast<uInt>(size + 4))));
}

}  // namespace

Result<std::string> encode_png(std::span<const std::uint8_t> rgba, std::uint32_t width,
                               std::uint32_t height) {
  const std::size_t row_bytes = std::size_t{width} * 4;
  if (width == 0 || height == 0 || rgba.size() != row_bytes * height) {
    return make_error(ErrorCode::invalid_argument, "PNG image: " + std::to_string(rgba.size()) +
                                                       " bytes for " + std::to_string(width) + "x" +
                                                       std::to_string(height) + " RGBA pixels");
  }
  // Each row is prefixed with its filter type (0, none).
  std::vector<std::uint8_t> raw;
  raw.reserve((row_bytes + 1) * height);
  for (std::uint32_t y = 0; y < height; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), rgba.begin() + static_cast<std::ptrdiff_t>(y * row_bytes),
               rgba.begin() + static_cast<std::ptrdiff_t>((y + 1) * row_bytes));
  }
  uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
  std::vector<std::uint8_t> compressed(compressed_size);
  if (compress2(compressed.data(), &compressed_size, raw.data(), static_cast<uLong>(raw.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK) {
    return make_error(ErrorCode::internal_error, "PNG image: zlib could not compress the pixels");
  }

  std::string out("\x89PNG\r\n\x1a\n", 8);
  std::uint8_t header[13];
  for (int i = 0; i < 4; ++i) {
    header[i] = static_cast<std::uint8_t>(width >> (24 - 8 * i));
    header[4 + i] = static_cast<std::uint8_t>(height >> (24 - 8 * i));
  }
  header[8] = 8;   // bit depth
  header[9] = 6;   // colour type: RGBA
  header[10] = 0;  // compression: deflate
  header[11] = 0;  // filter method 0
  header[12] = 0;  // no interlace
  put_chunk(out, "IHDR", header, sizeof header);
  put_chunk(out, "IDAT", compressed.data(), compressed_size);
  put_chunk(out, "IEND", nullptr, 0);
  return out;
}

}  // namespace lf::ui
