// SHA-256's compression function by hand, because no library here lets a caller keep and restore
// the hash state between calls: swift-crypto's SHA256 hides it, and its BoringSSL is internal to
// the package. A rebuild needs that state to hash a site-wide open-data file from where it first
// differs from the previous build's, instead of from its first byte (OpenDataStreams).
//
// The x86 path follows Intel's published use of the SHA extensions (sha256rnds2, sha256msg1,
// sha256msg2), as in Jeffrey Walton's public-domain SHA-Intrinsics; the portable path is FIPS
// 180-4 §6.2.2 as written. Tests compare both with swift-crypto on random inputs.

#include "sha256_blocks.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define PERFSITE_SHA256_X86 1
#endif

static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotate_right(uint32_t value, int count) {
    return (value >> count) | (value << (32 - count));
}

void perfsite_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    uint32_t schedule[64];
    for (; blocks > 0; blocks--, data += 64) {
        for (int t = 0; t < 16; t++) {
            schedule[t] = (uint32_t)data[4 * t] << 24 | (uint32_t)data[4 * t + 1] << 16
                | (uint32_t)data[4 * t + 2] << 8 | (uint32_t)data[4 * t + 3];
        }
#pragma clang loop unroll(full)
        for (int t = 16; t < 64; t++) {
            uint32_t before15 = schedule[t - 15], before2 = schedule[t - 2];
            uint32_t sigma0 = rotate_right(before15, 7) ^ rotate_right(before15, 18) ^ (before15 >> 3);
            uint32_t sigma1 = rotate_right(before2, 17) ^ rotate_right(before2, 19) ^ (before2 >> 10);
            schedule[t] = schedule[t - 16] + sigma0 + schedule[t - 7] + sigma1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
#pragma clang loop unroll(full)
        for (int t = 0; t < 64; t++) {
            uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
            uint32_t choice = (e & f) ^ (~e & g);
            uint32_t first = h + sum1 + choice + round_constants[t] + schedule[t];
            uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
            uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            uint32_t second = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + first;
            d = c;
            c = b;
            b = a;
            a = first + second;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#if PERFSITE_SHA256_X86
__attribute__((target("sha,sse4.1,ssse3"))) static void sha256_blocks_x86(
    uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The instructions keep the state as ABEF and CDGH.
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        // The message schedule four words at a time: words[i % 4] holds words 4i…4i+3.
        __m128i words[4];
#pragma clang loop unroll(full)
        for (int group = 0; group < 16; group++) {
            __m128i current;
            if (group < 4) {
                current = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * group)), byte_order);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], for t = 4·group …
                current = _mm_sha256msg1_epu32(words[group & 3], words[(group + 1) & 3]);
                current = _mm_add_epi32(current, _mm_alignr_epi8(words[(group + 3) & 3], words[(group + 2) & 3], 4));
                current = _mm_sha256msg2_epu32(current, words[(group + 3) & 3]);
            }
            words[group & 3] = current;
            __m128i scheduled =
                _mm_add_epi32(current, _mm_load_si128((const __m128i *)&round_constants[4 * group]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, scheduled);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(scheduled, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

static int has_sha_extensions(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return ssse3 && sse41 && ((ebx >> 29) & 1);
}
#endif

int perfsite_sha256_accelerated(void) {
#if PERFSITE_SHA256_X86
    // Asked once; threads that race to ask it first all store the same answer.
    static int answer = -1;
    int known = __atomic_load_n(&answer, __ATOMIC_RELAXED);
    if (known < 0) {
        known = has_sha_extensions();
        __atomic_store_n(&answer, known, __ATOMIC_RELAXED);
    }
    return known;
#else
    return 0;
#endif
}

void perfsite_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
#if PERFSITE_SHA256_X86
    if (perfsite_sha256_accelerated()) {
        sha256_blocks_x86(state, data, blocks);
        return;
    }
#endif
    perfsite_sha256_blocks_portable(state, data, blocks);
}
