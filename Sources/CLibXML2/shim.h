#ifndef PERFSITE_CLIBXML2_SHIM_H
#define PERFSITE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system ICU headers, whose
// UErrorCode clashes with the ICU that Foundation bundles ("has different definitions in
// different modules"). Reading xmlversion.h first and undefining LIBXML_ICU_ENABLED hides only the
// trailing uconv fields of xmlCharEncodingHandler, which perfsite never allocates or touches.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#endif
