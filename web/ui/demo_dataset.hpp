// The dataset the dashboard opens with: TCPD's "nile" series (annual flow of
// the Nile at Aswan, 1871-1970; the first Aswan dam changed it in 1898),
// compiled into the program from tests/data/tcpd/nile.json (provenance in
// tests/data/tcpd/PROVENANCE.md), so no file or network access is needed.
#pragma once

#include <string_view>

namespace lf::ui {

std::string_view demo_dataset_name() noexcept;  // "nile.json"
std::string_view demo_dataset_text() noexcept;  // the TCPD JSON

}  // namespace lf::ui
