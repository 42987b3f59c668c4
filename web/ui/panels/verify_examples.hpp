// The Verification panel's bundled example: the Fractal LBA reference
// agent's signed PCS record for golden case 1
// (tests/data/fractal-lba/pcs_tiny_case_1.json, HMAC-SHA256 with the key
// "testsecret"; provenance in tests/data/fractal-lba/PROVENANCE.md), compiled
// in by web/CMakeLists.txt from that file, byte for byte, so the browser
// build needs no file access.
#pragma once

#include <string_view>

namespace lf::ui::verify {

std::string_view golden_pcs_name() noexcept;  // "pcs_tiny_case_1.json"
std::string_view golden_pcs_text() noexcept;  // the record as the agent wrote it
// The HMAC secret the reference agent signed the golden records with.
inline constexpr std::string_view kGoldenSecret = "testsecret";

}  // namespace lf::ui::verify
