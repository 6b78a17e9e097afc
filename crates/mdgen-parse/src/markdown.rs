//! Markdown → [`Doc`]: the heading, sections, tables and code blocks of one file, each with the
//! line it starts on. Built from pulldown-cmark events; knows nothing of SDK dialects.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::ops::Range;

/// One markdown file, as blocks under headings; inline text is borrowed from the file where
/// the markdown parser can (most text needs no unescaping).
#[derive(Debug, Default)]
pub struct Doc<'a> {
    /// The first `# Heading`, or the `title:` of YAML front matter.
    pub title: Option<Heading>,
    /// Paragraphs between the title and the first section.
    pub intro: Vec<String>,
    /// `##` and deeper headings with their blocks, in document order.
    pub sections: Vec<Section<'a>>,
}

/// A heading's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The plain text, strikethrough marks removed.
    pub text: String,
    /// The heading was struck through (`~~Name~~`).
    pub struck: bool,
    pub line: u32,
}

/// A heading of level 2 or deeper and what follows it until the next heading.
#[derive(Debug)]
pub struct Section<'a> {
    pub level: u8,
    pub heading: Heading,
    pub blocks: Vec<Block<'a>>,
}

/// A block of content under a heading.
#[derive(Debug)]
pub enum Block<'a> {
    Paragraph(String),
    Table(Table<'a>),
    Code {
        lang: String,
        text: String,
        line: u32,
    },
    /// A bullet or numbered list: the line and the inlines of each item.
    List(Vec<(u32, Inlines<'a>)>),
}

/// The inlines of a block. Most cells hold one, which needs no allocation of its own.
pub type Inlines<'a> = SmallVec<[Inline<'a>; 1]>;

/// A table: its header cells and rows. The cells of all rows are kept in one list, not one
/// list per row: a doc's tables have tens of thousands of rows.
#[derive(Debug, Default)]
pub struct Table<'a> {
    pub header: Vec<Cell<'a>>,
    /// The cells of every row, row after row.
    cells: Vec<Cell<'a>>,
    /// Each row's line, and where its cells are in `cells`.
    rows: Vec<(u32, Range<usize>)>,
}

impl<'a> Table<'a> {
    /// The rows below the header, in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(|(line, cells)| Row {
            line: *line,
            cells: &self.cells[cells.clone()],
        })
    }
}

/// One table row.
#[derive(Debug, Clone, Copy)]
pub struct Row<'t, 'a> {
    pub line: u32,
    pub cells: &'t [Cell<'a>],
}

/// One table cell: its inline content and where it stands in the file.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub inlines: Inlines<'a>,
    /// Byte range in the file.
    pub span: Range<usize>,
}

/// Inline content, with the markup that matters to type notation kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(CowStr<'a>),
    /// A code span (`` `x` ``).
    Code(CowStr<'a>),
    Link {
        dest: CowStr<'a>,
        inner: Vec<Inline<'a>>,
    },
    /// Struck-through text (`~~x~~`).
    Struck(Vec<Inline<'a>>),
    /// Emphasis (`*x*`, `__x__`): the delimiter as written, and what it holds. Type notation
    /// needs the delimiter back where markdown took it for emphasis but the SDK meant it
    /// literally (`Literal["__encrypted__"]`).
    Emph {
        delim: &'a str,
        inner: Vec<Inline<'a>>,
    },
    /// `<br/>` or a hard break.
    Break,
}

impl Cell<'_> {
    /// The cell as plain text; breaks become newlines.
    pub fn text(&self) -> String {
        self.plain().into_owned()
    }

    /// [`Cell::text`], borrowed from the cell where it holds a single run of text.
    pub fn plain(&self) -> Cow<'_, str> {
        plain(&self.inlines)
    }
}

/// The plain text of inlines; breaks become newlines.
pub fn plain_text(inlines: &[Inline]) -> String {
    plain(inlines).into_owned()
}

/// [`plain_text`], borrowed from the inlines where they are a single run of text (most cells).
pub fn plain<'i>(inlines: &'i [Inline<'_>]) -> Cow<'i, str> {
    match inlines {
        [Inline::Text(t) | Inline::Code(t)] => Cow::Borrowed(t.trim()),
        _ => Cow::Owned(joined(inlines)),
    }
}

/// The plain text of inlines, trimmed: built in one allocation of the right size, and trimmed
/// in place.
fn joined(inlines: &[Inline]) -> String {
    let mut out = String::with_capacity(plain_len(inlines));
    push_plain(inlines, &mut out);
    out.truncate(out.trim_end().len());
    out.drain(..out.len() - out.trim_start().len());
    out
}

/// The length of the plain text of inlines, untrimmed.
fn plain_len(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Code(t) => t.len(),
            Inline::Link { inner, .. } | Inline::Struck(inner) | Inline::Emph { inner, .. } => {
                plain_len(inner)
            }
            Inline::Break => 1,
        })
        .sum()
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Link { inner, .. } | Inline::Struck(inner) | Inline::Emph { inner, .. } => {
                push_plain(inner, out)
            }
            Inline::Break => out.push('\n'),
        }
    }
}

/// Whether any of the inlines is struck through (`~~Name~~`), however deep in emphasis or links.
pub fn has_struck(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Struck(_) => true,
        Inline::Link { inner, .. } | Inline::Emph { inner, .. } => has_struck(inner),
        _ => false,
    })
}

/// Maps byte offsets to 1-based lines and back to the text of a line.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        u32::try_from(idx + 1).unwrap_or(u32::MAX)
    }

    /// The source text of `span`.
    pub fn source(&self, span: &Range<usize>) -> &'a str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// `span` without the ASCII white space at its ends (tables pad cells with spaces).
    pub fn trim(&self, span: Range<usize>) -> Range<usize> {
        let Some(bytes) = self.text.as_bytes().get(span.clone()) else {
            return span;
        };
        let lead = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let keep = bytes
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let start = span.start + lead;
        start..start.max(span.start + keep)
    }

    /// The text of the line holding `span.start`, and `span` made relative to that line.
    pub fn snippet(&self, span: &Range<usize>) -> (String, Range<usize>) {
        let idx = self.line_of(span.start) as usize - 1;
        let start = self.starts[idx];
        let end = self
            .starts
            .get(idx + 1)
            .map_or(self.text.len(), |e| e.saturating_sub(1));
        let line = self.text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\r').unwrap_or(line);
        let rel = span.start.saturating_sub(start)..span.end.saturating_sub(start).min(line.len());
        (line.to_string(), rel)
    }
}

/// Reads one markdown text into a [`Doc`].
pub fn read<'a>(text: &'a str, lines: &Lines<'a>) -> Doc<'a> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut reader = Reader {
        lines,
        doc: Doc::default(),
        stack: Vec::new(),
        spare: Vec::new(),
        overflow: 0,
        heading: None,
        table: None,
        code: None,
        list: None,
        list_depth: 0,
        in_paragraph: false,
        front_matter: None,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        reader.event(event, range);
    }
    reader.doc
}

/// The state of a walk over the events of one file.
struct Reader<'l, 'a> {
    lines: &'l Lines<'a>,
    doc: Doc<'a>,
    /// Open inline containers (links, strikethrough), innermost last, with what they hold.
    stack: Vec<(Frame<'a>, Vec<Inline<'a>>)>,
    /// The list the block's own inlines are gathered in, empty, kept for the next block.
    spare: Vec<Inline<'a>>,
    /// Inline containers opened beyond [`MAX_NESTING`] and not yet closed.
    overflow: usize,
    heading: Option<(u8, u32)>,
    table: Option<TableBuilder<'a>>,
    code: Option<(String, String, u32)>,
    list: Option<Vec<(u32, Inlines<'a>)>>,
    /// How many lists are open; items of nested lists fold into the outer item.
    list_depth: usize,
    in_paragraph: bool,
    front_matter: Option<String>,
}

/// How deep inline containers (links, emphasis) nest before further ones are flattened.
const MAX_NESTING: usize = 32;

/// An open inline container.
enum Frame<'a> {
    /// The block itself.
    Root,
    Link(CowStr<'a>),
    Struck,
    Emph(&'a str),
}

#[derive(Default)]
struct TableBuilder<'a> {
    /// How many lines the table spans, from its first to its last.
    lines: usize,
    in_head: bool,
    table: Table<'a>,
    /// The open row's line, and where its cells start.
    row: Option<(u32, usize)>,
    /// Where the open row's source ends: a cell starting there is one the markdown parser
    /// added to fill a row shorter than the header, which the file does not have.
    row_end: usize,
    cell_start: usize,
    /// The source range of what the open cell holds, from its first to its last event.
    cell_content: Option<Range<usize>>,
}

impl<'a> Reader<'_, 'a> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(t) = &mut self.table {
            let cell_edge = matches!(
                event,
                Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell)
            );
            if !cell_edge {
                t.cell_content = Some(match t.cell_content.take() {
                    Some(c) => c.start.min(range.start)..c.end.max(range.end),
                    None => range.clone(),
                });
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => {
                if let Some(fm) = &mut self.front_matter {
                    fm.push_str(&t);
                } else if let Some((_, text, _)) = &mut self.code {
                    text.push_str(&t);
                } else {
                    self.push_inline(Inline::Text(t));
                }
            }
            Event::Code(t) => self.push_inline(Inline::Code(t)),
            Event::InlineHtml(h) | Event::Html(h) => {
                // `<br/>` breaks lines; anything else that looks like HTML is type notation
                // (`array<string>`), so it stays text.
                if h.trim().to_ascii_lowercase().starts_with("<br") {
                    self.push_inline(Inline::Break);
                } else {
                    self.push_inline(Inline::Text(h));
                }
            }
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::SoftBreak => self.push_inline(Inline::Text(" ".into())),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        // Asked only of the blocks that keep it: most events are cells and inline markup.
        let line = || self.lines.line_of(range.start);
        match tag {
            Tag::Heading { level, .. } => {
                self.heading = Some((level as u8, line()));
                self.begin_inlines();
            }
            Tag::Paragraph if self.list.is_none() && self.table.is_none() => {
                self.in_paragraph = true;
                self.begin_inlines();
            }
            Tag::Table(_) => {
                self.table = Some(TableBuilder {
                    lines: self.lines.line_of(range.end).saturating_sub(line()) as usize,
                    ..TableBuilder::default()
                })
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row = Some((line(), t.table.cells.len()));
                    t.row_end = range.end;
                }
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    t.cell_start = range.start;
                    t.cell_content = None;
                }
                self.begin_inlines();
            }
            Tag::Link { .. } | Tag::Strikethrough | Tag::Emphasis | Tag::Strong
                if self.stack.len() > MAX_NESTING =>
            {
                // Nested deeper than any type notation: kept flat, so that nothing recurses
                // without bound.
                self.overflow += 1;
            }
            Tag::Link { dest_url, .. } => self.stack.push((Frame::Link(dest_url), Vec::new())),
            Tag::Strikethrough => self.stack.push((Frame::Struck, Vec::new())),
            Tag::Emphasis | Tag::Strong => {
                let marks = self.lines.source(&range);
                let max = if matches!(tag, Tag::Strong) { 2 } else { 1 };
                let len = marks
                    .bytes()
                    .take(max)
                    .take_while(|b| matches!(b, b'*' | b'_'))
                    .count();
                self.stack.push((Frame::Emph(&marks[..len]), Vec::new()));
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new(), line()));
            }
            Tag::List(_) if self.table.is_none() => {
                if self.list_depth == 0 {
                    self.list = Some(Vec::new());
                }
                self.list_depth += 1;
            }
            Tag::Item if self.list_depth <= 1 => self.begin_inlines(),
            Tag::Item => self.push_inline(Inline::Break),
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                self.front_matter = Some(String::new())
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => {
                let inlines = self.take_inlines();
                if let Some((level, line)) = self.heading.take() {
                    let struck = has_struck(&inlines);
                    let heading = Heading {
                        text: plain_text(&inlines),
                        struck,
                        line,
                    };
                    if level == 1 && self.doc.title.is_none() && self.doc.sections.is_empty() {
                        self.doc.title = Some(heading);
                    } else {
                        self.doc.sections.push(Section {
                            level,
                            heading,
                            blocks: Vec::new(),
                        });
                    }
                }
            }
            TagEnd::Paragraph if std::mem::take(&mut self.in_paragraph) => {
                let text = plain_text(&self.take_inlines());
                if is_mdx_syntax(&text) {
                    return;
                }
                match self.doc.sections.last_mut() {
                    Some(s) => s.blocks.push(Block::Paragraph(text)),
                    None => self.doc.intro.push(text),
                }
            }
            TagEnd::TableCell => {
                let inlines = self.take_inlines();
                if let Some(t) = &mut self.table {
                    // The content's own range: cells are padded with spaces, which trimming
                    // would have to walk.
                    let span = match t.cell_content.take() {
                        Some(c) => self.lines.trim(c),
                        None => t.cell_start..t.cell_start,
                    };
                    let cell = Cell { inlines, span };
                    let filler = t.cell_content.is_none() && t.cell_start >= t.row_end;
                    match t.row {
                        Some(_) if !t.in_head && filler => {}
                        Some(_) if !t.in_head => t.table.cells.push(cell),
                        _ => t.table.header.push(cell),
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                    t.row = None;
                    // A row a line below the header and its rule, most tables.
                    let rows = t.lines.saturating_sub(1);
                    t.table.rows.reserve(rows);
                    t.table.cells.reserve(rows * t.table.header.len());
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    if let Some((line, start)) = t.row.take() {
                        t.table.rows.push((line, start..t.table.cells.len()));
                    }
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table(t.table));
                }
            }
            TagEnd::Link | TagEnd::Strikethrough | TagEnd::Emphasis | TagEnd::Strong
                if self.overflow > 0 =>
            {
                self.overflow -= 1;
            }
            TagEnd::Link | TagEnd::Strikethrough | TagEnd::Emphasis | TagEnd::Strong
                if self.stack.len() > 1 =>
            {
                if let Some((frame, inner)) = self.stack.pop() {
                    let inline = match frame {
                        Frame::Link(dest) => Inline::Link { dest, inner },
                        Frame::Struck => Inline::Struck(inner),
                        Frame::Emph(delim) => Inline::Emph { delim, inner },
                        Frame::Root => {
                            self.stack.push((Frame::Root, inner));
                            return;
                        }
                    };
                    self.push_inline(inline);
                }
            }
            TagEnd::CodeBlock => {
                if let Some((lang, text, line)) = self.code.take() {
                    self.push_block(Block::Code { lang, text, line });
                }
            }
            TagEnd::Item if self.list_depth <= 1 => {
                let line = self.lines.line_of(range.start);
                let inlines = self.take_inlines();
                if let Some(items) = &mut self.list {
                    items.push((line, inlines));
                }
            }
            TagEnd::List(_) if self.list_depth > 0 => {
                self.list_depth -= 1;
                if self.list_depth == 0 {
                    if let Some(items) = self.list.take() {
                        self.push_block(Block::List(items));
                    }
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(fm) = self.front_matter.take() {
                    let line = self.lines.line_of(range.start);
                    if let Some(title) = front_matter_title(&fm) {
                        self.doc.title.get_or_insert(Heading {
                            text: title,
                            struck: false,
                            line,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// Starts gathering the inlines of a new block.
    fn begin_inlines(&mut self) {
        self.stack.clear();
        self.stack
            .push((Frame::Root, std::mem::take(&mut self.spare)));
        self.overflow = 0;
    }

    fn push_inline(&mut self, inline: Inline<'a>) {
        if let Some((_, inlines)) = self.stack.last_mut() {
            inlines.push(inline);
        }
    }

    /// The inlines gathered since the enclosing block started, closing any unclosed containers.
    fn take_inlines(&mut self) -> Inlines<'a> {
        while self.stack.len() > 1 {
            if let Some((_, inner)) = self.stack.pop() {
                if let Some((_, outer)) = self.stack.last_mut() {
                    outer.extend(inner);
                }
            }
        }
        let Some((_, mut root)) = self.stack.pop() else {
            return Inlines::new();
        };
        let inlines = root.drain(..).collect();
        self.spare = root;
        inlines
    }

    fn push_block(&mut self, block: Block<'a>) {
        if let Some(s) = self.doc.sections.last_mut() {
            s.blocks.push(block);
        }
    }
}

/// MDX statements that are not prose: `import X from "y"`, `export const ...`, `{/* ... */}`.
fn is_mdx_syntax(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("import ") && (t.contains(" from ") || t.ends_with(';')))
        || t.starts_with("export ")
        || (t.starts_with("{/*") && t.ends_with("*/}"))
}

/// The `title:` of YAML front matter, unquoted.
fn front_matter_title(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|l| {
        let v = l.trim().strip_prefix("title:")?.trim();
        let v = v.trim_matches(|c| c == '"' || c == '\'').trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc<'_> {
        read(text, &Lines::new(text))
    }

    #[test]
    fn reads_title_intro_sections_and_table_cells_with_lines() {
        let text = "# ~~Foo~~\n\nThe foo.\n\n## Fields\n\n| Field | Type |\n| --- | --- |\n| `id` | [?X\\Y](../Y.md) |\n| `a\\|b` | *array<string>*<br/>x |\n";
        let d = doc(text);
        let title = d.title.unwrap();
        assert_eq!(
            (title.text.as_str(), title.struck, title.line),
            ("Foo", true, 1)
        );
        assert_eq!(d.intro, vec!["The foo.".to_string()]);
        assert_eq!(d.sections[0].heading.text, "Fields");
        let Block::Table(t) = &d.sections[0].blocks[0] else {
            panic!("no table")
        };
        assert_eq!(
            t.header.iter().map(Cell::text).collect::<Vec<_>>(),
            ["Field", "Type"]
        );
        let rows: Vec<Row> = t.rows().collect();
        assert_eq!(rows[0].line, 9);
        assert_eq!(
            rows[0].cells[1].inlines.as_slice(),
            [Inline::Link {
                dest: "../Y.md".into(),
                inner: vec![Inline::Text("?X\\Y".into())]
            }]
        );
        assert_eq!(rows[1].cells[0].text(), "a|b");
        assert_eq!(rows[1].cells[1].text(), "array<string>\nx");
        let lines = Lines::new(text);
        let (line, rel) = lines.snippet(&rows[0].cells[1].span);
        assert_eq!(&line[rel], "[?X\\Y](../Y.md)");
    }

    #[test]
    fn rows_keep_only_the_cells_they_have() {
        // The markdown parser fills a short row with empty cells that lie past its end (on the
        // next line); an empty cell that is written stays.
        let text = "## T\n\n| a | b | c |\n| - | - | - |\n| 1 | 2 |\n| x |  | z | w |\n| 5 | 6";
        let d = doc(text);
        let Block::Table(t) = &d.sections[0].blocks[0] else {
            panic!("no table")
        };
        let texts: Vec<Vec<String>> = t
            .rows()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(texts, [vec!["1", "2"], vec!["x", "", "z"], vec!["5", "6"]]);
    }

    #[test]
    fn front_matter_gives_the_title() {
        let d = doc("---\ntitle: \"Bar\"\n---\n\n## Fields\n");
        assert_eq!(d.title.unwrap().text, "Bar");
    }

    #[test]
    fn code_blocks_and_lists_are_kept() {
        let d = doc("# A\n\n## Values\n\n- `\"x\"`\n- `\"y\"`\n\n```go\nv := 1\n```\n");
        let blocks = &d.sections[0].blocks;
        let Block::List(items) = &blocks[0] else {
            panic!("no list")
        };
        assert_eq!(plain_text(&items[1].1), "\"y\"");
        assert!(
            matches!(&blocks[1], Block::Code { lang, text, line: 8 } if lang == "go" && text == "v := 1\n")
        );
    }
}
