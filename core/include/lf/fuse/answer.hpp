// The answer-based phase of voting (design seed 000 §4.8): samples are
// grouped by their extracted answer in a normal form, never by text
// similarity, so two samples are in one group exactly when their normal
// forms are equal.
//
// Normal form:
//   1. whitespace: runs of ASCII whitespace become one space; leading and
//      trailing whitespace go;
//   2. case: ASCII letters are lower-cased (other bytes, such as UTF-8
//      sequences, are kept as they are);
//   3. numbers: an answer that is one decimal number in its entirety
//      ([+-] digits [. digits] [e [+-] digits], or starting with the point)
//      is rewritten in one canonical spelling, computed from its exact
//      decimal digits (no rounding through binary floating point):
//      "42", "42.0", "+42", "4.2e1" and "420E-1" all become "42";
//      "0.50" and ".5" become "0.5"; "-0" becomes "0"; "1e21" becomes
//      "1e+21" (the spelling JavaScript's Number#toString uses). Thousands
//      separators, units and fractions ("1,000", "42 kg", "1/2") are text.
#pragma once

#include <string>
#include <string_view>

namespace lf::fuse {

std::string normalise_answer(std::string_view answer);

}  // namespace lf::fuse
