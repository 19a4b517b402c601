// The wide-character ncurses API, with accessors for what Swift cannot import:
// macros (attributes, getmaxyx) and shared mutable globals (stdscr, LINES, COLS,
// COLORS), which Swift 6 refuses as unsafe shared state.
#ifndef TELLTALE_CNCURSES_SHIM_H
#define TELLTALE_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_lc_all(void) { return LC_ALL; }

#endif
