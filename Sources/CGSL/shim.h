#ifndef RNGCERT_CGSL_SHIM_H
#define RNGCERT_CGSL_SHIM_H
// The parts of GSL rngcert uses: special functions, distributions, real FFT.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_result.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fft_real.h>
#endif
