//! The printed report: one table of scores by corpus, column and case kind, then each
//! corpus's failing cases by group.

use super::outcome::{Group, Outcome};
use super::{Row, GIVEN_CASE, ZERO_CONFIG};

/// The case kinds in the order the table shows them; others follow, sorted.
const KINDS: [&str; 7] = [
    "full",
    "minimal",
    "nulls",
    "precision",
    "unknown-field",
    "missing",
    "variant",
];

/// The table of scores, then each corpus's failing cases by group, with `examples` examples
/// of each group, from the given-case column where it has any (what the docs' shapes get wrong).
pub fn report(rows: &[Row], examples: usize) -> String {
    let mut kinds: Vec<String> = KINDS.iter().map(|k| k.to_string()).collect();
    for row in rows {
        for o in &row.columns {
            for k in o.kinds.keys() {
                if !kinds.contains(k) {
                    kinds.push(k.clone());
                }
            }
        }
    }
    let mut head: Vec<String> = ["corpus", "convention", "column", "pass/cases", "pass %"]
        .map(String::from)
        .to_vec();
    head.extend(kinds.iter().cloned());
    let mut table = vec![head];
    for row in rows {
        let convention = row.convention.map_or("-".to_string(), |(c, n, of)| {
            format!("{} ({n}/{of})", c.as_str())
        });
        for (i, o) in row.columns.iter().enumerate() {
            let column = match (i, row.convention) {
                (0, _) => ZERO_CONFIG.to_string(),
                (_, Some((c, ..))) => format!("--wire-case {}", c.as_str()),
                (_, None) => format!("{GIVEN_CASE} (none)"),
            };
            let mut line = vec![
                if i == 0 {
                    row.name.clone()
                } else {
                    String::new()
                },
                if i == 0 {
                    convention.clone()
                } else {
                    String::new()
                },
                column,
                format!("{}/{}", o.pass, o.total),
                format!("{:.1}", 100.0 * o.pass as f64 / o.total.max(1) as f64),
            ];
            line.extend(kinds.iter().map(|k| {
                o.kinds
                    .get(k)
                    .map_or("-".to_string(), |(p, t)| format!("{p}/{t}"))
            }));
            table.push(line);
        }
    }
    let mut out = layout(&table);
    out.push_str("\nfailing cases by what went wrong (zero-config | given-case):\n");
    for row in rows {
        out.push_str(&failures(row, examples));
    }
    out
}

/// One corpus's failures by group, counted in both columns.
fn failures(row: &Row, examples: usize) -> String {
    let mut out = format!("{}\n", row.name);
    for (i, o) in row.columns.iter().enumerate() {
        if let Some(why) = &o.broken {
            let column = [ZERO_CONFIG, GIVEN_CASE][i];
            out.push_str(&format!("  {column}: {why}\n"));
        }
    }
    let mut groups: Vec<Group> = row
        .columns
        .iter()
        .flat_map(|o| o.failures.keys().copied())
        .collect();
    groups.sort();
    groups.dedup();
    if groups.is_empty() {
        out.push_str("  none\n");
    }
    for g in groups {
        let [a, b] = &row.columns;
        let count = |o: &Outcome| o.failures.get(&g).map_or(0, Vec::len);
        out.push_str(&format!(
            "  {:<44} {:>5} | {}\n",
            g.label(),
            count(a),
            count(b)
        ));
        let mut shown: Vec<&String> = Vec::new();
        let from = if count(b) > 0 { b } else { a };
        for line in from.failures.get(&g).into_iter().flatten() {
            if shown.len() < examples && !shown.contains(&line) {
                shown.push(line);
                out.push_str(&format!("      e.g. {line}\n"));
            }
        }
    }
    out
}

/// `table` with its columns padded to their widest cell: text left, figures right.
fn layout(table: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..table[0].len())
        .map(|i| {
            table
                .iter()
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in table {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if i < 3 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdgen_ir::WireCase;

    #[test]
    fn the_table_and_the_failures_of_both_columns() {
        let outcome = |pass: usize, fails: &[(Group, &str)]| {
            let mut o = Outcome {
                pass,
                total: 4,
                ..Outcome::default()
            };
            o.kinds.insert("full".into(), (pass.min(2), 2));
            o.kinds
                .insert("other-kind".into(), (pass.saturating_sub(2), 2));
            for (g, line) in fails {
                o.failures.entry(*g).or_default().push(line.to_string());
            }
            o
        };
        let row = Row {
            name: "acme/go".into(),
            convention: Some((WireCase::Snake, 3, 4)),
            columns: [
                outcome(
                    1,
                    &[
                        (Group::RequiredKeyNotFound, "A/full: x"),
                        (Group::EnumValue, "B/full: y"),
                    ],
                ),
                outcome(3, &[(Group::EnumValue, "B/full: y")]),
            ],
        };
        let text = report(&[row], 1);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            &lines[..4],
            [
                "corpus   convention        column                  pass/cases  pass %  full  minimal  nulls  precision  unknown-field  missing  variant  other-kind",
                "acme/go  snake_case (3/4)  zero-config                    1/4    25.0   1/2        -      -          -              -        -        -         0/2",
                "                           --wire-case snake_case         3/4    75.0   2/2        -      -          -              -        -        -         1/2",
                "",
            ]
        );
        assert_eq!(
            &lines[4..],
            [
                "failing cases by what went wrong (zero-config | given-case):",
                "acme/go",
                "  required key not found                           1 | 0",
                "      e.g. A/full: x",
                "  enum value unknown                               1 | 1",
                "      e.g. B/full: y",
            ]
        );
    }
}
