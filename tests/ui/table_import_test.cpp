// Files become series through the core's readers: what `lf detect` reads,
// the dashboard reads, with missing cells left out and counted.
#include "ui/table_import.hpp"

#include <doctest/doctest.h>

using namespace lf::ui;

TEST_SUITE("ui_import") {
  TEST_CASE("files are told apart by content") {
    CHECK(classify_file("a.csv", "t,x\n1,2\n") == FileKind::csv);
    CHECK(classify_file("nile.json", R"({"name":"nile","n_obs":1,"series":[]})") == FileKind::tcpd);
    CHECK(classify_file("record.json", R"({"pcs_id":"abc","D_hat":1.2})") ==
          FileKind::json_document);
    CHECK(classify_file("noext", "  {\"n_obs\": 2, \"series\": []}") == FileKind::tcpd);
  }

  TEST_CASE("the CSV header and the default time column") {
    auto header = csv_columns("Time;price;\"vol, daily\"\n1;2;3\n");
    REQUIRE(header);
    CHECK(*header == std::vector<std::string>{"Time", "price", "vol, daily"});
    const CsvChoice choice = default_csv_choice(*header);
    CHECK(choice.time_column == "Time");
    CHECK(choice.columns.empty());
    CHECK_FALSE(default_csv_choice({"price", "volume"}).time_column);
    // A file with nothing but a time-like column keeps it as data.
    CHECK_FALSE(default_csv_choice({"t"}).time_column);
  }

  TEST_CASE("CSV columns become series; missing cells are left out and counted") {
    const char* text = "t,a,b\n0,1.5,10\n1,,11\n2,2.5,NA\n3,3.5,13\n";
    auto series = read_csv_series(text, default_csv_choice({"t", "a", "b"}), "f.csv");
    REQUIRE(series);
    REQUIRE(series->size() == 2);
    const Series& a = (*series)[0];
    CHECK(a.name == "a");
    CHECK(a.origin == "f.csv");
    CHECK(a.timestamps == std::vector<double>{0, 2, 3});
    CHECK(a.values == std::vector<double>{1.5, 2.5, 3.5});
    CHECK(a.missing == 1);
    CHECK((*series)[1].values == std::vector<double>{10, 11, 13});
    CHECK(a.detectors.size() == default_detectors().size());
  }

  TEST_CASE("a column picked by name, timestamps as row indices") {
    CsvChoice choice;
    choice.columns = {"b"};
    auto series = read_csv_series("a,b\n1,5\n2,6\n", choice, "f.csv");
    REQUIRE(series);
    REQUIRE(series->size() == 1);
    CHECK((*series)[0].timestamps == std::vector<double>{0, 1});
  }

  TEST_CASE("bad files give the readers' typed errors") {
    auto bad_cell = read_csv_series("a\n1\nx\n", {}, "f.csv");
    REQUIRE_FALSE(bad_cell);
    CHECK(bad_cell.error().code == lf::ErrorCode::csv_parse_error);
    CHECK(bad_cell.error().message.find("line 3") != std::string::npos);

    CsvChoice missing;
    missing.columns = {"nope"};
    auto no_column = read_csv_series("a\n1\n", missing, "f.csv");
    REQUIRE_FALSE(no_column);
    CHECK(no_column.error().code == lf::ErrorCode::missing_column);

    auto empty = csv_columns("");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == lf::ErrorCode::empty_input);

    auto tcpd = read_tcpd_series(R"({"name":"x","n_obs":2})", "x.json");
    REQUIRE_FALSE(tcpd);
    CHECK(tcpd.error().code == lf::ErrorCode::schema_error);
  }

  TEST_CASE("a TCPD dataset with a missing value") {
    const char* text = R"({"name":"demo","n_obs":3,"n_dim":1,"time":{"index":[0,1,2]},
      "series":[{"label":"V1","type":"float","raw":[1.0,null,3.0]}]})";
    auto series = read_tcpd_series(text, "demo.json");
    REQUIRE(series);
    REQUIRE(series->size() == 1);
    CHECK((*series)[0].name == "V1");
    CHECK((*series)[0].timestamps == std::vector<double>{0, 2});
    CHECK((*series)[0].missing == 1);
  }
}
