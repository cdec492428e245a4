//! The journey's activities as a graph, for the rules both sides apply: the mock refuses a
//! journey whose activities form a cycle, and the console says so on the canvas first.

use std::collections::BTreeMap;

/// A cycle, as the ids around it, if any (depth first, in id order).
pub fn find_cycle(edges: &BTreeMap<&str, Vec<&str>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| *n == node).unwrap_or(0);
                let mut cycle: Vec<String> =
                    stack[from..].iter().map(|s| (*s).to_owned()).collect();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    edges.keys().find_map(|node| visit(node, edges, &mut marks, &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_is_named_around_and_a_tree_has_none() {
        let tree: BTreeMap<&str, Vec<&str>> =
            [("a", vec!["b", "c"]), ("b", vec!["c"]), ("c", vec![])].into();
        assert_eq!(find_cycle(&tree), None);
        let looped: BTreeMap<&str, Vec<&str>> = [("a", vec!["b"]), ("b", vec!["a"])].into();
        assert_eq!(find_cycle(&looped), Some(vec!["a".into(), "b".into(), "a".into()]));
    }
}
