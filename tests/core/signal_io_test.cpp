// The data readers of core/signal: ISO-8601 timestamps, the streaming CSV
// reader and the TCPD JSON reader.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lf/signal/csv.hpp"
#include "lf/signal/iso8601.hpp"
#include "lf/signal/tcpd.hpp"

using lf::ErrorCode;
using lf::signal::CsvOptions;
using lf::signal::CsvReader;
using lf::signal::parse_iso8601;
using lf::signal::read_csv;
using lf::signal::read_tcpd;
using lf::signal::Table;
using lf::signal::TimeFormat;

namespace {

Table read_ok(std::string_view text, const CsvOptions& options = {}) {
  auto table = read_csv(text, options);
  if (!table) FAIL(table.error().message);
  return std::move(table).value();
}

lf::Error read_error(std::string_view text, const CsvOptions& options = {}) {
  auto table = read_csv(text, options);
  REQUIRE_FALSE(table.ok());
  return table.error();
}

// Feeds `text` in pieces of `size` bytes.
lf::Result<Table> read_chunked(std::string_view text, std::size_t size,
                               const CsvOptions& options = {}) {
  CsvReader reader(options);
  for (std::size_t at = 0; at < text.size(); at += size) {
    if (!reader.feed(text.substr(at, size))) break;  // the error comes back from finish()
  }
  return reader.finish();
}

// Bitwise, so that NaN cells compare equal to NaN cells.
bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same_table(const Table& a, const Table& b) {
  if (a.column_names != b.column_names || !same_values(a.timestamps, b.timestamps) ||
      a.columns.size() != b.columns.size()) {
    return false;
  }
  for (std::size_t c = 0; c < a.columns.size(); ++c) {
    if (!same_values(a.columns[c], b.columns[c])) return false;
  }
  return true;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tcpd_path(const std::string& name) {
  return std::string(LF_TEST_DATA_DIR) + "/tcpd/" + name + ".json";
}

CsvOptions time_column(const std::string& name, TimeFormat format = TimeFormat::automatic) {
  CsvOptions options;
  options.time_column = name;
  options.time_format = format;
  return options;
}

}  // namespace

TEST_SUITE("signal") {
  TEST_CASE("iso8601: known epoch seconds") {
    const std::pair<const char*, double> cases[] = {
        {"1970-01-01T00:00:00Z", 0.0},
        {"2000-02-29T12:00:00Z", 951825600.0},
        {"2024-03-10T01:30:00-05:00", 1710052200.0},
        {"2024-03-10T01:30:00-0500", 1710052200.0},
        {"2024-03-10T12:00+05:30", 1710052200.0},
        {"2024-03-10 06:30", 1710052200.0},
        {"2024-03-10t06:30:00z", 1710052200.0},
        {"2024-03-10T06:30:00+00:00", 1710052200.0},
        {"1970", 0.0},
        {"1970-02", 31 * 86400.0},
        {"2000-03-01", 951868800.0},
        {"1969-12-31T23:59:59Z", -1.0},
        {"1900-01-01", -2208988800.0},
        {"0000-03-01", -62162035200.0},
        {"2016-12-31T23:59:60Z", 1483228800.0},  // a leap second is the next minute's :00
        {"9999-12-31T23:59:59Z", 253402300799.0},
    };
    for (const auto& entry : cases) {
      const auto& [text, seconds] = entry;
      // entry.first, not the binding: Emscripten's clang 14 cannot capture a
      // structured binding in CAPTURE's lambda.
      CAPTURE(entry.first);
      const auto parsed = parse_iso8601(text);
      REQUIRE(parsed.ok());
      CHECK(*parsed == seconds);
    }
  }

  TEST_CASE("iso8601: fractional seconds") {
    CHECK(*parse_iso8601("1970-01-01T00:00:00.5Z") == 0.5);
    CHECK(*parse_iso8601("1970-01-01T01:00:00.25+01:00") == 0.25);
    CHECK(*parse_iso8601("1969-12-31T23:59:59.75Z") == -0.25);
    CHECK(*parse_iso8601("2000-01-01T00:00:00.123456Z") == 946684800.0 + 0.123456);
    // Digits beyond the 15th are below a double's resolution and are ignored.
    CHECK(*parse_iso8601("1970-01-01T00:00:00.12345678901234567890") == 0.123456789012345);
  }

  TEST_CASE("iso8601: invalid dates and syntax are rejected") {
    const std::pair<const char*, const char*> cases[] = {
        {"2023-02-29", "day 29 is outside 1-28 in 2023-02"},
        {"1900-02-29", "day 29"},
        {"2000-02-30", "day 30"},
        {"2023-04-31", "day 31"},
        {"2023-13-01", "month 13 is outside 1-12"},
        {"2023-00-10", "month 0"},
        {"2023-01-00", "day 0"},
        {"2023-01-01T24:00", "hour 24 is outside 0-23"},
        {"2023-01-01T12:60", "minute 60"},
        {"2023-01-01T12:00:61", "second 61"},
        {"2023-01-01T12:00+24:00", "UTC offset hour 24"},
        {"2023-01-01T12:00+05:60", "UTC offset minute 60"},
        {"", "4-digit year"},
        {"23-01-01", "4-digit year"},
        {"2023-1-01", "-MM"},
        {"2023-01-1", "-DD"},
        {"2023/01/01", "-MM"},
        {"2023-01-01T", "hour"},
        {"2023-01-01T12", "minute"},
        {"2023-01-01T12:00:00.", "digits after '.'"},
        {"2023-01-01T12:00:00+5", "UTC offset"},
        {"2023-01-01Z", "'T' or ' '"},
        {"2023-01-01T12:00:00Zx", "unexpected text"},
        {" 2023-01-01", "4-digit year"},
    };
    for (const auto& entry : cases) {
      const auto& [text, reason] = entry;
      CAPTURE(entry.first);
      const auto parsed = parse_iso8601(text);
      REQUIRE_FALSE(parsed.ok());
      CHECK(parsed.error().code == ErrorCode::invalid_argument);
      CHECK(contains(parsed.error().message, std::string("'") + text + "'"));
      CHECK(contains(parsed.error().message, reason));
    }
    CHECK(parse_iso8601("2024-02-29").ok());
    CHECK(parse_iso8601("2000-02-29").ok());
  }

  TEST_CASE("csv: header, time column and numeric columns") {
    const Table table = read_ok("t,x,y\n0,1.5,-2\n10,3e2,+4\n", time_column("t"));
    CHECK(table.column_names == std::vector<std::string>{"x", "y"});
    CHECK(table.timestamps == std::vector<double>{0, 10});
    CHECK(table.columns[0] == std::vector<double>{1.5, 300});
    CHECK(table.columns[1] == std::vector<double>{-2, 4});
  }

  TEST_CASE("csv: without a time column the timestamps are row indices") {
    const Table table = read_ok(" a , b \n1,2\n3,4\n5,6");
    CHECK(table.column_names == std::vector<std::string>{"a", "b"});
    CHECK(table.timestamps == std::vector<double>{0, 1, 2});
    CHECK(table.columns[1] == std::vector<double>{2, 4, 6});
  }

  TEST_CASE("csv: quoted fields") {
    CsvOptions options;
    options.columns = {"value"};
    const Table table = read_ok(
        "label,value\n"
        "\"a, b\",1\n"
        "\"two\nlines\",2\n"
        "\"say \"\"hi\"\"\",3\n"
        "  \"padded\"  , \" 4.5 \"\n"
        "\"\",5\n",
        options);
    CHECK(table.column_names == std::vector<std::string>{"value"});
    CHECK(table.columns[0] == std::vector<double>{1, 2, 3, 4.5, 5});

    // Delimiters, line breaks and quotes inside a quoted header name.
    const Table names = read_ok("\"x, \"\"y\"\"\",\"multi\nline\"\n1,2\n");
    CHECK(names.column_names == std::vector<std::string>{"x, \"y\"", "multi\nline"});
  }

  TEST_CASE("csv: CRLF line ends parse like LF") {
    const std::string lf_text = "t,x\n0,1\n\"1\",\"2\"\n2,3\n";
    const std::string crlf_text = "t,x\r\n0,1\r\n\"1\",\"2\"\r\n2,3\r\n";
    CHECK(same_table(read_ok(lf_text, time_column("t")), read_ok(crlf_text, time_column("t"))));
    // Inside quotes a CR is data.
    CHECK(read_ok("\"a\r\nb\"\r\n1\r\n").column_names == std::vector<std::string>{"a\r\nb"});
  }

  TEST_CASE("csv: a UTF-8 BOM at the start is skipped") {
    const Table table = read_ok("\xEF\xBB\xBFt,x\n0,1\n", time_column("t"));
    CHECK(table.column_names == std::vector<std::string>{"x"});
    CHECK(table.timestamps == std::vector<double>{0});
  }

  TEST_CASE("csv: delimiter detection") {
    for (const char delimiter : {',', ';', '\t', '|'}) {
      CAPTURE(delimiter);
      std::string text = "a,b,c\n1,2,3\n4,5,6\n";
      for (char& c : text) c = c == ',' ? delimiter : c;
      const Table table = read_ok(text);
      CHECK(table.column_names == std::vector<std::string>{"a", "b", "c"});
      CHECK(table.columns[2] == std::vector<double>{3, 6});
    }
    // Only candidates outside quotes count.
    CHECK(read_ok("\"a,b,c\";d\n1;2\n").column_names == std::vector<std::string>{"a,b,c", "d"});
    // A tie, or no candidate at all, means ','.
    CHECK(read_ok("a|b;c\n1\n").column_names == std::vector<std::string>{"a|b;c"});
    CHECK(read_ok("a\n1\n").column_names == std::vector<std::string>{"a"});
    // An explicit delimiter wins over detection.
    CsvOptions options;
    options.delimiter = ';';
    CHECK(read_ok("x;y,z,w\n1;2\n", options).column_names ==
          std::vector<std::string>{"x", "y,z,w"});
  }

  TEST_CASE("csv: missing cells are NaN") {
    const Table table = read_ok(
        "t,x,y\n0,,1\n1,  ,2\n2,NA,3\n3,nan,4\n4,NULL,5\n5,NaN,6\n6,na,7\n7,\"\",8\n8,9,10\n",
        time_column("t"));
    REQUIRE(table.rows() == 9);
    for (std::size_t row = 0; row < 8; ++row) {
      CAPTURE(row);
      CHECK(std::isnan(table.columns[0][row]));
    }
    CHECK(table.columns[0][8] == 9);
    CHECK(table.columns[1] == std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 10});
  }

  TEST_CASE("csv: blank lines are skipped") {
    const Table table = read_ok("\n\r\n  \nt,x\n\n0,1\n   \n\r\n1,2\n\n", time_column("t"));
    CHECK(table.timestamps == std::vector<double>{0, 1});
    CHECK(table.columns[0] == std::vector<double>{1, 2});
    // With a tab delimiter a line of tabs is a record of empty cells, not blank.
    CsvOptions options;
    options.delimiter = '\t';
    const Table tabs = read_ok("a\tb\n\t\n1\t2\n", options);
    CHECK(tabs.rows() == 2);
    CHECK(std::isnan(tabs.columns[0][0]));
  }

  TEST_CASE("csv: column selection by name and index") {
    const std::string text = "a,b,c,d\n1,2,3,4\n5,6,7,8\n";
    CsvOptions by_name;
    by_name.columns = {"c", "a"};
    const Table named = read_ok(text, by_name);
    CHECK(named.column_names == std::vector<std::string>{"c", "a"});
    CHECK(named.columns[0] == std::vector<double>{3, 7});
    CHECK(named.columns[1] == std::vector<double>{1, 5});

    CsvOptions by_index;
    by_index.column_indices = {3, 1};
    const Table indexed = read_ok(text, by_index);
    CHECK(indexed.column_names == std::vector<std::string>{"d", "b"});
    CHECK(indexed.columns[0] == std::vector<double>{4, 8});

    CsvOptions time_by_index;
    time_by_index.time_column_index = 0;
    const Table timed = read_ok(text, time_by_index);
    CHECK(timed.column_names == std::vector<std::string>{"b", "c", "d"});
    CHECK(timed.timestamps == std::vector<double>{1, 5});

    const Table time_b = read_ok(text, time_column("b"));
    CHECK(time_b.column_names == std::vector<std::string>{"a", "c", "d"});
    CHECK(time_b.timestamps == std::vector<double>{2, 6});
  }

  TEST_CASE("csv: time formats") {
    const std::string iso = "time,x\n2024-03-10T01:30:00-05:00,1\n 2024-03-10 06:31 ,2\n";
    const Table automatic = read_ok(iso, time_column("time"));
    CHECK(automatic.timestamps == std::vector<double>{1710052200, 1710052260});
    CHECK(same_table(automatic, read_ok(iso, time_column("time", TimeFormat::iso8601))));

    // "1970" is a number in automatic mode and a year in ISO-8601 mode.
    const std::string years = "year,x\n1970,1\n1971,2\n";
    CHECK(read_ok(years, time_column("year")).timestamps == std::vector<double>{1970, 1971});
    CHECK(read_ok(years, time_column("year", TimeFormat::iso8601)).timestamps ==
          std::vector<double>{0, 365 * 86400.0});

    const auto error = read_error(iso, time_column("time", TimeFormat::number));
    CHECK(error.code == ErrorCode::csv_parse_error);
    CHECK(contains(error.message, "line 2, column 1 (time): time '2024-03-10T01:30:00-05:00'"));
  }

  TEST_CASE("csv: number syntax is the same on every target") {
    CsvOptions options;
    options.columns = {"x"};
    const Table table = read_ok("x\n+1\n-2.5e3\n.5\n5.\n0.1\n1E+2\n007\n1e-310\n-0\n", options);
    CHECK(table.columns[0][0] == 1.0);
    CHECK(table.columns[0][1] == -2500.0);
    CHECK(table.columns[0][2] == 0.5);
    CHECK(table.columns[0][3] == 5.0);
    CHECK(table.columns[0][4] == 0.1);
    CHECK(table.columns[0][5] == 100.0);
    CHECK(table.columns[0][6] == 7.0);
    CHECK(table.columns[0][7] == 1e-310);  // subnormal, still representable
    CHECK(std::signbit(table.columns[0][8]));

    for (const char* bad : {"1e400", "-1e400", "1e-400", "inf", "Infinity", "0x10", "1,5", "1e",
                            "e5", ".", "-", "--1", "1 2", "1.2.3", "12abc"}) {
      CAPTURE(bad);
      const auto error = read_error("x\n\"" + std::string(bad) + "\"\n", options);
      CHECK(error.code == ErrorCode::csv_parse_error);
      CHECK(contains(error.message, "line 2, column 1 (x): '" + std::string(bad) + "'"));
    }
  }

  TEST_CASE("csv: numbers are correctly rounded (round half to even)") {
    // Exact decimal expansions around doubles: the truth is IEEE 754's
    // round-to-nearest-even, so the expected values are written as bits.
    struct Case {
      const char* text;
      std::uint64_t bits;
    };
    const Case cases[] = {
        {"0.1", 0x3FB999999999999Aull},
        // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: to the even one.
        {"9007199254740993", 0x4340000000000000ull},
        {"9007199254740995", 0x4340000000000002ull},
        // 1 + 2^-53 exactly (halfway): down to 1; one digit more: up to 1 + 2^-52.
        {"1.00000000000000011102230246251565404236316680908203125", 0x3FF0000000000000ull},
        {"1.00000000000000011102230246251565404236316680908203126", 0x3FF0000000000001ull},
        // The largest subnormal neighbourhood that once hung Java and PHP.
        {"2.2250738585072011e-308", 0x000FFFFFFFFFFFFFull},
        {"2.2250738585072012e-308", 0x0010000000000000ull},
        {"1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFull},
        {"4.9406564584124654e-324", 0x0000000000000001ull},
    };
    CsvOptions options;
    options.columns = {"x"};
    for (const auto& c : cases) {
      CAPTURE(c.text);
      const Table table = read_ok("x\n" + std::string(c.text) + "\n", options);
      std::uint64_t bits = 0;  // no std::bit_cast in Emscripten 3.1.6's libc++
      std::memcpy(&bits, &table.columns[0][0], sizeof bits);
      CHECK(bits == c.bits);
    }
  }

  TEST_CASE("csv: parse errors name the line and column") {
    struct Case {
      std::string text;
      std::vector<std::string> columns;
      std::string message;
    };
    const Case cases[] = {
        {"t,x\n0,1\n1,abc\n", {}, "line 3, column 2 (x): 'abc' is not a number"},
        {"label,x\n\"two\nlines\",1\nz,oops\n", {"x"}, "line 4, column 2 (x): 'oops'"},
        {"a,b\n\n1,2\n3\n", {}, "line 4: expected 2 fields, found 1"},
        {"a,b\n1,2,3\n", {}, "line 2: expected 2 fields, found 3"},
        {"a,b\n1,\"2\n3,4\n", {}, "line 2, column 2 (b): unterminated quoted field"},
        {"a,b\n1,2\"3\n", {}, "line 2, column 2 (b): quote inside an unquoted field"},
        {"a,b\n1,\"2\"x\n", {}, "line 2, column 2 (b): unexpected text after a closing quote"},
        {"a,b\n1\r2,3\n", {}, "line 2, column 1 (a): carriage return without a line feed"},
        {"\"a\nb\",c\"\n", {}, "line 1, column 2: quote inside an unquoted field"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CsvOptions options;
      options.columns = c.columns;
      const auto error = read_error(c.text, options);
      CHECK(error.code == ErrorCode::csv_parse_error);
      CHECK(contains(error.message, c.message));
    }
  }

  TEST_CASE("csv: time cell errors") {
    auto error = read_error("t,x\n0,1\n,2\n", time_column("t"));
    CHECK(error.code == ErrorCode::csv_parse_error);
    CHECK(contains(error.message, "line 3, column 1 (t): missing time value"));

    error = read_error("x,t\n1,0\n2,NA\n", time_column("t"));
    CHECK(contains(error.message, "line 3, column 2 (t): missing time value 'NA'"));

    error = read_error("t,x\n2024-13-01,1\n", time_column("t"));
    CHECK(error.code == ErrorCode::csv_parse_error);
    CHECK(contains(error.message, "line 2, column 1 (t): invalid ISO-8601 timestamp '2024-13-01'"));
    CHECK(contains(error.message, "month 13"));
  }

  TEST_CASE("csv: unknown columns") {
    CsvOptions options;
    options.columns = {"x", "nope"};
    auto error = read_error("t,x\n0,1\n", options);
    CHECK(error.code == ErrorCode::missing_column);
    CHECK(contains(error.message, "'nope' (columns: t, x)"));

    options = {};
    options.column_indices = {2};
    error = read_error("t,x\n0,1\n", options);
    CHECK(error.code == ErrorCode::missing_column);
    CHECK(contains(error.message, "index 2 is out of range (2 columns)"));

    CHECK(read_error("t,x\n0,1\n", time_column("time")).code == ErrorCode::missing_column);
    options = {};
    options.time_column_index = 5;
    CHECK(read_error("t,x\n0,1\n", options).code == ErrorCode::missing_column);
  }

  TEST_CASE("csv: empty input") {
    for (const char* text : {"", "\n\n", "  \r\n", "\xEF\xBB\xBF", "a,b\n", "a,b", "a,b\n\n  \n"}) {
      CAPTURE(text);
      CHECK(read_error(text).code == ErrorCode::empty_input);
    }
  }

  TEST_CASE("csv: invalid options") {
    CsvOptions options;
    options.delimiter = ':';
    CHECK(read_error("a\n1\n", options).code == ErrorCode::invalid_argument);
    options = {};
    options.columns = {"a"};
    options.column_indices = {0};
    CHECK(read_error("a\n1\n", options).code == ErrorCode::invalid_argument);
    options = {};
    options.time_column = "a";
    options.time_column_index = 0;
    CHECK(read_error("a\n1\n", options).code == ErrorCode::invalid_argument);
  }

  TEST_CASE("csv: the first error is sticky") {
    CsvReader reader;
    CHECK(reader.feed("a,b\n1,2\n").ok());
    const auto first = reader.feed("3,x\n");
    REQUIRE_FALSE(first.ok());
    CHECK(contains(first.error().message, "line 3, column 2 (b): 'x'"));
    const auto later = reader.feed("5,6\n");
    REQUIRE_FALSE(later.ok());
    CHECK(later.error().message == first.error().message);
    const auto table = reader.finish();
    REQUIRE_FALSE(table.ok());
    CHECK(table.error().message == first.error().message);
  }

  TEST_CASE("csv: streaming in chunks of any size gives the same table") {
    const std::string text =
        "\xEF\xBB\xBF\r\n"
        "time;\"value; one\";\"two\r\n\"\"lines\"\"\";label\r\n"
        "\r\n"
        "2024-03-10T01:30:00-05:00;1.5;NA;\"a;b\"\r\n"
        "2024-03-10 06:31:00.25; \"2\" ;-3e-2;\"x\r\ny\"\"z\"\r\n"
        "  \r\n"
        "1710052300;;4;plain\r\n"
        "2024-03-10T06:32Z;5;null;\"\"";  // no final line end
    CsvOptions options;
    options.time_column = "time";
    options.column_indices = {1, 2};
    const Table whole = read_ok(text, options);
    REQUIRE(whole.rows() == 4);
    CHECK(whole.column_names == std::vector<std::string>{"value; one", "two\r\n\"lines\""});
    CHECK(whole.timestamps ==
          std::vector<double>{1710052200, 1710052260.25, 1710052300, 1710052320});
    CHECK(whole.columns[0][0] == 1.5);
    CHECK(std::isnan(whole.columns[0][2]));
    CHECK(whole.columns[1][1] == -0.03);
    for (std::size_t size = 1; size <= 17; ++size) {
      CAPTURE(size);
      const auto chunked = read_chunked(text, size, options);
      REQUIRE(chunked.ok());
      CHECK(same_table(*chunked, whole));
    }

    // Errors do not depend on the chunking either.
    const std::string bad = "a,b\r\n1,\"x\r\ny\"\r\n3,\"4\"\"\r\n";
    CsvOptions first_column;
    first_column.columns = {"a"};
    const auto whole_error = read_error(bad, first_column);
    CHECK(contains(whole_error.message, "line 4, column 2 (b): unterminated quoted field"));
    for (std::size_t size = 1; size <= 17; ++size) {
      CAPTURE(size);
      const auto chunked = read_chunked(bad, size, first_column);
      REQUIRE_FALSE(chunked.ok());
      CHECK(chunked.error().message == whole_error.message);
    }
  }

  TEST_CASE("tcpd: the Nile series") {
    const auto nile = read_tcpd(read_file(tcpd_path("nile")));
    REQUIRE(nile.ok());
    CHECK(nile->name == "nile");
    CHECK(nile->longname == "Nile Volume at Aswan");
    const Table& table = nile->table;
    REQUIRE(table.rows() == 100);
    CHECK(table.column_names == std::vector<std::string>{"Volume at Aswan"});
    REQUIRE(table.columns.size() == 1);
    CHECK(table.columns[0].front() == 1120);
    CHECK(table.columns[0].back() == 740);
    CHECK(table.timestamps == lf::signal::index_timestamps(100));
  }

  TEST_CASE("tcpd: every series of the development subset reads") {
    const std::pair<const char*, std::size_t> series[] = {
        {"bank", 581},
        {"businv", 330},
        {"centralia", 15},
        {"children_per_woman", 301},
        {"debt_ireland", 21},
        {"gdp_argentina", 59},
        {"gdp_croatia", 24},
        {"gdp_iran", 58},
        {"global_co2", 104},
        {"lga_passengers", 468},
        {"nile", 100},
        {"ozone", 54},
        {"quality_control_1", 313},
        {"quality_control_2", 283},
        {"quality_control_3", 366},
        {"quality_control_4", 500},
        {"quality_control_5", 325},
        {"rail_lines", 37},
        {"seatbelts", 192},
        {"shanghai_license", 205},
        {"uk_coal_employ", 105},
        {"us_population", 816},
    };
    for (const auto& entry : series) {
      const auto& [name, n_obs] = entry;
      CAPTURE(entry.first);
      const auto read = read_tcpd(read_file(tcpd_path(name)));
      REQUIRE(read.ok());
      CHECK(read->name == name);
      CHECK(read->table.rows() == n_obs);
      CHECK(read->table.columns.size() == 1);
    }
    // uk_coal_employ has two nulls.
    const auto coal = read_tcpd(read_file(tcpd_path("uk_coal_employ")));
    REQUIRE(coal.ok());
    std::size_t missing = 0;
    for (double v : coal->table.columns[0]) missing += std::isnan(v);
    CHECK(missing == 2);
  }

  TEST_CASE("tcpd: schema errors") {
    const auto doc = [](std::string_view n_obs, std::string_view index, std::string_view series) {
      return R"({"name":"s","n_obs":)" + std::string(n_obs) + R"(,"n_dim":1,"time":{"index":)" +
             std::string(index) + R"(},"series":)" + std::string(series) + "}";
    };
    const auto good =
        read_tcpd(doc("3", "[0,1,2]", R"([{"label":"v","type":"float","raw":[1,null,3]}])"));
    REQUIRE(good.ok());
    CHECK(good->longname.empty());
    CHECK(good->table.column_names == std::vector<std::string>{"v"});
    CHECK(std::isnan(good->table.columns[0][1]));
    CHECK(good->table.columns[0][2] == 3);

    const std::pair<std::string, std::string> cases[] = {
        {"[1,2]", "the top level must be an object"},
        {R"({"n_obs":1})", "name must be a string"},
        {R"({"name":"s","longname":3})", "longname must be a string"},
        {R"({"name":"s","n_obs":-1,"n_dim":1})", "n_obs must be a non-negative integer"},
        {R"({"name":"s","n_obs":1.5,"n_dim":1})", "n_obs must be a non-negative integer"},
        {R"({"name":"s","n_obs":1})", "n_dim must be a non-negative integer"},
        {R"({"name":"s","n_obs":1,"n_dim":1,"time":[]})", "time must be an object"},
        {doc("3", "{}", "[]"), "time.index must be an array"},
        {doc("3", "[0,1]", "[]"), "time.index has 2 values, n_obs is 3"},
        {doc("3", "[0,null,2]", "[]"), "time.index[1] must be a number"},
        {doc("3", "[0,1,2]", "{}"), "series must be an array"},
        {doc("3", "[0,1,2]", "[]"), "series has 0 entries, n_dim is 1"},
        {doc("3", "[0,1,2]", "[1]"), "series[0] must be an object"},
        {doc("3", "[0,1,2]", R"([{"raw":[1,2,3]}])"), "series[0].label must be a string"},
        {doc("3", "[0,1,2]", R"([{"label":"v"}])"), "series[0].raw must be an array"},
        {doc("3", "[0,1,2]", R"([{"label":"v","raw":[1,2]}])"),
         "series[0].raw has 2 values, n_obs is 3"},
        {doc("3", "[0,1,2]", R"([{"label":"v","raw":[1,"2",3]}])"),
         "series[0].raw[1] must be a number or null"},
    };
    for (const auto& entry : cases) {
      const auto& [text, message] = entry;
      CAPTURE(entry.first);
      const auto read = read_tcpd(text);
      REQUIRE_FALSE(read.ok());
      CHECK(read.error().code == ErrorCode::schema_error);
      CHECK(contains(read.error().message, message));
    }

    CHECK(read_tcpd(doc("0", "[]", "[]")).error().code == ErrorCode::empty_input);
    for (const char* malformed : {"", "{", R"({"name":})", "[1,2", "{\"a\":1}x", "nul"}) {
      CAPTURE(malformed);
      CHECK(read_tcpd(malformed).error().code == ErrorCode::json_parse_error);
    }
  }
}
