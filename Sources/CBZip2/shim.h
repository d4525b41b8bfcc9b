#ifndef RNGCERT_CBZIP2_SHIM_H
#define RNGCERT_CBZIP2_SHIM_H
// libbz2 (Debian libbz2-dev ships no bzip2.pc, so the module map links "bz2" directly).
#include <bzlib.h>
#endif
