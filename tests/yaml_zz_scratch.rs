use composelint::source::SourceMap;
use composelint::yaml::{self, Node, NodeKind};

fn dump(sm: &SourceMap, n: &Node, indent: usize, out: &mut String) {
    let (p, _) = sm.position(n.span);
    let txt = sm.slice(n.span).replace('\n', "\\n");
    let pad = " ".repeat(indent);
    match &n.kind {
        NodeKind::Scalar(s) => out.push_str(&format!("{pad}S {:?} {:?} tag={:?} @{}:{} [{}]\n", s.value, s.style, n.tag, p.line, p.column, txt)),
        NodeKind::Sequence(items) => { out.push_str(&format!("{pad}SEQ tag={:?} @{}:{} [{}]\n", n.tag, p.line, p.column, txt)); for i in items { dump(sm, i, indent+2, out); } }
        NodeKind::Mapping(es) => { out.push_str(&format!("{pad}MAP tag={:?} @{}:{} [{}]\n", n.tag, p.line, p.column, txt)); for e in es { out.push_str(&format!("{pad} {}\n", if e.from_merge {"(merged)"} else {"-"})); dump(sm, &e.key, indent+2, out); dump(sm, &e.value, indent+4, out); } }
    }
}

#[test]
fn scratch() {
    let path = std::env::var("Y").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut sm = SourceMap::with_cwd("/");
    let id = sm.add_virtual("/x", "x", text.clone());
    let t = std::time::Instant::now();
    let f = yaml::parse(id, &text);
    let el = t.elapsed();
    let mut out = String::new();
    if std::env::var("Q").is_err() { for d in &f.documents { out.push_str("--- doc\n"); dump(&sm, d, 0, &mut out); } }
    for p in &f.problems { let (a, _) = sm.position(p.span); out.push_str(&format!("PROBLEM {:?} @{}:{} [{}] {}\n", p.kind, a.line, a.column, sm.slice(p.span), p.message)); }
    out.push_str(&format!("docs={} elapsed={:?}\n", f.documents.len(), el));
    std::fs::write("/tmp/scratch/out.txt", out).unwrap();
}
