// The two decimal roundings the reference agent applies, reproduced exactly.
#pragma once

namespace lf::verify {

// Python's round(x, decimals) for 0 <= decimals <= 17: the nearest decimal
// with that many fractional digits to the exact binary value of x (ties to
// even), read back as a double. Used for every PCS signal.
double python_round(double x, int decimals);

// float(Decimal(repr(x)).quantize(Decimal(10^-decimals), ROUND_HALF_UP)):
// rounds the shortest decimal text of x half away from zero. Used for the
// four floats of the PCS signature payload. x must be finite.
double round_half_up_repr(double x, int decimals);

}  // namespace lf::verify
