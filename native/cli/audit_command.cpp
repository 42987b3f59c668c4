#include "cli/audit_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/verify_cli_io.hpp"
#include "lf/api/dispatch.hpp"
#include "storage/audit_log_file.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

int verify_log(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "audit verify", text.error());
  json request = {{"log", *text}};
  if (!options.public_key.empty()) request["public_key"] = options.public_key;
  if (!options.expected_head.empty()) request["expected_head"] = options.expected_head;
  if (options.expected_records) request["expected_records"] = *options.expected_records;
  // The log may hold any bytes; invalid UTF-8 must not stop the request.
  const api::Response response =
      api::dispatch("audit/verify", request.dump(-1, ' ', false, json::error_handler_t::replace));
  const json body = json::parse(response.body, nullptr, false);
  if (body.contains("error")) {
    err << "lf audit verify: " << body["error"]["message"].get<std::string>() << " ["
        << body["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json) {
    out << response.body << "\n";
  } else if (body["intact"].get<bool>()) {
    out << "intact: " << body["records"] << " records (" << body["checkpoints"]
        << " checkpoints), head " << body["head"].get<std::string>() << "\n";
  } else {
    const json& bad = body["first_bad"];
    out << "damaged at line " << bad["line"] << ": " << bad["reason"].get<std::string>() << " ("
        << bad["detail"].get<std::string>() << "); " << body["records"]
        << " records before it are intact\n";
  }
  return response.status == 200 ? 0 : 1;
}

int append_record(const AuditOptions& options, std::ostream& out, std::ostream& err) {
  auto file = storage::AuditLogFile::open(options.file);
  if (!file) return report(err, "audit append", file.error());
  if (auto s = file->append(options.data); !s) return report(err, "audit append", s.error());
  if (!options.checkpoint_key_file.empty()) {
    auto seed = read_seed_file(options.checkpoint_key_file);
    if (!seed) return report(err, "audit append", seed.error());
    if (auto s = file->checkpoint(verify::ed25519_keypair_from_seed(*seed)); !s) {
      return report(err, "audit append", s.error());
    }
  }
  out << file->chain().records() << " records, head " << file->chain().head() << "\n";
  return 0;
}

}  // namespace

AuditCommand add_audit_command(CLI::App& app, AuditOptions& options) {
  AuditCommand command;
  command.command = app.add_subcommand("audit", "Verify and append to a hash-chained audit log");
  command.command->require_subcommand(1);

  command.verify = command.command->add_subcommand(
      "verify", "Check the chain; exit 0 only when intact, else name the first bad line");
  command.verify->add_option("log", options.file, "audit log file")
      ->required()
      ->check(CLI::ExistingFile);
  command.verify->add_option("--public-key", options.public_key,
                             "base64 Ed25519 key every checkpoint must be signed with");
  command.verify->add_option("--expected-head", options.expected_head,
                             "hash the last record must have (detects dropped records)");
  command.verify->add_option("--expected-records", options.expected_records,
                             "number of records the log must have at least");
  command.verify->add_flag("--json", options.json, "print the API's JSON report");

  command.append = command.command->add_subcommand("append", "Append one JSON record (fsync'd)");
  command.append->add_option("log", options.file, "audit log file (created if missing)")
      ->required();
  command.append->add_option("json", options.data, "the record's data, any JSON value")->required();
  command.append
      ->add_option("--checkpoint-key", options.checkpoint_key_file,
                   "then append a checkpoint signed with this Ed25519 seed file (base64)")
      ->check(CLI::ExistingFile);
  return command;
}

int run_audit(const AuditCommand& command, const AuditOptions& options, std::ostream& out,
              std::ostream& err) {
  if (command.append->parsed()) return append_record(options, out, err);
  return verify_log(options, out, err);
}

}  // namespace lf::cli
