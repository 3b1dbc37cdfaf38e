#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

// The system SQLite (libsqlite3-dev): Anki packages are SQLite files.
#include <sqlite3.h>

#endif
