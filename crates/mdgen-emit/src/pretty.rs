//! The line-breaking algorithm of prettyplease, so that [`crate::syntax`] lays out code exactly as
//! `prettyplease::unparse` would without building a syntax tree first.
//!
//! Adapted from prettyplease 0.2.37 (`src/algorithm.rs`, `src/ring.rs`, `src/convenience.rs`;
//! MIT OR Apache-2.0, by David Tolnay), itself adapted from rustc's `pp.rs`: Oppen's algorithm.
//! Text is scanned as strings, breaks and begin/end of boxes; a box whose content (up to the
//! next break after it) does not fit in what is left of the line is broken: every break of a
//! consistent box becomes a newline, a break of an inconsistent one only where the text up to the
//! next break would not fit.

use std::borrow::Cow;
use std::collections::VecDeque;

/// The width prettyplease fills lines to: a line no longer than this is never broken.
pub const MARGIN: isize = 89;
/// The least room a line is given however deep its indentation.
const MIN_SPACE: isize = 60;
/// The size of what cannot fit: a hard break.
const SIZE_INFINITY: isize = 0xffff;
/// One level of indentation.
pub const INDENT: isize = 4;

#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    Consistent,
    Inconsistent,
}

/// A place the line may break: `blank_space` spaces when it does not.
#[derive(Clone, Copy, Default)]
pub struct BreakToken {
    pub offset: isize,
    pub blank_space: usize,
    /// Printed before the newline when the line breaks here.
    pub pre_break: Option<char>,
    /// Printed after the newline (and indentation) when the line breaks here.
    pub post_break: &'static str,
    /// Printed instead when the line does not break here.
    pub no_break: Option<char>,
    /// Dropped when it directly precedes the end of its box.
    pub if_nonempty: bool,
    pub never_break: bool,
}

#[derive(Clone, Copy)]
struct BeginToken {
    offset: isize,
    breaks: Breaks,
}

enum Token<'a> {
    String(Cow<'a, str>),
    Break(BreakToken),
    Begin(BeginToken),
    End,
}

#[derive(Clone, Copy)]
enum PrintFrame {
    Fits,
    Broken(usize, Breaks),
}

struct BufEntry<'a> {
    token: Token<'a>,
    size: isize,
}

/// Lays out scanned tokens into text.
pub struct Printer<'a> {
    out: String,
    /// Columns left on the line.
    space: isize,
    /// Tokens not yet printed, with their sizes once known; `offset` is the index of the first.
    buf: VecDeque<BufEntry<'a>>,
    offset: usize,
    /// Total size of the tokens already printed.
    left_total: isize,
    /// Total size of the tokens scanned.
    right_total: isize,
    /// Indexes into `buf` of the open begins and the latest break after them.
    scan_stack: VecDeque<usize>,
    /// The boxes being printed.
    print_stack: Vec<PrintFrame>,
    indent: usize,
    /// Indentation not yet written, so that no line ends in spaces.
    pending_indentation: usize,
}

impl<'a> Printer<'a> {
    pub fn new() -> Self {
        Printer {
            out: String::new(),
            space: MARGIN,
            buf: VecDeque::new(),
            offset: 0,
            left_total: 0,
            right_total: 0,
            scan_stack: VecDeque::new(),
            print_stack: Vec::new(),
            indent: 0,
            pending_indentation: 0,
        }
    }

    /// The text, once every box is closed.
    pub fn finish(mut self) -> String {
        if !self.scan_stack.is_empty() {
            self.check_stack(0);
            self.advance_left();
        }
        self.out
    }

    /// Opens a box whose breaks are all newlines when it is broken.
    pub fn cbox(&mut self, indent: isize) {
        self.scan_begin(BeginToken {
            offset: indent,
            breaks: Breaks::Consistent,
        });
    }

    /// Opens a box whose breaks are newlines only where needed.
    pub fn ibox(&mut self, indent: isize) {
        self.scan_begin(BeginToken {
            offset: indent,
            breaks: Breaks::Inconsistent,
        });
    }

    pub fn end(&mut self) {
        self.scan_end();
    }

    pub fn word(&mut self, word: impl Into<Cow<'a, str>>) {
        self.scan_string(word.into());
    }

    pub fn nbsp(&mut self) {
        self.word(" ");
    }

    pub fn zerobreak(&mut self) {
        self.spaces(0);
    }

    pub fn space(&mut self) {
        self.spaces(1);
    }

    pub fn hardbreak(&mut self) {
        self.spaces(SIZE_INFINITY as usize);
    }

    pub fn hardbreak_if_nonempty(&mut self) {
        self.scan_break(BreakToken {
            blank_space: SIZE_INFINITY as usize,
            if_nonempty: true,
            ..BreakToken::default()
        });
    }

    pub fn neverbreak(&mut self) {
        self.scan_break(BreakToken {
            never_break: true,
            ..BreakToken::default()
        });
    }

    /// `,` and a space between items; after the last, a comma only if the box breaks.
    pub fn trailing_comma(&mut self, is_last: bool) {
        if is_last {
            self.scan_break(BreakToken {
                pre_break: Some(','),
                ..BreakToken::default()
            });
        } else {
            self.word(",");
            self.space();
        }
    }

    /// Shifts the indentation after the break just scanned.
    pub fn offset(&mut self, offset: isize) {
        if let Some(BufEntry {
            token: Token::Break(token),
            ..
        }) = self.buf.back_mut()
        {
            token.offset += offset;
        }
    }

    fn spaces(&mut self, n: usize) {
        self.scan_break(BreakToken {
            blank_space: n,
            ..BreakToken::default()
        });
    }

    /// Appends to the buffer, returning the entry's index.
    fn push(&mut self, entry: BufEntry<'a>) -> usize {
        self.buf.push_back(entry);
        self.offset + self.buf.len() - 1
    }

    fn entry(&mut self, index: usize) -> &mut BufEntry<'a> {
        &mut self.buf[index - self.offset]
    }

    fn scan_begin(&mut self, token: BeginToken) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.buf.clear();
        }
        let right = self.push(BufEntry {
            token: Token::Begin(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(right);
    }

    fn scan_end(&mut self) {
        if self.scan_stack.is_empty() {
            self.print_end();
            return;
        }
        if let Some(BufEntry {
            token: Token::Break(token),
            ..
        }) = self.buf.back()
        {
            let token = *token;
            let after_begin = self.buf.len() >= 2
                && matches!(self.buf[self.buf.len() - 2].token, Token::Begin(_));
            if after_begin {
                self.buf.pop_back();
                self.buf.pop_back();
                self.scan_stack.pop_back();
                self.scan_stack.pop_back();
                self.right_total -= token.blank_space as isize;
                return;
            }
            if token.if_nonempty {
                self.buf.pop_back();
                self.scan_stack.pop_back();
                self.right_total -= token.blank_space as isize;
            }
        }
        let right = self.push(BufEntry {
            token: Token::End,
            size: -1,
        });
        self.scan_stack.push_back(right);
    }

    /// A break of any kind; the methods above are the usual ones.
    pub fn scan_break(&mut self, token: BreakToken) {
        if self.scan_stack.is_empty() {
            self.left_total = 1;
            self.right_total = 1;
            self.buf.clear();
        } else {
            self.check_stack(0);
        }
        let right = self.push(BufEntry {
            token: Token::Break(token),
            size: -self.right_total,
        });
        self.scan_stack.push_back(right);
        self.right_total += token.blank_space as isize;
    }

    fn scan_string(&mut self, string: Cow<'a, str>) {
        if self.scan_stack.is_empty() {
            self.print_string(&string);
        } else {
            let len = string.len() as isize;
            self.push(BufEntry {
                token: Token::String(string),
                size: len,
            });
            self.right_total += len;
            self.check_stream();
        }
    }

    fn check_stream(&mut self) {
        while self.right_total - self.left_total > self.space {
            if self.scan_stack.front() == Some(&self.offset) {
                self.scan_stack.pop_front();
                if let Some(first) = self.buf.front_mut() {
                    first.size = SIZE_INFINITY;
                }
            }
            self.advance_left();
            if self.buf.is_empty() {
                break;
            }
        }
    }

    fn advance_left(&mut self) {
        while self.buf.front().is_some_and(|e| e.size >= 0) {
            let Some(left) = self.buf.pop_front() else {
                break;
            };
            self.offset += 1;
            match left.token {
                Token::String(string) => {
                    self.left_total += left.size;
                    self.print_string(&string);
                }
                Token::Break(token) => {
                    self.left_total += token.blank_space as isize;
                    self.print_break(token, left.size);
                }
                Token::Begin(token) => self.print_begin(token, left.size),
                Token::End => self.print_end(),
            }
        }
    }

    fn check_stack(&mut self, mut depth: usize) {
        while let Some(&index) = self.scan_stack.back() {
            let right_total = self.right_total;
            let entry = self.entry(index);
            match entry.token {
                Token::Begin(_) => {
                    if depth == 0 {
                        break;
                    }
                    entry.size += right_total;
                    self.scan_stack.pop_back();
                    depth -= 1;
                }
                Token::End => {
                    entry.size = 1;
                    self.scan_stack.pop_back();
                    depth += 1;
                }
                Token::Break(_) => {
                    entry.size += right_total;
                    self.scan_stack.pop_back();
                    if depth == 0 {
                        break;
                    }
                }
                Token::String(_) => unreachable!("strings are never on the scan stack"),
            }
        }
    }

    fn print_begin(&mut self, token: BeginToken, size: isize) {
        if size > self.space {
            self.print_stack
                .push(PrintFrame::Broken(self.indent, token.breaks));
            self.indent = (self.indent as isize + token.offset).max(0) as usize;
        } else {
            self.print_stack.push(PrintFrame::Fits);
        }
    }

    fn print_end(&mut self) {
        if let Some(PrintFrame::Broken(indent, _)) = self.print_stack.pop() {
            self.indent = indent;
        }
    }

    fn print_break(&mut self, token: BreakToken, size: isize) {
        let top = self
            .print_stack
            .last()
            .copied()
            .unwrap_or(PrintFrame::Broken(0, Breaks::Inconsistent));
        let fits = token.never_break
            || match top {
                PrintFrame::Fits => true,
                PrintFrame::Broken(_, Breaks::Consistent) => false,
                PrintFrame::Broken(_, Breaks::Inconsistent) => size <= self.space,
            };
        if fits {
            self.pending_indentation += token.blank_space;
            self.space -= token.blank_space as isize;
            if let Some(no_break) = token.no_break {
                self.out.push(no_break);
                self.space -= no_break.len_utf8() as isize;
            }
        } else {
            if let Some(pre_break) = token.pre_break {
                self.print_indent();
                self.out.push(pre_break);
            }
            self.out.push('\n');
            let indent = (self.indent as isize + token.offset).max(0);
            self.pending_indentation = indent as usize;
            self.space = (MARGIN - indent).max(MIN_SPACE);
            if !token.post_break.is_empty() {
                self.print_indent();
                self.out.push_str(token.post_break);
                self.space -= token.post_break.len() as isize;
            }
        }
    }

    fn print_string(&mut self, string: &str) {
        self.print_indent();
        self.out.push_str(string);
        self.space -= string.len() as isize;
    }

    fn print_indent(&mut self) {
        self.out
            .extend(std::iter::repeat_n(' ', self.pending_indentation));
        self.pending_indentation = 0;
    }
}
