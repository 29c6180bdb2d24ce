/* pac-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-error.h"

G_DEFINE_QUARK (pac - error - quark, pac_error)
