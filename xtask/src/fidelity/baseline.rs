//! The committed baseline, `xtask/fidelity-baseline.toml`: per column, per corpus, the cases
//! that passed and the cases scored. `--check` fails when a corpus passes fewer cases than its
//! baseline; `--update-baseline` rewrites the entries of the corpora that ran.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One score: cases passed of cases scored.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct Score {
    pub pass: usize,
    pub total: usize,
}

/// Column (`zero-config`, `given-case`) → corpus → score.
pub type Baseline = BTreeMap<String, BTreeMap<String, Score>>;

/// Reads a baseline file's text.
pub fn parse(text: &str) -> Result<Baseline, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// The file's text: one line per corpus and column, sorted.
pub fn render(baseline: &Baseline) -> String {
    let mut out = String::from(
        "# Fidelity cases passed per corpus, as `cargo xtask fidelity` measured them.\n\
         # `cargo xtask fidelity --check` fails when a corpus passes fewer;\n\
         # `cargo xtask fidelity --update-baseline` rewrites this file.\n",
    );
    for (column, corpora) in baseline {
        let _ = write!(out, "\n[{column}]\n");
        for (corpus, s) in corpora {
            let _ = writeln!(
                out,
                "\"{corpus}\" = {{ pass = {}, total = {} }}",
                s.pass, s.total
            );
        }
    }
    out
}

/// What `--check` finds: one line per corpus and column that passes fewer cases than its
/// baseline (the failures), and notes that do not fail (no baseline, other totals).
pub fn compare(baseline: &Baseline, now: &Baseline) -> (Vec<String>, Vec<String>) {
    let (mut drops, mut notes) = (Vec::new(), Vec::new());
    for (column, corpora) in now {
        for (corpus, s) in corpora {
            let Some(base) = baseline.get(column).and_then(|c| c.get(corpus)) else {
                notes.push(format!("{corpus} ({column}): no baseline"));
                continue;
            };
            if s.pass < base.pass {
                drops.push(format!(
                    "{corpus} ({column}): {}/{} cases pass, below the baseline {}/{}",
                    s.pass, s.total, base.pass, base.total
                ));
            }
            if s.total != base.total {
                notes.push(format!(
                    "{corpus} ({column}): {} cases scored, {} in the baseline",
                    s.total, base.total
                ));
            }
        }
    }
    (drops, notes)
}

/// `baseline` with the scores of `now` over its own.
pub fn merge(mut baseline: Baseline, now: &Baseline) -> Baseline {
    for (column, corpora) in now {
        baseline
            .entry(column.clone())
            .or_default()
            .extend(corpora.iter().map(|(k, v)| (k.clone(), *v)));
    }
    baseline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(column: &str, corpus: &str, pass: usize, total: usize) -> Baseline {
        let mut b = Baseline::new();
        b.entry(column.into())
            .or_default()
            .insert(corpus.into(), Score { pass, total });
        b
    }

    #[test]
    fn renders_and_reads_back() {
        let b = merge(
            one("zero-config", "kintsugi/fused", 10, 20),
            &one("given-case", "authlete/go", 500, 500),
        );
        let text = render(&b);
        assert!(text.contains(
            "[given-case]\n\"authlete/go\" = { pass = 500, total = 500 }\n\n[zero-config]\n"
        ));
        assert_eq!(parse(&text).unwrap(), b);
    }

    #[test]
    fn only_a_drop_below_the_baseline_fails() {
        let base = merge(
            one("zero-config", "a/go", 10, 20),
            &one("zero-config", "b/go", 5, 20),
        );
        let now = merge(
            merge(
                one("zero-config", "a/go", 9, 20),
                &one("zero-config", "b/go", 7, 21),
            ),
            &one("given-case", "a/go", 12, 20),
        );
        let (drops, notes) = compare(&base, &now);
        assert_eq!(
            drops,
            ["a/go (zero-config): 9/20 cases pass, below the baseline 10/20"]
        );
        assert_eq!(
            notes,
            [
                "a/go (given-case): no baseline",
                "b/go (zero-config): 21 cases scored, 20 in the baseline"
            ]
        );
        assert_eq!(compare(&base, &base), (vec![], vec![]));
    }

    #[test]
    fn a_merge_keeps_the_corpora_that_did_not_run() {
        let b = merge(
            one("zero-config", "a/go", 1, 2),
            &one("zero-config", "b/go", 3, 4),
        );
        assert_eq!(b["zero-config"].len(), 2);
        let b = merge(b, &one("zero-config", "a/go", 2, 2));
        assert_eq!(b["zero-config"]["a/go"], Score { pass: 2, total: 2 });
    }
}
