#ifndef RNGCERT_CFFTW_SHIM_H
#define RNGCERT_CFFTW_SHIM_H
// FFTW 3 (double precision): the real-to-complex transform behind the SP 800-22 spectral test.
#include <fftw3.h>
#endif
