/* coldbss.h - zeroed storage that most supervisors never touch, kept
 * apart from the variables every one of them writes.
 *
 * An idle runsv's private memory is counted in pages (bench figure 1).
 * The linker lays .bss out in link order, so a 16 KiB buffer that only
 * prefixed output uses can sit between two variables every runsv writes
 * and spread them over one more page. COLDBSS puts a variable in .lbss,
 * which GNU ld's x86-64 script places after every .bss variable: the hot
 * ones then share as few pages as they can, and the cold ones cost a page
 * only once they are used. Elsewhere (another architecture, clang) it is
 * nothing, and the variable stays in .bss, as correct and a page or two
 * heavier.
 */
#ifndef SV_COLDBSS_H
#define SV_COLDBSS_H

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define COLDBSS __attribute__((section(".lbss")))
#else
#define COLDBSS
#endif

#endif
