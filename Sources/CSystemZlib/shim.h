#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

// The system zlib (zlib1g-dev): the deflated members of a zip file (Anki packages).
#include <zlib.h>

#endif
