#include "cli/pcs_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/verify_cli_io.hpp"
#include "lf/api/dispatch.hpp"
#include "lf/verify/pcs_builder.hpp"

namespace lf::cli {
namespace {

using nlohmann::json;

// The current UTC time in RFC 3339, to the second: the CLI is the clock the
// core does not read.
std::string now_rfc3339() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Result<verify::SigningKey> signing_key(const PcsOptions& options) {
  if (!options.ed25519_key_file.empty()) {
    auto seed = read_seed_file(options.ed25519_key_file);
    if (!seed) return std::move(seed).error();
    return verify::SigningKey::ed25519(*seed);
  }
  return verify::SigningKey::hmac(options.hmac_key);
}

int build(const PcsOptions& options, std::ostream& out, std::ostream& err) {
  auto csv = read_whole_file(options.file);
  if (!csv) return report(err, "pcs build", csv.error());
  verify::PcsBuildOptions build;
  build.shard_id = options.shard;
  build.epoch = options.epoch;
  build.seed = options.seed;
  build.sent_at = options.sent_at.empty() ? now_rfc3339() : options.sent_at;
  if (!options.hmac_key.empty() || !options.ed25519_key_file.empty()) {
    auto key = signing_key(options);
    if (!key) return report(err, "pcs build", key.error());
    build.key = std::move(*key);
  }
  auto built = verify::build_pcs(*csv, build);
  if (!built) return report(err, "pcs build", built.error());
  out << verify::write_pcs(built->pcs) << "\n";
  return 0;
}

int sign(const PcsOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "pcs sign", text.error());
  auto pcs = verify::parse_pcs(*text);
  if (!pcs) return report(err, "pcs sign", pcs.error());
  auto key = signing_key(options);
  if (!key) return report(err, "pcs sign", key.error());
  if (auto s = verify::sign_pcs(*pcs, *key); !s) return report(err, "pcs sign", s.error());
  out << verify::write_pcs(*pcs) << "\n";
  return 0;
}

void print_verdict(const json& verdict, std::ostream& out) {
  const std::string reason = verdict.value("reason", "");
  const std::string outcome = !verdict.value("accepted", false)   ? "rejected"
                              : verdict.value("escalated", false) ? "escalated"
                                                                  : "accepted";
  out << outcome << ": " << verdict.value("pcs_id", "") << " (" << reason << ")\n";
  if (!verdict.value("detail", "").empty()) out << "  " << verdict.value("detail", "") << "\n";
  out << "  signature: " << verdict.value("signature", "") << "\n";
  for (const char* key : {"recomputed_D_hat", "recomputed_budget"}) {
    if (verdict.contains(key) && verdict[key].is_number()) {
      out << "  " << key << ": " << verdict[key].dump() << "\n";
    }
  }
}

int verify_pcs(const PcsOptions& options, std::ostream& out, std::ostream& err) {
  auto text = read_whole_file(options.file);
  if (!text) return report(err, "pcs verify", text.error());
  json request = {{"pcs", *text}, {"mode", options.compat ? "compat" : "strict"}};
  if (!options.hmac_key.empty()) {
    request["key"] = {{"algorithm", "hmac-sha256"}, {"secret", options.hmac_key}};
  } else if (!options.ed25519_public_key.empty()) {
    request["key"] = {{"algorithm", "ed25519"}, {"public_key", options.ed25519_public_key}};
  }
  // Invalid UTF-8 in the file is replaced (and then fails verification)
  // rather than stopping the serialisation.
  const api::Response response = api::dispatch(
      "pcs/verify", request.dump(-1, ' ', false, json::error_handler_t::replace));
  const json body = json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    err << "lf pcs verify: " << body["error"]["message"].get<std::string>() << " ["
        << body["error"]["code"].get<std::string>() << "]\n";
    return 1;
  }
  if (options.json || options.compat) {
    out << response.body << (options.compat ? "" : "\n");
  } else {
    print_verdict(body, out);
  }
  return response.status == 200 ? 0 : 1;
}

}  // namespace

PcsCommand add_pcs_command(CLI::App& app, PcsOptions& options) {
  PcsCommand command;
  command.command = app.add_subcommand("pcs", "Build, sign and verify Fractal-LBA PCS records");
  command.command->require_subcommand(1);

  command.build =
      command.command->add_subcommand("build", "Build a PCS from a timestamp,x,y,z CSV");
  command.build->add_option("file", options.file, "CSV with columns timestamp,x,y,z")
      ->required()
      ->check(CLI::ExistingFile);
  command.build->add_option("--shard", options.shard, "shard id")->required();
  command.build->add_option("--epoch", options.epoch, "epoch (>= 0)")->required();
  command.build->add_option("--seed", options.seed, "coherence seed, 0 to 2^32-1 (default 42)");
  command.build->add_option("--sent-at", options.sent_at, "RFC 3339 send time (default: now)");
  auto* build_hmac = command.build->add_option("--hmac-key", options.hmac_key,
                                               "sign with HMAC-SHA256 and this secret");
  command.build
      ->add_option("--ed25519-key", options.ed25519_key_file,
                   "sign with Ed25519: file holding the base64 32-byte seed")
      ->check(CLI::ExistingFile)
      ->excludes(build_hmac);

  command.sign = command.command->add_subcommand("sign", "Sign (or re-sign) a PCS record");
  command.sign->add_option("file", options.file, "PCS JSON")->required()->check(CLI::ExistingFile);
  auto* sign_hmac = command.sign->add_option("--hmac-key", options.hmac_key, "HMAC-SHA256 secret");
  auto* sign_ed = command.sign
                      ->add_option("--ed25519-key", options.ed25519_key_file,
                                   "file holding the base64 32-byte Ed25519 seed")
                      ->check(CLI::ExistingFile)
                      ->excludes(sign_hmac);
  command.sign->callback([sign_hmac, sign_ed] {
    if (sign_hmac->count() == 0 && sign_ed->count() == 0) {
      throw CLI::ValidationError("--hmac-key or --ed25519-key", "a signing key is required");
    }
  });

  command.verify = command.command->add_subcommand(
      "verify", "Verify a PCS record; exit 0 only when accepted and not escalated");
  command.verify->add_option("file", options.file, "PCS JSON")
      ->required()
      ->check(CLI::ExistingFile);
  auto* verify_hmac =
      command.verify->add_option("--hmac-key", options.hmac_key, "HMAC-SHA256 secret");
  command.verify
      ->add_option("--ed25519-pub", options.ed25519_public_key,
                   "base64 Ed25519 public key (32 bytes)")
      ->excludes(verify_hmac);
  command.verify->add_flag("--json", options.json, "print the API's JSON verdict");
  command.verify->add_flag("--compat", options.compat,
                           "answer exactly as the reference server would (body as it sends it)");
  return command;
}

int run_pcs(const PcsCommand& command, const PcsOptions& options, std::ostream& out,
            std::ostream& err) {
  if (command.build->parsed()) return build(options, out, err);
  if (command.sign->parsed()) return sign(options, out, err);
  return verify_pcs(options, out, err);
}

}  // namespace lf::cli
