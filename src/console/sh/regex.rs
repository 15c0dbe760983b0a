//! A small POSIX regular-expression engine for grep and awk: basic (BRE,
//! with GNU's `\+ \? \|`) and extended (ERE) syntax, bracket expressions
//! with classes, anchors, `\< \> \b \w \s`, intervals. Matching is a Pike
//! VM (a set of NFA states stepped over the text), so time is
//! O(text × pattern) on any input; matches are leftmost-longest as grep's.
//! Pure Rust; may not import browser crates (yew, web_sys, gloo, js_sys, wasm_bindgen).

use super::pattern;

/// Largest compiled program: counted repetition can multiply a pattern.
const MAX_PROG: usize = 20_000;
const MAX_GROUP_DEPTH: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Assert {
    Bol,
    Eol,
    WordB,
    NotWordB,
    WordStart,
    WordEnd,
}

#[derive(Clone, Debug)]
enum Item {
    Ch(char),
    Range(char, char),
    Class(String),
}

#[derive(Clone, Debug)]
struct Set {
    neg: bool,
    items: Vec<Item>,
}

impl Set {
    fn has(&self, c: char) -> bool {
        let hit = self.items.iter().any(|it| match it {
            Item::Ch(x) => *x == c,
            Item::Range(lo, hi) => *lo <= c && c <= *hi,
            Item::Class(name) if name == "word" => word_char(c),
            Item::Class(name) => pattern::class(name, c),
        });
        hit != self.neg
    }
}

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char),
    Any,
    Set(Set),
    Assert(Assert),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Rep(Box<Node>, u32, Option<u32>),
    /// A capturing group and its number (from 1).
    Group(Box<Node>, usize),
}

#[derive(Clone, Copy, Debug)]
enum Inst {
    Char(char),
    Any,
    Set(usize),
    Assert(Assert),
    Split(usize, usize),
    Jmp(usize),
    /// Records the position in a capture slot (only `captures` looks).
    Save(usize),
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Regex {
    prog: Vec<Inst>,
    sets: Vec<Set>,
    icase: bool,
    groups: usize,
}

struct Parser {
    c: Vec<char>,
    i: usize,
    ere: bool,
    depth: usize,
    groups: usize,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn class_set(neg: bool, name: &str) -> Node {
    Node::Set(Set {
        neg,
        items: vec![Item::Class(name.to_string())],
    })
}

impl Parser {
    fn peek(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }

    fn at_alt(&self) -> bool {
        if self.ere {
            self.peek(0) == Some('|')
        } else {
            self.peek(0) == Some('\\') && self.peek(1) == Some('|')
        }
    }

    fn at_close(&self) -> bool {
        self.depth > 0
            && if self.ere {
                self.peek(0) == Some(')')
            } else {
                self.peek(0) == Some('\\') && self.peek(1) == Some(')')
            }
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.cat()?];
        while self.at_alt() {
            self.i += if self.ere { 1 } else { 2 };
            alts.push(self.cat()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn cat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while self.i < self.c.len() && !self.at_alt() && !self.at_close() {
            let atom = self.atom(items.is_empty())?;
            let atom = self.postfix(atom)?;
            items.push(atom);
        }
        Ok(Node::Cat(items))
    }

    fn atom(&mut self, first: bool) -> Result<Node, String> {
        let c = self.c[self.i];
        self.i += 1;
        let group = if self.ere {
            c == '('
        } else {
            c == '\\' && self.peek(0) == Some('(')
        };
        if group {
            if !self.ere {
                self.i += 1;
            }
            self.depth += 1;
            if self.depth > MAX_GROUP_DEPTH {
                return Err("Regular expression too big".into());
            }
            self.groups += 1;
            let index = self.groups;
            let inner = self.alt()?;
            if !self.at_close() {
                return Err("Unmatched ( or \\(".into());
            }
            self.i += if self.ere { 1 } else { 2 };
            self.depth -= 1;
            return Ok(Node::Group(Box::new(inner), index));
        }
        Ok(match c {
            '.' => Node::Any,
            '[' => self.bracket()?,
            '^' if self.ere || first => Node::Assert(Assert::Bol),
            '$' if self.ere || self.i == self.c.len() || self.at_close() || self.at_alt() => {
                Node::Assert(Assert::Eol)
            }
            '\\' => {
                let Some(e) = self.peek(0) else {
                    return Err("Trailing backslash".into());
                };
                self.i += 1;
                match e {
                    ')' if !self.ere => return Err("Unmatched ) or \\)".into()),
                    '{' if !self.ere => return Err("Invalid preceding regular expression".into()),
                    'w' | 'W' => class_set(e == 'W', "word"),
                    's' | 'S' => class_set(e == 'S', "space"),
                    'b' => Node::Assert(Assert::WordB),
                    'B' => Node::Assert(Assert::NotWordB),
                    '<' => Node::Assert(Assert::WordStart),
                    '>' => Node::Assert(Assert::WordEnd),
                    'n' => Node::Char('\n'),
                    't' if self.ere => Node::Char('\t'),
                    other => Node::Char(other),
                }
            }
            other => Node::Char(other),
        })
    }

    /// An interval `{n}`, `{n,}`, `{n,m}` after its opening brace.
    fn interval(&mut self) -> Option<(u32, Option<u32>)> {
        let num = |p: &mut Parser| {
            let start = p.i;
            while p.peek(0).is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            (p.i > start).then(|| {
                p.c[start..p.i]
                    .iter()
                    .collect::<String>()
                    .parse::<u32>()
                    .unwrap_or(u32::MAX)
            })
        };
        let min = num(self)?;
        let max = if self.peek(0) == Some(',') {
            self.i += 1;
            num(self)
        } else {
            Some(min)
        };
        let close = if self.ere {
            self.peek(0) == Some('}')
        } else {
            self.peek(0) == Some('\\') && self.peek(1) == Some('}')
        };
        if !close || max.is_some_and(|m| m < min) || min > 1000 || max.is_some_and(|m| m > 1000) {
            return None;
        }
        self.i += if self.ere { 1 } else { 2 };
        Some((min, max))
    }

    fn postfix(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (c, n) = (self.peek(0), self.peek(1));
            let (min, max) = match (self.ere, c, n) {
                (_, Some('*'), _) => {
                    self.i += 1;
                    (0, None)
                }
                (true, Some('+'), _) | (false, Some('\\'), Some('+')) => {
                    self.i += 1 + !self.ere as usize;
                    (1, None)
                }
                (true, Some('?'), _) | (false, Some('\\'), Some('?')) => {
                    self.i += 1 + !self.ere as usize;
                    (0, Some(1))
                }
                (true, Some('{'), _) => {
                    let save = self.i;
                    self.i += 1;
                    match self.interval() {
                        Some(r) => r,
                        None => {
                            // Not an interval: the brace is a literal character.
                            self.i = save;
                            return Ok(atom);
                        }
                    }
                }
                (false, Some('\\'), Some('{')) => {
                    self.i += 2;
                    if !self.c[self.i..].windows(2).any(|w| w == ['\\', '}']) {
                        return Err("Unmatched \\{".into());
                    }
                    self.interval().ok_or("Invalid content of \\{\\}")?
                }
                _ => return Ok(atom),
            };
            atom = Node::Rep(Box::new(atom), min, max);
        }
    }

    /// A bracket expression after `[`.
    fn bracket(&mut self) -> Result<Node, String> {
        const UNMATCHED: &str = "Unmatched [, [^, [:, [., or [=";
        let neg = self.peek(0) == Some('^');
        self.i += neg as usize;
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek(0).ok_or(UNMATCHED)?;
            if c == ']' && !first {
                self.i += 1;
                return Ok(Node::Set(Set { neg, items }));
            }
            first = false;
            if c == '[' && self.peek(1) == Some(':') {
                let rest: String = self.c[self.i + 2..].iter().collect();
                let end = rest.find(":]").ok_or(UNMATCHED)?;
                items.push(Item::Class(rest[..end].to_string()));
                self.i += 2 + rest[..end].chars().count() + 2;
                continue;
            }
            self.i += 1;
            if self.peek(0) == Some('-') && self.peek(1).is_some_and(|h| h != ']') {
                let hi = self.c[self.i + 1];
                self.i += 2;
                if hi < c {
                    return Err("Invalid range end".into());
                }
                items.push(Item::Range(c, hi));
            } else {
                items.push(Item::Ch(c));
            }
        }
    }
}

impl Regex {
    /// Compiles `pat` (ERE when `extended`); errors are worded as GNU grep's.
    pub(crate) fn new(pat: &str, extended: bool, icase: bool) -> Result<Regex, String> {
        let mut p = Parser {
            c: pat.chars().collect(),
            i: 0,
            ere: extended,
            depth: 0,
            groups: 0,
        };
        let node = p.alt()?;
        if p.i < p.c.len() {
            // Only an unmatched `\)` (BRE) can stop the parse early.
            return Err("Unmatched ) or \\)".into());
        }
        let mut re = Regex {
            prog: Vec::new(),
            sets: Vec::new(),
            icase,
            groups: p.groups,
        };
        re.emit(&node)?;
        re.push(Inst::Match)?;
        Ok(re)
    }

    /// A regex matching `s` literally (grep -F).
    pub(crate) fn literal(s: &str, icase: bool) -> Regex {
        let mut prog: Vec<Inst> = s
            .chars()
            .map(|c| Inst::Char(if icase { lower(c) } else { c }))
            .collect();
        prog.push(Inst::Match);
        Regex {
            prog,
            sets: Vec::new(),
            icase,
            groups: 0,
        }
    }

    fn push(&mut self, inst: Inst) -> Result<usize, String> {
        if self.prog.len() >= MAX_PROG {
            return Err("Regular expression too big".into());
        }
        self.prog.push(inst);
        Ok(self.prog.len() - 1)
    }

    fn emit(&mut self, n: &Node) -> Result<(), String> {
        match n {
            Node::Empty => {}
            Node::Char(c) => {
                self.push(Inst::Char(if self.icase { lower(*c) } else { *c }))?;
            }
            Node::Any => {
                self.push(Inst::Any)?;
            }
            Node::Set(s) => {
                self.sets.push(s.clone());
                self.push(Inst::Set(self.sets.len() - 1))?;
            }
            Node::Assert(a) => {
                self.push(Inst::Assert(*a))?;
            }
            Node::Cat(items) => {
                for it in items {
                    self.emit(it)?;
                }
            }
            Node::Alt(alts) => {
                let mut jumps = Vec::new();
                for (k, alt) in alts.iter().enumerate() {
                    if k + 1 < alts.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(alt)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.prog.len();
                        self.prog[split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit(alt)?;
                    }
                }
                let end = self.prog.len();
                for j in jumps {
                    self.prog[j] = Inst::Jmp(end);
                }
            }
            Node::Group(x, index) => {
                self.push(Inst::Save(2 * index))?;
                self.emit(x)?;
                self.push(Inst::Save(2 * index + 1))?;
            }
            Node::Rep(x, min, max) => {
                for _ in 0..*min {
                    self.emit(x)?;
                }
                match max {
                    None => {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit(x)?;
                        self.push(Inst::Jmp(split))?;
                        let end = self.prog.len();
                        self.prog[split] = Inst::Split(split + 1, end);
                    }
                    Some(m) => {
                        let mut splits = Vec::new();
                        for _ in *min..*m {
                            splits.push(self.push(Inst::Split(0, 0))?);
                            self.emit(x)?;
                        }
                        let end = self.prog.len();
                        for s in splits {
                            self.prog[s] = Inst::Split(s + 1, end);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn assert_holds(a: Assert, s: &[char], i: usize) -> bool {
        let before = i > 0 && word_char(s[i - 1]);
        let after = i < s.len() && word_char(s[i]);
        match a {
            Assert::Bol => i == 0,
            Assert::Eol => i == s.len(),
            Assert::WordB => before != after,
            Assert::NotWordB => before == after,
            Assert::WordStart => !before && after,
            Assert::WordEnd => before && !after,
        }
    }

    /// Adds the state `pc` and everything reachable from it without
    /// consuming text.
    fn add(&self, list: &mut Threads, pc: usize, s: &[char], i: usize) {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if !list.insert(pc) {
                continue;
            }
            match self.prog[pc] {
                Inst::Jmp(t) => stack.push(t),
                Inst::Save(_) => stack.push(pc + 1),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Inst::Assert(a) if Self::assert_holds(a, s, i) => stack.push(pc + 1),
                _ => {}
            }
        }
    }

    /// Whether the state at `pc` consumes the character `c`.
    fn consumes(&self, pc: usize, c: char) -> bool {
        match self.prog[pc] {
            Inst::Char(x) => x == c,
            Inst::Any => true,
            Inst::Set(k) => {
                let set = &self.sets[k];
                set.has(c) || (self.icase && (set.has(upper(c)) || set.has(lower(c))))
            }
            _ => false,
        }
    }

    fn step(&self, clist: &Threads, nlist: &mut Threads, s: &[char], i: usize) {
        for &pc in &clist.dense {
            if self.consumes(pc, s[i]) {
                self.add(nlist, pc + 1, s, i + 1);
            }
        }
    }

    fn prepare(&self, text: &str) -> Vec<char> {
        if self.icase {
            text.chars().map(lower).collect()
        } else {
            text.chars().collect()
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let s = self.prepare(text);
        let mut clist = Threads::new(self.prog.len());
        let mut nlist = Threads::new(self.prog.len());
        self.add(&mut clist, 0, &s, 0);
        for i in 0..=s.len() {
            if clist
                .dense
                .iter()
                .any(|&pc| matches!(self.prog[pc], Inst::Match))
            {
                return true;
            }
            if i == s.len() {
                break;
            }
            nlist.clear();
            self.step(&clist, &mut nlist, &s, i);
            self.add(&mut nlist, 0, &s, i + 1);
            std::mem::swap(&mut clist, &mut nlist);
        }
        false
    }

    /// The longest match starting at `start` whose end `accept` allows.
    fn longest_from(
        &self,
        s: &[char],
        start: usize,
        accept: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut clist = Threads::new(self.prog.len());
        let mut nlist = Threads::new(self.prog.len());
        self.add(&mut clist, 0, s, start);
        let mut best = None;
        let mut i = start;
        loop {
            if clist
                .dense
                .iter()
                .any(|&pc| matches!(self.prog[pc], Inst::Match))
                && accept(i)
            {
                best = Some(i);
            }
            if i == s.len() || clist.dense.is_empty() {
                return best;
            }
            nlist.clear();
            self.step(&clist, &mut nlist, s, i);
            std::mem::swap(&mut clist, &mut nlist);
            i += 1;
        }
    }

    /// The groups of the match `start..end` (found by `find_all`), as char
    /// ranges; index 0 is the whole match. Among the ways to match exactly
    /// that text, the one preferring earlier alternatives and longer
    /// repetitions decides the groups.
    pub(crate) fn captures(
        &self,
        text: &str,
        start: usize,
        end: usize,
    ) -> Vec<Option<(usize, usize)>> {
        type Thread = (usize, Vec<Option<usize>>);
        let s = self.prepare(text);
        let slots = 2 * (self.groups + 1);
        let add = |list: &mut Vec<Thread>,
                   seen: &mut Vec<bool>,
                   pc: usize,
                   caps: Vec<Option<usize>>,
                   i: usize| {
            let mut stack = vec![(pc, caps)];
            while let Some((pc, mut caps)) = stack.pop() {
                if std::mem::replace(&mut seen[pc], true) {
                    continue;
                }
                match self.prog[pc] {
                    Inst::Jmp(t) => stack.push((t, caps)),
                    Inst::Split(a, b) => {
                        stack.push((b, caps.clone()));
                        stack.push((a, caps));
                    }
                    Inst::Save(k) => {
                        caps[k] = Some(i);
                        stack.push((pc + 1, caps));
                    }
                    Inst::Assert(a) if Self::assert_holds(a, &s, i) => stack.push((pc + 1, caps)),
                    Inst::Assert(_) => {}
                    _ => list.push((pc, caps)),
                }
            }
        };
        let mut clist = Vec::new();
        add(
            &mut clist,
            &mut vec![false; self.prog.len()],
            0,
            vec![None; slots],
            start,
        );
        for (i, &c) in s.iter().enumerate().take(end).skip(start) {
            let mut nlist = Vec::new();
            let mut seen = vec![false; self.prog.len()];
            for (pc, caps) in clist {
                if self.consumes(pc, c) {
                    add(&mut nlist, &mut seen, pc + 1, caps, i + 1);
                }
            }
            clist = nlist;
        }
        let found = clist
            .into_iter()
            .find(|(pc, _)| matches!(self.prog[*pc], Inst::Match))
            .map(|(_, caps)| caps);
        let caps = found.unwrap_or_else(|| vec![None; slots]);
        let mut out = vec![Some((start, end))];
        for g in 1..=self.groups {
            out.push(caps[2 * g].zip(caps[2 * g + 1]));
        }
        out
    }

    /// Leftmost-longest matches of `text` as char ranges, in order. `word`
    /// and `line` restrict them as grep's -w and -x do.
    pub(crate) fn find_all(&self, text: &str, word: bool, line: bool) -> Vec<(usize, usize)> {
        let s = self.prepare(text);
        let n = s.len();
        let mut out = Vec::new();
        let mut from = 0;
        while from <= n {
            let mut found = None;
            for st in from..=n {
                if (line && st > 0) || (word && st > 0 && word_char(s[st - 1])) {
                    continue;
                }
                let accept = |e: usize| (!line || e == n) && (!word || e == n || !word_char(s[e]));
                if let Some(e) = self.longest_from(&s, st, &accept) {
                    found = Some((st, e));
                    break;
                }
            }
            let Some((st, e)) = found else { break };
            out.push((st, e));
            from = if e > st { e } else { e + 1 };
        }
        out
    }
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// A set of NFA states: insertion order kept, membership in O(1).
struct Threads {
    dense: Vec<usize>,
    seen: Vec<bool>,
}

impl Threads {
    fn new(n: usize) -> Threads {
        Threads {
            dense: Vec::new(),
            seen: vec![false; n],
        }
    }

    fn insert(&mut self, pc: usize) -> bool {
        if self.seen[pc] {
            return false;
        }
        self.seen[pc] = true;
        self.dense.push(pc);
        true
    }

    fn clear(&mut self) {
        for &pc in &self.dense {
            self.seen[pc] = false;
        }
        self.dense.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, ere: bool, s: &str) -> bool {
        Regex::new(p, ere, false).unwrap().is_match(s)
    }

    #[test]
    fn basic_and_extended() {
        assert!(m("web", false, "web-0   1/1   Running"));
        assert!(m("^web-[0-9]", false, "web-12"));
        assert!(!m("^web-[0-9]", false, "xweb-1"));
        assert!(m("Running$", false, "web-0 Running"));
        assert!(m("a.c", false, "abc"));
        assert!(m("ab*c", false, "ac"));
        assert!(m("a\\(bc\\)*d", false, "abcbcd"));
        assert!(m("a\\{2,3\\}", false, "baab"));
        assert!(!m("^a\\{2,3\\}$", false, "aaaa"));
        assert!(m("a+", false, "a+"));
        assert!(!m("a+", false, "aa"));
        assert!(m("a\\+", false, "aa"));
        assert!(m("Running|Pending", true, "Pending"));
        assert!(!m("Running|Pending", false, "Pending"));
        assert!(m("Running\\|Pending", false, "Pending"));
        assert!(m("(ab)+$", true, "xabab"));
        assert!(m("^[[:digit:]]+/[0-9]$", true, "1/1"));
        assert!(m("[^a-z]", true, "abc1"));
        assert!(!m("[^a-z]", true, "abc"));
        assert!(m("colou?r", true, "color"));
        assert!(m("x{2}", true, "axxb"));
        assert!(m("a{", true, "a{"));
        assert!(m("\\<web\\>", false, "a web b"));
        assert!(!m("\\<web\\>", false, "webs"));
        assert!(m("a)", true, "a)"));
        assert!(m("", false, "anything"));
        assert!(Regex::new("running", false, true)
            .unwrap()
            .is_match("RUNNING"));
        assert!(Regex::new("[a-c]x", false, true).unwrap().is_match("BX"));
    }

    #[test]
    fn errors_are_worded_as_grep() {
        assert_eq!(
            Regex::new("(a", true, false).unwrap_err(),
            "Unmatched ( or \\("
        );
        assert_eq!(
            Regex::new("\\(a", false, false).unwrap_err(),
            "Unmatched ( or \\("
        );
        assert_eq!(
            Regex::new("a\\)", false, false).unwrap_err(),
            "Unmatched ) or \\)"
        );
        assert_eq!(
            Regex::new("[a", false, false).unwrap_err(),
            "Unmatched [, [^, [:, [., or [="
        );
        assert_eq!(
            Regex::new("a\\", false, false).unwrap_err(),
            "Trailing backslash"
        );
        assert_eq!(
            Regex::new("a\\{1", false, false).unwrap_err(),
            "Unmatched \\{"
        );
        assert_eq!(
            Regex::new("a\\{1,x\\}", false, false).unwrap_err(),
            "Invalid content of \\{\\}"
        );
        assert!(Regex::new("((((a{1000}){1000}){1000}))", true, false).is_err());
        assert!(Regex::new(&"(".repeat(10_000), true, false).is_err());
    }

    #[test]
    fn leftmost_longest() {
        let re = Regex::new("a+|b", true, false).unwrap();
        assert_eq!(
            re.find_all("xaaab b", false, false),
            vec![(1, 4), (4, 5), (6, 7)]
        );
        let re = Regex::new("web", false, false).unwrap();
        assert_eq!(
            re.find_all("web webs web", true, false),
            vec![(0, 3), (9, 12)]
        );
        assert_eq!(re.find_all("web", false, true), vec![(0, 3)]);
        assert!(re.find_all("webs", false, true).is_empty());
        let re = Regex::new("x*", false, false).unwrap();
        assert_eq!(
            re.find_all("ab", false, false),
            vec![(0, 0), (1, 1), (2, 2)]
        );
    }

    #[test]
    fn captures_groups() {
        let re = Regex::new("\\([a-z]*\\)-\\([0-9]*\\)", false, false).unwrap();
        let text = "pod web-12 up";
        let (s, e) = re.find_all(text, false, false)[0];
        assert_eq!((s, e), (4, 10));
        assert_eq!(
            re.captures(text, s, e),
            vec![Some((4, 10)), Some((4, 7)), Some((8, 10))]
        );
        let re = Regex::new("(a|ab)(c|bcd)?", true, false).unwrap();
        let (s, e) = re.find_all("abcd", false, false)[0];
        assert_eq!((s, e), (0, 4));
        assert_eq!(
            re.captures("abcd", s, e),
            vec![Some((0, 4)), Some((0, 1)), Some((1, 4))]
        );
        let re = Regex::new("x(y)?", true, false).unwrap();
        assert_eq!(re.captures("x", 0, 1), vec![Some((0, 1)), None]);
    }

    #[test]
    fn pathological_patterns_stay_linear() {
        let re = Regex::new("(a*)*b", true, false).unwrap();
        assert!(!re.is_match(&"a".repeat(20_000)));
        let re = Regex::new("(a|aa)*c", true, false).unwrap();
        assert!(!re.is_match(&"a".repeat(20_000)));
    }
}
