#include "json_strings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace lf::verify::detail {
namespace {

void append_u_escape(std::string& out, unsigned unit) {
  char text[16];
  std::snprintf(text, sizeof text, "\\u%04x", unit);
  out += text;
}

// The two-character escapes both serialisers share.
bool append_short_escape(std::string& out, char32_t c) {
  switch (c) {
    case '"': out += "\\\""; return true;
    case '\\': out += "\\\\"; return true;
    case '\b': out += "\\b"; return true;
    case '\f': out += "\\f"; return true;
    case '\n': out += "\\n"; return true;
    case '\r': out += "\\r"; return true;
    case '\t': out += "\\t"; return true;
    default: return false;
  }
}

}  // namespace

bool decode_utf8(std::string_view text, std::u32string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    int length = 0;
    char32_t c = 0;
    if (lead < 0x80) {
      length = 1;
      c = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2;
      c = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3;
      c = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4;
      c = lead & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(length) > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + static_cast<std::size_t>(k)]);
      if ((next & 0xc0) != 0x80) return false;
      c = (c << 6) | (next & 0x3f);
    }
    constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kSmallest[length] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return false;
    out.push_back(c);
    i += static_cast<std::size_t>(length);
  }
  return true;
}

bool valid_utf8(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::u32string unused;
      return decode_utf8(text, unused);
    }
  }
  return true;
}

void append_python_json_string(std::string& out, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  });
  if (plain) {  // the common case (hex ids, ASCII shard names): copied as is
    out += '"';
    out += text;
    out += '"';
    return;
  }
  std::u32string code_points;
  decode_utf8(text, code_points);
  out += '"';
  for (const char32_t c : code_points) {
    if (append_short_escape(out, c)) continue;
    if (c >= 0x20 && c <= 0x7e) {
      out += static_cast<char>(c);
    } else if (c > 0xffff) {
      const char32_t v = c - 0x10000;
      append_u_escape(out, 0xd800 + static_cast<unsigned>(v >> 10));
      append_u_escape(out, 0xdc00 + static_cast<unsigned>(v & 0x3ff));
    } else {
      append_u_escape(out, static_cast<unsigned>(c));
    }
  }
  out += '"';
}

void append_jcs_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char byte : text) {
    const auto c = static_cast<std::uint8_t>(byte);
    if (append_short_escape(out, c)) continue;
    if (c < 0x20) {
      append_u_escape(out, c);
    } else {
      out += byte;
    }
  }
  out += '"';
}

std::u16string utf16_units(std::string_view text) {
  std::u32string code_points;
  decode_utf8(text, code_points);
  std::u16string units;
  for (const char32_t c : code_points) {
    if (c > 0xffff) {
      const char32_t v = c - 0x10000;
      units.push_back(static_cast<char16_t>(0xd800 + (v >> 10)));
      units.push_back(static_cast<char16_t>(0xdc00 + (v & 0x3ff)));
    } else {
      units.push_back(static_cast<char16_t>(c));
    }
  }
  return units;
}

}  // namespace lf::verify::detail
