// GpioBackend over a real GPIO chip with libgpiod 1.6 (the character device
// /dev/gpiochipN; Debian's libgpiod-dev). Lines are requested under the
// consumer name "lf-gpio", so `gpioinfo` shows who holds them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gpio/gpio_backend.hpp"

struct gpiod_chip;
struct gpiod_line;

namespace lf::gpio {

class LibgpiodBackend final : public GpioBackend {
 public:
  // Opens `chip` by name ("gpiochip0"), path ("/dev/gpiochip0"), label
  // ("pinctrl-bcm2711") or number ("0"). device_error naming the chip and
  // the system's reason when it cannot be opened (e.g. no such chip).
  static Result<std::unique_ptr<LibgpiodBackend>> open(const std::string& chip);

  ~LibgpiodBackend() override;
  LibgpiodBackend(const LibgpiodBackend&) = delete;
  LibgpiodBackend& operator=(const LibgpiodBackend&) = delete;

  std::string describe() const override;
  Status request_input(const InputLine& line) override;
  Status request_output(const OutputLine& line) override;
  Result<bool> read(unsigned offset) override;
  Status write(unsigned offset, bool value) override;
  Result<std::vector<EdgeEvent>> wait_edges(std::chrono::milliseconds timeout) override;
  std::vector<int> event_fds() const override;

 private:
  struct Requested {
    unsigned offset;
    gpiod_line* line;
    bool input;
  };

  LibgpiodBackend(std::string chip_name, gpiod_chip* chip)
      : chip_name_(std::move(chip_name)), chip_(chip) {}

  Result<gpiod_line*> free_line(unsigned offset, std::string_view purpose);
  const Requested* find(unsigned offset) const;
  Error failure(std::string_view what, unsigned offset) const;

  std::string chip_name_;
  gpiod_chip* chip_;
  std::vector<Requested> requested_;
};

}  // namespace lf::gpio
