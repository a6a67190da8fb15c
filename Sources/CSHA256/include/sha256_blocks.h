#ifndef PERFSITE_SHA256_BLOCKS_H
#define PERFSITE_SHA256_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function over `blocks` 64-byte blocks of `data`, updating the
/// eight-word chaining value `state` in place: the part of SHA-256 whose state a caller can keep.
/// Uses the x86 SHA extensions where the processor has them, and portable C elsewhere.
void perfsite_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The same with the portable C only, whatever the processor: for tests to compare the two.
void perfsite_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Whether `perfsite_sha256_blocks` uses the processor's SHA instructions.
int perfsite_sha256_accelerated(void);

#endif
