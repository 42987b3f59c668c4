#include "cli/receipt_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/verify_cli_io.hpp"
#include "lf/verify/encoding.hpp"
#include "lf/verify/receipt.hpp"

namespace lf::cli {
namespace {

int sign(const ReceiptOptions& options, std::ostream& out, std::ostream& err) {
  auto subject = read_whole_file(options.file);
  if (!subject) return report(err, "receipt sign", subject.error());
  verify::ReceiptContent content;
  content.subject_json = std::move(*subject);
  content.algorithm_name = options.algorithm;
  content.algorithm_version = options.algorithm_version;
  if (!options.input_file.empty()) {
    auto input = read_whole_file(options.input_file);
    if (!input) return report(err, "receipt sign", input.error());
    auto digest = verify::input_digest(*input);
    if (!digest) return report(err, "receipt sign", digest.error());
    content.input_digest = std::move(*digest);
  } else {
    content.input_digest = options.input_digest;
  }
  if (!options.issued_at.empty()) content.issued_at = options.issued_at;
  auto seed = read_seed_file(options.key_file);
  if (!seed) return report(err, "receipt sign", seed.error());
  auto receipt = verify::sign_receipt(content, verify::ed25519_keypair_from_seed(*seed));
  if (!receipt) return report(err, "receipt sign", receipt.error());
  out << *receipt << "\n";
  return 0;
}

int verify_receipt(const ReceiptOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "receipt verify", text.error());
  std::optional<verify::Ed25519PublicKey> pinned;
  if (!options.public_key.empty()) {
    auto key = verify::fixed_from_base64<32>(options.public_key, "--public-key");
    if (!key) return report(err, "receipt verify", key.error());
    pinned = *key;
  }
  auto check = verify::verify_receipt(*text, pinned);
  if (!check) return report(err, "receipt verify", check.error());
  if (options.json) {
    const nlohmann::json body = {{"valid", check->valid},
                                 {"reason", check->reason},
                                 {"public_key", check->public_key},
                                 {"key_pinned", check->key_pinned}};
    out << body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    out << (check->valid ? "valid" : "invalid") << " (" << check->reason << "), signed by "
        << check->public_key << (check->key_pinned ? " (pinned)" : " (not pinned)") << "\n";
  }
  return check->valid ? 0 : 1;
}

}  // namespace

ReceiptCommand add_receipt_command(CLI::App& app, ReceiptOptions& options) {
  ReceiptCommand command;
  command.command = app.add_subcommand("receipt", "Sign and verify receipts for results");
  command.command->require_subcommand(1);

  command.sign = command.command->add_subcommand("sign", "Sign a result (any JSON) as a receipt");
  command.sign->add_option("subject", options.file, "the result, a JSON file")
      ->required()
      ->check(CLI::ExistingFile);
  command.sign->add_option("--algorithm", options.algorithm, "algorithm name")->required();
  command.sign->add_option("--algorithm-version", options.algorithm_version, "algorithm version")
      ->required();
  auto* input = command.sign
                    ->add_option("--input", options.input_file,
                                 "the input (JSON file), digested as sha256 of its JCS form")
                    ->check(CLI::ExistingFile);
  auto* digest = command.sign->add_option("--input-digest", options.input_digest,
                                          "the input's digest, sha256:<64 hex>");
  input->excludes(digest);
  command.sign->add_option("--key", options.key_file, "Ed25519 seed file (base64 of 32 bytes)")
      ->required()
      ->check(CLI::ExistingFile);
  command.sign->add_option("--issued-at", options.issued_at, "RFC 3339 time to record");
  command.sign->callback([input, digest] {
    if (input->count() == 0 && digest->count() == 0) {
      throw CLI::ValidationError("--input or --input-digest", "the input is required");
    }
  });

  command.verify = command.command->add_subcommand(
      "verify", "Verify a receipt; exit 0 only when its signature holds");
  command.verify->add_option("receipt", options.file, "receipt JSON file")
      ->required()
      ->check(CLI::ExistingFile);
  command.verify->add_option("--public-key", options.public_key,
                             "base64 Ed25519 key the receipt must be signed with");
  command.verify->add_flag("--json", options.json, "print the result as JSON");
  return command;
}

int run_receipt(const ReceiptCommand& command, const ReceiptOptions& options, std::ostream& out,
                std::ostream& err) {
  if (command.sign->parsed()) return sign(options, out, err);
  return verify_receipt(options, out, err);
}

}  // namespace lf::cli
