/* centinela.h - the umbrella header of the Centinela library. */
#ifndef CENTINELA_H
#define CENTINELA_H

#include "centinela/core.h"
#include "centinela/io.h"
#include "centinela/entity.h"
#include "centinela/txn.h"
#include "centinela/alert.h"

#endif
