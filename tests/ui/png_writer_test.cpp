// The PNG container against the specification (RFC 2083 / ISO 15948):
// signature, IHDR fields, chunk CRCs recomputed with zlib, and the IDAT
// stream inflating back to filter byte 0 + the rows.
#include "ui/png_writer.hpp"

#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdint>
#include <vector>

namespace {

std::uint32_t read_u32(const std::string& s, std::size_t at) {
  return (std::uint32_t{static_cast<std::uint8_t>(s[at])} << 24) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 1])} << 16) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 2])} << 8) |
         std::uint32_t{static_cast<std::uint8_t>(s[at + 3])};
}

}  // namespace

TEST_SUITE("ui_png") {
  TEST_CASE("a 3x2 RGBA image") {
    std::vector<std::uint8_t> rgba(3 * 2 * 4);
    for (std::size_t i = 0; i < rgba.size(); ++i) rgba[i] = static_cast<std::uint8_t>(i * 11);
    auto png = lf::ui::encode_png(rgba, 3, 2);
    REQUIRE(png);
    const std::string& s = *png;
    CHECK(s.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));

    std::size_t at = 8;
    std::vector<std::string> types;
    std::string idat;
    while (at < s.size()) {
      const std::uint32_t length = read_u32(s, at);
      const std::string type = s.substr(at + 4, 4);
      types.push_back(type);
      const auto* body = reinterpret_cast<const Bytef*>(s.data() + at + 4);
      CHECK(read_u32(s, at + 8 + length) == crc32(0L, body, length + 4));
      if (type == "IHDR") {
        REQUIRE(length == 13);
        CHECK(read_u32(s, at + 8) == 3);
        CHECK(read_u32(s, at + 12) == 2);
        CHECK(s[at + 16] == 8);  // bit depth
        CHECK(s[at + 17] == 6);  // RGBA
      }
      if (type == "IDAT") idat += s.substr(at + 8, length);
      at += 12 + length;
    }
    CHECK(types == std::vector<std::string>{"IHDR", "IDAT", "IEND"});

    std::vector<std::uint8_t> raw(2 * (1 + 3 * 4));
    uLongf raw_size = raw.size();
    REQUIRE(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()),
                       idat.size()) == Z_OK);
    REQUIRE(raw_size == raw.size());
    CHECK(raw[0] == 0);
    CHECK(raw[13] == 0);
    CHECK(std::equal(raw.begin() + 1, raw.begin() + 13, rgba.begin()));
    CHECK(std::equal(raw.begin() + 14, raw.end(), rgba.begin() + 12));
  }

  TEST_CASE("a size that does not match the pixels is refused") {
    std::vector<std::uint8_t> rgba(10);
    CHECK(lf::ui::encode_png(rgba, 3, 2).error().code == lf::ErrorCode::invalid_argument);
    CHECK(lf::ui::encode_png({}, 0, 0).error().code == lf::ErrorCode::invalid_argument);
  }
}
