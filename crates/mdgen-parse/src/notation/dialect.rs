//! The SDK dialects, and how to tell which one a doc is written in.

use super::syntax::Notation;
use foldhash::HashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The SDK language a doc was generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    TypeScript,
    Python,
    Go,
    Java,
    #[serde(rename = "csharp")]
    CSharp,
    Php,
    Ruby,
}

/// What a doc shows of its dialect: code-block languages, link targets, Type cells.
#[derive(Debug, Default)]
pub struct Clues<'a> {
    pub code_langs: Vec<&'a str>,
    /// The notation of each Type cell, if it parses (read per dialect).
    cells: Vec<Option<&'a Notation>>,
    /// What the Type cells' sources add to each dialect's score, in [`Dialect::ALL`] order.
    cell_scores: CellScores,
    /// Field names as documented: Go and C# write `PascalCase`, Python and Ruby `snake_case`,
    /// the others `camelCase`.
    pub field_names: Vec<Cow<'a, str>>,
}

impl<'a> Clues<'a> {
    /// Adds a Type cell: its markdown source and its notation, if it parses.
    pub fn add_cell(&mut self, source: &str, notation: Option<&'a Notation>, memo: &mut CellMemo) {
        self.cells.push(notation);
        for (total, score) in self.cell_scores.iter_mut().zip(memo.scores(source)) {
            *total += score;
        }
    }
}

/// Per dialect, in [`Dialect::ALL`] order.
type CellScores = [usize; 7];

/// What Type cells add to each dialect's score, by their markdown source: docs repeat their
/// cells (`*str*`, `*Optional[str]*`) thousands of times, and searching one for every mark of
/// every dialect costs a tenth of reading a doc. Each thread that reads docs keeps one.
#[derive(Debug, Default)]
pub struct CellMemo(HashMap<Box<str>, CellScores>);

/// How many cells a [`CellMemo`] remembers: the common ones come early.
const MEMO_LIMIT: usize = 4096;

impl CellMemo {
    /// What the cell of markdown source `text` adds to each dialect's score: 20 for each of the
    /// dialect's documentation sites it links to, 3 for each mark only that dialect writes.
    fn scores(&mut self, text: &str) -> CellScores {
        if let Some(scores) = self.0.get(text) {
            return *scores;
        }
        let source = Source::new(text);
        let scores = Dialect::ALL.map(|d| {
            let sites = d.doc_sites().iter().filter(|h| source.contains(h)).count();
            20 * sites + 3 * d.marks(&source)
        });
        if self.0.len() < MEMO_LIMIT {
            self.0.insert(text.into(), scores);
        }
        scores
    }
}

/// The markdown source of a Type cell, with the set of ASCII bytes in it: a mark is searched
/// for only in cells that hold every byte of it, which most cells do not.
#[derive(Debug)]
struct Source<'a> {
    text: &'a str,
    /// Bit `b` is set when byte `b` (below 128) occurs in the text.
    ascii: u128,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Self {
        let ascii = text
            .bytes()
            .filter(u8::is_ascii)
            .fold(0, |set, b| set | 1u128 << b);
        Source { text, ascii }
    }

    /// The text without white space at its ends (the set stays: it may now hold too much).
    fn trim(&self) -> Self {
        Source {
            text: self.text.trim(),
            ascii: self.ascii,
        }
    }

    /// Inlined, so that the bytes of each literal mark are tested without a loop at run time.
    #[inline(always)]
    fn contains(&self, needle: &str) -> bool {
        let held = |b: u8| !b.is_ascii() || self.ascii & 1u128 << b != 0;
        needle.bytes().all(held) && self.text.contains(needle)
    }
}

impl Dialect {
    /// How this dialect's SDKs turn a JSON key into a member name.
    pub fn name_style(self) -> mdgen_ir::NameStyle {
        use mdgen_ir::NameStyle;
        match self {
            Dialect::TypeScript => NameStyle::Camel { escapes: false },
            Dialect::Java | Dialect::Php => NameStyle::Camel { escapes: true },
            Dialect::Python | Dialect::Ruby => NameStyle::Snake,
            Dialect::Go | Dialect::CSharp => NameStyle::Exported,
        }
    }

    /// Every dialect. Detection breaks ties in this order, which puts first the dialects
    /// whose names claim least: TypeScript shows no nullability and no number types; PHP,
    /// Python and Ruby no integer widths; C#, Java and Go read `int` and `float` as 32 bits.
    pub const ALL: [Dialect; 7] = [
        Dialect::TypeScript,
        Dialect::Php,
        Dialect::Python,
        Dialect::Ruby,
        Dialect::CSharp,
        Dialect::Java,
        Dialect::Go,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::TypeScript => "typescript",
            Dialect::Python => "python",
            Dialect::Go => "go",
            Dialect::Java => "java",
            Dialect::CSharp => "csharp",
            Dialect::Php => "php",
            Dialect::Ruby => "ruby",
        }
    }

    /// Other spellings accepted for the dialect (code-block languages, `--dialect` values).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Dialect::TypeScript => &["typescript", "ts", "javascript", "js", "tsx"],
            Dialect::Python => &["python", "py", "python3"],
            Dialect::Go => &["go", "golang"],
            Dialect::Java => &["java"],
            Dialect::CSharp => &["csharp", "cs", "c#", "dotnet"],
            Dialect::Php => &["php"],
            Dialect::Ruby => &["ruby", "rb"],
        }
    }

    /// The hosts of the documentation sites this dialect's docs link scalar types to.
    fn doc_sites(self) -> &'static [&'static str] {
        match self {
            Dialect::TypeScript => &["developer.mozilla.org"],
            Dialect::Python => &["docs.python.org", "python-httpx.org"],
            Dialect::Go => &["pkg.go.dev"],
            Dialect::Java => &["docs.oracle.com"],
            Dialect::CSharp => &["learn.microsoft.com", "nodatime.org"],
            Dialect::Php => &["php.net", "php-fig.org"],
            Dialect::Ruby => &["ruby-doc.org", "rubydoc.info"],
        }
    }

    /// Marks in a Type cell's markdown source that only this dialect writes.
    fn marks(self, source: &Source<'_>) -> usize {
        let trimmed = source.trim();
        let has = |needle: &str| trimmed.contains(needle);
        let s = trimmed.text;
        let checks: &[bool] = match self {
            Dialect::TypeScript => &[
                has("Record<"),
                has("*[]") || has(")[]"),
                has("*number*"),
                has("*boolean*"),
                has("[k: string]"),
            ],
            Dialect::Python => &[
                has("List["),
                has("Dict["),
                has("Optional["),
                has("Nullable["),
                has("Literal["),
                has("*str*"),
                has("[models."),
            ],
            Dialect::Go => &[
                s.starts_with("[]"),
                s.starts_with("map["),
                s.starts_with("**"),
                s.starts_with("`*"),
                s.starts_with("[*"),
                s.starts_with('`') && s.ends_with('`'),
                has("int64") || has("float64"),
                has("optionalnullable."),
            ],
            Dialect::Java => &[
                has("\\<"),
                has("JsonNullable"),
                has("*Long*") || has("*Integer*") || has("*Double*") || has("*Boolean*"),
                has("*String*") || has("<String>"),
                has("OffsetDateTime"),
            ],
            Dialect::CSharp => &[
                has("Dictionary<"),
                has("List<") && !has("\\<"),
                has("*long*") || has("*object*") || has("*decimal*"),
            ],
            Dialect::Php => &[
                s.starts_with("*?") || s.starts_with("[?"),
                has("array<"),
                has("Components\\") || has("Operations\\"),
                has("\\DateTime"),
                has("*mixed*"),
            ],
            Dialect::Ruby => &[
                has("::"),
                has("T.nilable") || has("T::") || has("T.any"),
                has("Crystalline"),
            ],
        };
        checks.iter().filter(|&&b| b).count()
    }

    /// How strongly the clues point to this dialect, before its notation is read: code-block
    /// languages, field names, documentation sites and marks in the Type cells.
    fn marks_score(self, clues: &Clues<'_>) -> usize {
        let langs = clues
            .code_langs
            .iter()
            .filter(|l| self.aliases().iter().any(|a| a.eq_ignore_ascii_case(l)))
            .count();
        let mut score = langs * 100;
        score += clues
            .field_names
            .iter()
            .filter(|n| self.names_fields_like(n))
            .count();
        let place = Dialect::ALL.iter().position(|d| *d == self).unwrap_or(0);
        score + clues.cell_scores[place]
    }

    /// What reading the Type cells in this dialect adds to its score: [`READ_SCORE`] for
    /// each cell it understands.
    fn read_score(self, clues: &Clues<'_>) -> usize {
        let read = |n: &&Notation| super::interpret::interpret(self, n).is_ok();
        let cells = clues.cells.iter().filter_map(|n| *n);
        READ_SCORE * cells.filter(read).count()
    }

    /// Whether a field name is cased the way this dialect cases member names.
    fn names_fields_like(self, name: &str) -> bool {
        let name = name.trim_matches('`');
        let Some(first) = name.chars().next() else {
            return false;
        };
        let snake = name.contains('_') && !name.chars().any(|c| c.is_ascii_uppercase());
        let pascal = first.is_ascii_uppercase() && name.chars().any(|c| c.is_ascii_lowercase());
        let camel = first.is_ascii_lowercase() && name.chars().any(|c| c.is_ascii_uppercase());
        match self {
            Dialect::Go | Dialect::CSharp => pascal,
            Dialect::Python | Dialect::Ruby => snake,
            Dialect::TypeScript | Dialect::Java | Dialect::Php => camel,
        }
    }

    /// The dialect the clues point to most; ties (and no clues at all) go to the first of
    /// [`Dialect::ALL`].
    pub fn detect(clues: &Clues<'_>) -> Dialect {
        let marks = Dialect::ALL.map(|d| d.marks_score(clues));
        // Reading the cells costs the most, and can add at most this much: a dialect that
        // cannot reach the best score of marks alone, whatever it reads, is not read at all.
        let most_read = READ_SCORE * clues.cells.len();
        let floor = marks.iter().copied().max().unwrap_or(0);
        let mut best = Dialect::ALL[0];
        let mut best_score = 0;
        for (d, marks) in Dialect::ALL.into_iter().zip(marks) {
            if marks + most_read < floor {
                continue;
            }
            let score = marks + d.read_score(clues);
            if score > best_score {
                (best, best_score) = (d, score);
            }
        }
        best
    }
}

/// What a Type cell that a dialect's notation reads adds to that dialect's score.
const READ_SCORE: usize = 2;

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::TypeScript => "TypeScript",
            Dialect::Python => "Python",
            Dialect::Go => "Go",
            Dialect::Java => "Java",
            Dialect::CSharp => "C#",
            Dialect::Php => "PHP",
            Dialect::Ruby => "Ruby",
        })
    }
}

impl FromStr for Dialect {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Dialect::ALL
            .into_iter()
            .find(|d| d.aliases().contains(&lower.as_str()))
            .ok_or_else(|| {
                let all: Vec<_> = Dialect::ALL.iter().map(|d| d.as_str()).collect();
                format!("unknown dialect `{s}`; expected one of {}", all.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::markdown::Inline;

    /// The notations of `sources`, taken as Type cells.
    fn notations(sources: &[&str]) -> Vec<Option<Notation>> {
        let inline = |s: &&str| Inline::Text(s.trim_matches('*').replace("\\<", "<").into());
        let parse = |s| super::super::parse(&[inline(s)]).ok();
        sources.iter().map(parse).collect()
    }

    fn clues<'a>(
        sources: &[&'a str],
        notations: &'a [Option<Notation>],
        langs: &[&'a str],
    ) -> Clues<'a> {
        let mut clues = Clues {
            code_langs: langs.to_vec(),
            ..Clues::default()
        };
        let mut memo = CellMemo::default();
        for (s, n) in sources.iter().zip(notations) {
            clues.add_cell(s, n.as_ref(), &mut memo);
        }
        clues
    }

    fn detect(sources: &[&str], langs: &[&str]) -> Dialect {
        let notations = notations(sources);
        Dialect::detect(&clues(sources, &notations, langs))
    }

    #[test]
    fn detection_reads_only_dialects_that_can_win_and_finds_the_best() {
        let cases: [(&[&str], &[&str]); 6] = [
            (&["*string*", "*number*"], &["typescript"]),
            (&["*string*", "*int*", "*float*"], &[]),
            (&["*?string*", "*T.nilable(::String)*"], &[]),
            (&["*Optional[str]*", "*str*", "*int*", "*bool*"], &["go"]),
            (&["*string*"], &["ruby", "python"]),
            (&["*long*", "*Long*", "*int64*"], &[]),
        ];
        for (sources, langs) in cases {
            let notations = notations(sources);
            let clues = clues(sources, &notations, langs);
            let score = |d: Dialect| d.marks_score(&clues) + d.read_score(&clues);
            // The first dialect of the best score: `max_by_key` keeps the last of equals.
            let best = Dialect::ALL.into_iter().rev().max_by_key(|&d| score(d));
            assert_eq!(Some(Dialect::detect(&clues)), best, "{sources:?} {langs:?}");
        }
    }

    #[test]
    fn each_dialect_is_detected_from_its_cells() {
        assert_eq!(detect(&["*?string*", "array<string>"], &[]), Dialect::Php);
        assert_eq!(detect(&["*T.nilable(::String)*"], &[]), Dialect::Ruby);
        assert_eq!(detect(&["*number*", "*boolean*"], &[]), Dialect::TypeScript);
        assert_eq!(detect(&["*Optional[str]*", "*int*"], &[]), Dialect::Python);
        assert_eq!(detect(&["**string*", "[]*int64*"], &[]), Dialect::Go);
        assert_eq!(detect(&["`*string`", "`int64`"], &[]), Dialect::Go);
        assert_eq!(
            detect(&["*JsonNullable\\<String>*", "*Long*"], &[]),
            Dialect::Java
        );
        assert_eq!(
            detect(&["Dictionary<String, *object*>", "*long*"], &[]),
            Dialect::CSharp
        );
        // Code blocks outweigh cells; nothing at all reads as TypeScript.
        assert_eq!(detect(&["*string*"], &["ruby"]), Dialect::Ruby);
        assert_eq!(detect(&[], &[]), Dialect::TypeScript);
    }

    #[test]
    fn a_memo_shared_by_docs_scores_their_cells_as_a_fresh_one() {
        let docs: [&[&str]; 4] = [
            &["*string*", "*number*"],
            &["*Optional[str]*", "*str*", "*string*"],
            &["*string*", "*Long*", "[docs](https://docs.oracle.com/x)"],
            &["*string*"],
        ];
        let mut shared = CellMemo::default();
        for _ in 0..2 {
            for sources in docs {
                let notations = notations(sources);
                let fresh = clues(sources, &notations, &[]);
                let mut reused = Clues::default();
                for (s, n) in sources.iter().zip(&notations) {
                    reused.add_cell(s, n.as_ref(), &mut shared);
                }
                assert_eq!(reused.cell_scores, fresh.cell_scores, "{sources:?}");
                assert_eq!(Dialect::detect(&reused), Dialect::detect(&fresh));
            }
        }
        // The second round found every cell in the memo.
        assert_eq!(shared.0.len(), 6);
    }

    #[test]
    fn names_and_aliases() {
        for d in Dialect::ALL {
            assert_eq!(d.as_str().parse::<Dialect>(), Ok(d));
        }
        assert_eq!("C#".parse::<Dialect>(), Ok(Dialect::CSharp));
        assert_eq!("ts".parse::<Dialect>(), Ok(Dialect::TypeScript));
        assert!("cobol"
            .parse::<Dialect>()
            .unwrap_err()
            .contains("expected one of"));
    }
}
