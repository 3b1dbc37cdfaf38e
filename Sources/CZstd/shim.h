#ifndef CZSTD_SHIM_H
#define CZSTD_SHIM_H

// The system zstd (libzstd-dev): current Anki packages compress their collection with it.
#include <zstd.h>

#endif
