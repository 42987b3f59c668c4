// Streaming CSV reader. The core does no I/O, so this is a push parser: the
// caller feeds chunks cut anywhere (mid-field, mid-quote, between CR and LF)
// and gets the Table at the end. Only the record being parsed and the numbers
// already parsed are kept, never the input text.
//
// Format: RFC 4180 (quoted fields with doubled quotes, delimiters and line
// breaks inside quotes), LF or CRLF line ends (a CR elsewhere outside quotes
// is an error), a UTF-8 BOM at the start is skipped, blank lines (nothing but
// spaces, and tabs unless tab is the delimiter) are skipped. The first record
// is the header; names are trimmed of surrounding spaces. Spaces around a
// quoted field are ignored.
//
// Cells of the chosen numeric columns are decimal numbers,
// [+-]digits[.digits][(e|E)[+-]digits] with surrounding spaces allowed, or
// missing: empty, only spaces, or NA / NaN / null in any case. A missing cell
// becomes a quiet NaN. Inf, hex and numbers beyond a double's range (or so
// small they would round to zero) are errors, identically on every target.
//
// Errors (the message names the 1-based line where the record starts and the
// 1-based column, and quotes the offending text):
//   csv_parse_error: malformed quoting, unterminated quote, a record with the
//     wrong number of fields, a non-number in a numeric column, a missing or
//     unparsable time cell;
//   missing_column: a requested column name or index the header does not have;
//   empty_input: no header, or a header and no records;
//   invalid_argument: contradictory or unsupported options.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/signal/series.hpp"

namespace lf::signal {

enum class TimeFormat : std::uint8_t {
  automatic,  // a number if the cell parses as one, else ISO-8601
  number,
  iso8601,  // seconds since the Unix epoch (parse_iso8601)
};

struct CsvOptions {
  // ',', ';', '\t' or '|'; '\0' detects it from the header line: the
  // candidate occurring most often outside quotes, ',' on a tie.
  char delimiter = '\0';
  // The numeric columns, by name or by 0-based index (at most one of the two).
  // Both empty: every column except the time column.
  std::vector<std::string> columns;
  std::vector<std::size_t> column_indices;
  // The time column, by name or by 0-based index (at most one of the two).
  // Neither: the timestamps are the row indices 0, 1, 2, ...
  std::optional<std::string> time_column;
  std::optional<std::size_t> time_column_index;
  TimeFormat time_format = TimeFormat::automatic;
};

class CsvReader {
 public:
  explicit CsvReader(CsvOptions options = {});

  // Parses the next piece of the input. The first error is sticky: it is
  // returned by this and every later call, and by finish().
  Status feed(std::string_view chunk);

  // Ends the input and hands over the table. The reader is spent afterwards.
  Result<Table> finish();

  // The header's trimmed column names, once the header record has been read
  // (empty before), so a UI can offer the columns even when a record fails.
  const std::vector<std::string>& header() const noexcept { return header_; }

 private:
  enum class Phase : std::uint8_t { header_line, records, finished };
  enum class FieldState : std::uint8_t { start, unquoted, quoted, quote_in_quoted, after_quoted };

  Status consume(std::string_view chunk);
  Status consume_header_line(std::string_view& chunk);
  Status start_records();
  Status finish_input();
  Status tokenize(std::string_view text);
  Status tokenize_char(char c);
  Status separator(char c);
  void end_field();
  Status end_record();
  Status read_header();
  Status read_row();
  Result<std::size_t> resolve_column(std::string_view name) const;
  Result<std::size_t> resolve_column(std::size_t index) const;
  Result<double> read_time(std::string_view cell, std::size_t field_index) const;
  std::string_view field(std::size_t index) const;
  Error parse_error(std::size_t field_index, const std::string& what) const;

  CsvOptions options_;
  std::optional<Error> error_;
  Phase phase_ = Phase::header_line;

  // Header phase: the raw first non-blank line, buffered whole because the
  // delimiter is detected from it before it is tokenized.
  std::string header_line_;
  bool header_in_quotes_ = false;

  // Tokenizer: the current record's fields, concatenated, and where each ends.
  char delimiter_ = ',';
  FieldState state_ = FieldState::start;
  bool pending_cr_ = false;     // a CR outside quotes, which must precede a LF
  bool record_quoted_ = false;  // the current record has a quoted field
  std::string record_;
  std::vector<std::size_t> field_ends_;
  std::size_t line_ = 1;         // physical line of the next character
  std::size_t record_line_ = 1;  // physical line the current record started on

  // Output.
  std::vector<std::string> header_;    // trimmed names; empty until the header is read
  std::vector<std::size_t> selected_;  // the field index of each table column
  std::optional<std::size_t> time_field_;
  Table table_;
};

// Reads a whole CSV text in one go (a CsvReader fed once).
Result<Table> read_csv(std::string_view text, const CsvOptions& options = {});

}  // namespace lf::signal
