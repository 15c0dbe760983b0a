//! Go's `text/tabwriter` (and liggitt/tabwriter's `RememberWidths`), which
//! every aligned kubectl output goes through: `kubectl get` tables
//! (minwidth 6, padding 3, widths remembered across flushes) and `describe`
//! (minwidth 0, padding 2).
//!
//! Cells are tab-terminated; the text after a line's last tab is not part of
//! any column and is never padded. A column's width is decided per *block*:
//! a run of consecutive lines that all have a cell in that column, so a line
//! with fewer cells (a `Containers:` heading in describe) starts new blocks.
//! Widths count Unicode scalar values, as Go counts runes.
//!
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys,
//! wasm_bindgen).

/// A tab writer with Go's `format` algorithm.
#[derive(Clone, Debug)]
pub struct TabWriter {
    minwidth: usize,
    padding: usize,
    remember: bool,
    /// Per-column maximum widths kept across calls (RememberWidths).
    remembered: Vec<usize>,
}

struct Cell<'a> {
    text: &'a str,
    width: usize,
}

/// Lines as ranges into one flat list of cells (one allocation, not one
/// per line: tables can have tens of thousands of lines).
struct Lines<'a> {
    cells: Vec<Cell<'a>>,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn len(&self) -> usize {
        self.starts.len() - 1
    }
    fn line(&self, i: usize) -> &[Cell<'a>] {
        &self.cells[self.starts[i]..self.starts[i + 1]]
    }
}

fn width(t: &str) -> usize {
    if t.is_ascii() {
        t.len()
    } else {
        t.chars().count()
    }
}

impl TabWriter {
    /// `printers.GetNewTabWriter`: what `kubectl get` prints tables with.
    pub fn kubectl_table() -> Self {
        TabWriter {
            minwidth: 6,
            padding: 3,
            remember: true,
            remembered: Vec::new(),
        }
    }

    /// `tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`: describe and rollout history.
    pub fn describe() -> Self {
        TabWriter {
            minwidth: 0,
            padding: 2,
            remember: false,
            remembered: Vec::new(),
        }
    }

    /// Forgets remembered widths (`SetRememberedWidths(nil)`), as kubectl
    /// does when it starts printing a new resource type.
    pub fn reset_widths(&mut self) {
        self.remembered.clear();
    }

    /// Formats `text` as if written to the writer and then flushed.
    pub fn format(&mut self, text: &str) -> String {
        let mut lines = Lines {
            cells: Vec::with_capacity(text.len() / 8 + 1),
            starts: vec![0],
        };
        for line in text.split('\n') {
            for t in line.split('\t') {
                lines.cells.push(Cell {
                    text: t,
                    width: width(t),
                });
            }
            lines.starts.push(lines.cells.len());
        }
        // The text after the final newline is not newline-terminated: Go
        // keeps its last cell only when it is not empty.
        if lines.cells.last().is_some_and(|c| c.text.is_empty()) {
            lines.cells.pop();
            if let Some(end) = lines.starts.last_mut() {
                *end -= 1;
            }
        }
        let mut out = String::with_capacity(text.len() + text.len() / 2);
        let mut widths = Vec::new();
        let n = lines.len();
        self.format_block(&lines, 0, n, &mut widths, &mut out);
        out
    }

    fn format_block(
        &mut self,
        lines: &Lines,
        line0: usize,
        line1: usize,
        widths: &mut Vec<usize>,
        out: &mut String,
    ) {
        let column = widths.len();
        let mut start = line0;
        let mut this = line0;
        while this < line1 {
            if column + 1 >= lines.line(this).len() {
                this += 1;
                continue;
            }
            // A cell exists in this column: print the lines before the block.
            write_lines(lines, start, this, widths, out);
            start = this;
            let mut width = self.minwidth;
            while this < line1 && column + 1 < lines.line(this).len() {
                width = width.max(lines.line(this)[column].width + self.padding);
                this += 1;
            }
            if self.remember {
                if self.remembered.len() < widths.len() {
                    let from = self.remembered.len();
                    self.remembered.extend_from_slice(&widths[from..]);
                }
                if self.remembered.len() == widths.len() {
                    self.remembered.push(width);
                } else if self.remembered[column] > width {
                    width = self.remembered[column];
                } else {
                    self.remembered[column] = width;
                }
            }
            widths.push(width);
            self.format_block(lines, start, this, widths, out);
            widths.pop();
            start = this;
        }
        write_lines(lines, start, line1, widths, out);
    }
}

fn write_lines(lines: &Lines, line0: usize, line1: usize, widths: &[usize], out: &mut String) {
    let last = lines.len();
    for i in line0..line1 {
        for (j, cell) in lines.line(i).iter().enumerate() {
            out.push_str(cell.text);
            if j < widths.len() {
                for _ in cell.width..widths[j] {
                    out.push(' ');
                }
            }
        }
        if i + 1 < last {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_pad_to_widest_plus_three_with_minimum_six() {
        let mut w = TabWriter::kubectl_table();
        let out = w.format("NAME\tREADY\tAGE\nweb\t2/2\t37s\n");
        assert_eq!(out, "NAME   READY   AGE\nweb    2/2     37s\n");
    }

    #[test]
    fn short_lines_split_blocks_and_last_cells_are_not_padded() {
        let mut w = TabWriter::describe();
        let out = w.format(
            "Name:\tweb-0\nNamespace:\tdefault\nContainers:\n  nginx:\n    Image:\tnginx\n",
        );
        assert_eq!(
            out,
            "Name:       web-0\nNamespace:  default\nContainers:\n  nginx:\n    Image:  nginx\n"
        );
    }

    #[test]
    fn remembered_widths_keep_later_rows_aligned() {
        let mut w = TabWriter::kubectl_table();
        let first = w.format("NAME\tSTATUS\tAGE\nweb-0\tContainerCreating\t0s\n");
        assert_eq!(
            first,
            "NAME    STATUS              AGE\nweb-0   ContainerCreating   0s\n"
        );
        let next = w.format("web-0\tRunning\t2s\n");
        assert_eq!(next, "web-0   Running             2s\n");
        w.reset_widths();
        assert_eq!(w.format("web-0\tRunning\t2s\n"), "web-0   Running   2s\n");
    }

    #[test]
    fn empty_cells_are_padded() {
        let mut w = TabWriter::kubectl_table();
        let out = w.format("A\tB\tC\nx\t\ty\n");
        assert_eq!(out, "A     B     C\nx           y\n");
    }
}
