//! Cells that a spreadsheet would run. Excel, LibreOffice and Google Sheets treat a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a
//! title typed as `=HYPERLINK("//elsewhere", "Read more")` would become a live link, or worse,
//! in the spreadsheet of whoever opens our CSV. Exports neutralise such cells; imports refuse
//! them, since the person who made the file can say what they meant.

/// Whether a spreadsheet would read `cell` as a formula.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `cell` as written to an export: a formula-like cell gets a leading `'`, which spreadsheets
/// read as "this is text" and do not show.
pub fn safe_cell(cell: String) -> String {
    if is_formula_like(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_other_cells_stay_as_they_are() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(safe_cell(formula.into()), format!("'{formula}"));
        }
        for plain in ["Shelters", "ការការពារ", "SR-04", "", "a=b", "2026-01-10"] {
            assert_eq!(safe_cell(plain.into()), plain);
        }
    }
}
